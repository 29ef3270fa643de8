import type { EntityManager } from 'typeorm';
import { nextAction, schedule, type DeadlinePolicy } from '#deadlines';

interface Group {
  task_id: string;
  occurrence: string;
  due_at: Date;
  grace_from: Date;
  fired_until: Date | null;
  escalation_level: number;
}

/**
 * Recomputes the next step of open due items after their policy changed, group by group (items
 * sharing a deadline and progress get the same answer, so a plan of 100,000 items is a handful of
 * UPDATEs). `filter` is SQL over `d` whose parameters start at $1. Returns the instants to time.
 */
export async function rescheduleOpenItems(
  manager: EntityManager,
  filter: { sql: string; params: unknown[] },
  policy: DeadlinePolicy,
  now: number,
): Promise<number[]> {
  const groups: Group[] = await manager.query(
    `SELECT d.task_id, d.occurrence, d.due_at, d.grace_from, d.fired_until, d.escalation_level
     FROM due_items d WHERE d.status = 'open' AND (${filter.sql})
     GROUP BY d.task_id, d.occurrence, d.due_at, d.grace_from, d.fired_until, d.escalation_level`,
    filter.params,
  );
  const instants: number[] = [];
  const n = filter.params.length;
  for (const group of groups) {
    const next = schedule(
      nextAction(
        {
          dueAt: group.due_at.getTime(),
          graceFrom: group.grace_from.getTime(),
          firedUntil: group.fired_until?.getTime() ?? null,
          escalationLevel: group.escalation_level,
        },
        policy,
        now,
      ),
    );
    await manager.query(
      `UPDATE due_items d SET next_step = $${n + 1}, next_at = $${n + 2}, updated_at = now()
       WHERE d.status = 'open' AND (${filter.sql}) AND d.task_id = $${n + 3} AND d.occurrence = $${n + 4} AND d.due_at = $${n + 5}
         AND d.grace_from = $${n + 6} AND d.fired_until IS NOT DISTINCT FROM $${n + 7} AND d.escalation_level = $${n + 8}`,
      [
        ...filter.params,
        next.nextStep,
        next.nextAt === null ? null : new Date(next.nextAt),
        group.task_id,
        group.occurrence,
        group.due_at,
        group.grace_from,
        group.fired_until,
        group.escalation_level,
      ],
    );
    if (next.nextAt !== null) instants.push(next.nextAt);
  }
  return instants;
}
