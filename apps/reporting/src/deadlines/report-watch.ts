import { graceFromFor, nextAction, schedule, type DeadlinePolicy } from '#deadlines';

/** What a report opened now starts with: nothing fired, grace from its deadline (or now, if late). */
export interface InitialWatch {
  graceFrom: Date;
  nextStep: string | null;
  nextAt: Date | null;
}

export function initialWatch(dueAt: Date, policy: DeadlinePolicy, now: number): InitialWatch {
  const graceFrom = graceFromFor(dueAt.getTime(), now);
  const next = schedule(nextAction({ dueAt: dueAt.getTime(), graceFrom, firedUntil: null, escalationLevel: 0 }, policy, now));
  return { graceFrom: new Date(graceFrom), nextStep: next.nextStep, nextAt: next.nextAt === null ? null : new Date(next.nextAt) };
}
