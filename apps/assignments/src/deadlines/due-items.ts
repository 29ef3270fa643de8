import type { EntityManager } from 'typeorm';
import type { Deadline } from '#contracts';
import { occurrenceKey } from '#timeline';
import { graceFromFor, nextAction, schedule, type DeadlinePolicy } from '#deadlines';

/** The first thing to watch for a task's deadline: the deadline itself, or its first occurrence. */
export function firstOccurrence(deadline: Deadline): { key: string; dueAt: string } | null {
  if (deadline.kind === 'fixed') return { key: 'once', dueAt: deadline.dueAt };
  if (deadline.kind === 'recurring') return { key: occurrenceKey(deadline.every, deadline.nextDueDate), dueAt: deadline.nextDueAt };
  // "Thường xuyên": no completion deadline. Its reporting dates would be due items too, but plans
  // carry no reporting dates yet (docs/architecture.md, Deadlines).
  return null;
}

/**
 * One due item per assignment of the task, set-based (a task to 100,000 units is one statement),
 * all with the same first step: they share the deadline and were received together. A replay
 * creates nothing (one item per assignment and occurrence). Returns the instant of the first step
 * for the timer, or null.
 */
export async function createDueItems(
  manager: EntityManager,
  taskId: string,
  deadline: Deadline,
  policy: DeadlinePolicy,
  now: number,
): Promise<{ created: number; nextAt: number | null }> {
  const first = firstOccurrence(deadline);
  if (!first) return { created: 0, nextAt: null };
  const item = initialDueItem(first, policy, now);
  const basis = deadline.kind === 'fixed' ? deadline.workingDays : undefined;
  const [row]: { created: number }[] = await manager.query(
    `WITH created AS (
       INSERT INTO due_items (assignment_id, plan_id, task_id, occurrence, due_at, grace_from, next_step, next_at, working_days, counted_from)
       SELECT a.id, a.plan_id, a.task_id, $2, $3, $4, $5, $6, $7, $8 FROM assignments a WHERE a.task_id = $1
       ON CONFLICT (assignment_id, occurrence) DO NOTHING
       RETURNING 1
     )
     SELECT count(*)::int AS created FROM created`,
    [taskId, item.occurrence, item.dueAt, item.graceFrom, item.nextStep, item.nextAt, basis?.count ?? null, basis?.from ?? null],
  );
  return { created: row.created, nextAt: item.nextAt === null ? null : Date.parse(item.nextAt) };
}

/** A new due item (one deadline, nothing fired yet, received now) and its first step. */
export function initialDueItem(occurrence: { key: string; dueAt: string }, policy: DeadlinePolicy, now: number) {
  const dueAt = Date.parse(occurrence.dueAt);
  const graceFrom = graceFromFor(dueAt, now);
  const next = schedule(nextAction({ dueAt, graceFrom, firedUntil: null, escalationLevel: 0 }, policy, now));
  return {
    occurrence: occurrence.key,
    dueAt: occurrence.dueAt,
    graceFrom: new Date(graceFrom).toISOString(),
    nextStep: next.nextStep,
    nextAt: next.nextAt === null ? null : new Date(next.nextAt).toISOString(),
  };
}

