/**
 * Where the deadline features read the time. Production uses the system clock; integration tests
 * move a fake one to a deadline and promote the BullMQ job instead of sleeping until it.
 */
export const CLOCK = Symbol('CLOCK');

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
