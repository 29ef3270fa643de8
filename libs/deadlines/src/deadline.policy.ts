/**
 * What happens now to one due item: a pure function of (item, policy, now). No clock, no zone, no
 * I/O: instants are epoch milliseconds, so the answer is the same in every process TZ. Day
 * arithmetic (end of the local day, quarters, working days) happened earlier, when the deadline was
 * computed (libs/timeline); here a deadline is one instant.
 *
 * Steps of one deadline, in time order:
 *   reminders   at dueAt − r            ("due soon", e.g. 7 days and 1 day before)
 *   overdue     at dueAt + 1 ms         (the first instant the work is late: 00:00 of the next day)
 *   escalation  at graceFrom + g₁, g₂, g₃ (1: the unit's secretary, 2: the monitoring body,
 *                                        3: the assigning unit's standing committee)
 * `graceFrom` is when the item became overdue, or when it was received if it arrived late: a unit
 * given work after its deadline gets the overdue notice at once and its full grace periods.
 *
 * Exactly once: a step fires only if it is after `firedUntil` (the instant of the last step fired
 * for this deadline) and, for escalations, above `escalationLevel`. Never early: only steps whose
 * instant is ≤ now fire. Catching up (after downtime, or work received late): escalations and the
 * overdue notice fire one by one, in order, none skipped (each tells someone else); reminders that
 * a later step has overtaken are skipped, and of several due reminders only the last is sent.
 */

export interface DeadlinePolicy {
  /** Milliseconds before the deadline, one reminder each (distinct, > 0). */
  remindersMs: readonly number[];
  /** Milliseconds after `graceFrom`, one escalation level each (increasing, > 0, at most 3). */
  escalationsMs: readonly number[];
}

export type StepKind = 'reminder' | 'overdue' | 'escalation';

export interface Step {
  kind: StepKind;
  /** Stable name within a deadline: `reminder:<seconds before>` (`reminder:<ms>ms` below a second), `overdue`, `escalation:<level>`. */
  key: string;
  /** Reminders: 1 = earliest; overdue: 0; escalations: 1–3. */
  level: number;
  /** When it falls due (epoch ms). */
  at: number;
}

export interface DueItemState {
  /** The deadline (epoch ms): the work is late when now > dueAt. */
  dueAt: number;
  /** Escalation grace counts from here: max(dueAt + 1, when the item was received). */
  graceFrom: number;
  /** Instant of the last step fired for this deadline, or null. */
  firedUntil: number | null;
  /** Highest escalation level fired for this deadline (0 = none). */
  escalationLevel: number;
}

export type NextAction =
  /** Nothing left to do for this deadline. */
  | { type: 'none' }
  /** The next step falls due at `step.at` (in the future). */
  | { type: 'wait'; step: Step }
  /** Fire `step` now; `skipped` are reminders it overtakes (never sent). */
  | { type: 'fire'; step: Step; skipped: Step[] };

export function graceFromFor(dueAt: number, receivedAt: number): number {
  return Math.max(dueAt + 1, receivedAt);
}

/** Every step of the deadline under the policy, in time order. */
export function stepsFor(state: Pick<DueItemState, 'dueAt' | 'graceFrom'>, policy: DeadlinePolicy): Step[] {
  const reminders = [...new Set(policy.remindersMs)].sort((a, b) => b - a);
  const steps: Step[] = [
    ...reminders.map((before, i) => ({ kind: 'reminder' as const, key: reminderKey(before), level: i + 1, at: state.dueAt - before })),
    { kind: 'overdue', key: 'overdue', level: 0, at: state.dueAt + 1 },
    ...policy.escalationsMs.map((grace, i) => ({ kind: 'escalation' as const, key: `escalation:${i + 1}`, level: i + 1, at: state.graceFrom + grace })),
  ];
  return steps.sort((a, b) => a.at - b.at || order(a) - order(b));
}

/** `reminder:604800` (seconds before); sub-second reminders (tests) keep their milliseconds, so keys never collide. */
function reminderKey(beforeMs: number): string {
  return beforeMs % 1000 === 0 ? `reminder:${beforeMs / 1000}` : `reminder:${beforeMs}ms`;
}

/** Ties (a reminder at the same instant as another step cannot happen, but be total anyway). */
function order(step: Step): number {
  return step.kind === 'reminder' ? 0 : step.kind === 'overdue' ? 1 : 1 + step.level;
}

function isPending(step: Step, state: DueItemState): boolean {
  if (state.firedUntil !== null && step.at <= state.firedUntil) return false;
  if (step.kind === 'escalation' && step.level <= state.escalationLevel) return false;
  return true;
}

export function nextAction(state: DueItemState, policy: DeadlinePolicy, now: number): NextAction {
  const pending = stepsFor(state, policy).filter((step) => isPending(step, state));
  if (pending.length === 0) return { type: 'none' };
  const due = pending.filter((step) => step.at <= now);
  if (due.length === 0) return { type: 'wait', step: pending[0] };
  const firstLate = due.find((step) => step.kind !== 'reminder');
  if (firstLate) {
    return { type: 'fire', step: firstLate, skipped: due.filter((step) => step.kind === 'reminder') };
  }
  const last = due[due.length - 1];
  return { type: 'fire', step: last, skipped: due.slice(0, -1) };
}

/** The state after `step` fired. */
export function afterFiring(state: DueItemState, step: Step): DueItemState {
  return {
    ...state,
    firedUntil: Math.max(state.firedUntil ?? Number.NEGATIVE_INFINITY, step.at),
    escalationLevel: step.kind === 'escalation' ? Math.max(state.escalationLevel, step.level) : state.escalationLevel,
  };
}

/** What is stored for scheduling: the next step and the instant it is due (≤ now when due already). */
export function schedule(action: NextAction): { nextStep: string | null; nextAt: number | null } {
  if (action.type === 'none') return { nextStep: null, nextAt: null };
  return { nextStep: action.step.key, nextAt: action.step.at };
}
