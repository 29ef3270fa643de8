/**
 * Thrown by an event handler that cannot apply the event yet (it depends on data that has not
 * arrived, e.g. units of a newer directory version). The message is redelivered after `delayMs`.
 */
export class RetryLater extends Error {
  constructor(
    message: string,
    readonly delayMs = 1000,
  ) {
    super(message);
  }
}
