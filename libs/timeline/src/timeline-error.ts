/**
 * A timeline text that cannot be turned into a deadline. Callers show `message` to the office that
 * typed or imported the plan, so it is Vietnamese and quotes what was written; `text` keeps the
 * exact input for logs.
 */
export class TimelineError extends Error {
  readonly code = 'TIMELINE.UNPARSEABLE';

  constructor(
    public readonly text: string,
    message: string,
  ) {
    super(message);
    this.name = 'TimelineError';
  }
}
