import type { EntityManager } from 'typeorm';
import { EventSubjects, type AssignmentDeadlineChangedEvent, type NoticeTarget } from '#contracts';
import { appendToOutbox, type EventMeta } from '#persistence';
import { graceFromFor, nextAction, schedule, type DeadlinePolicy } from '#deadlines';

/**
 * Moves one due item to a new deadline: nothing of the new deadline has fired yet, so every step
 * (reminders, overdue, escalations) is pending again, each still once (history is unique per
 * deadline). Returns the next step's instant for the timer.
 */
export async function moveDueItem(
  manager: EntityManager,
  dueItemId: string,
  dueAt: number,
  policy: DeadlinePolicy,
  now: number,
  keepWorkingDays: { count: number; from: string } | null,
): Promise<number | null> {
  const graceFrom = graceFromFor(dueAt, now);
  const next = schedule(nextAction({ dueAt, graceFrom, firedUntil: null, escalationLevel: 0 }, policy, now));
  await manager.query(
    `UPDATE due_items SET due_at = $2, grace_from = $3, fired_until = NULL, escalation_level = 0, next_step = $4, next_at = $5,
       working_days = $6, counted_from = $7, updated_at = now()
     WHERE id = $1`,
    [
      dueItemId,
      new Date(dueAt),
      new Date(graceFrom),
      next.nextStep,
      next.nextAt === null ? null : new Date(next.nextAt),
      keepWorkingDays?.count ?? null,
      keepWorkingDays?.from ?? null,
    ],
  );
  // The one-off deadline is also the assignment's own (lists and the plans service's checks read it).
  await manager.query(
    `UPDATE assignments a SET due_at = $2, updated_at = now() FROM due_items d
     WHERE d.id = $1 AND a.id = d.assignment_id AND d.occurrence = 'once'`,
    [dueItemId, new Date(dueAt)],
  );
  return next.nextAt;
}

interface ChangedAssignment {
  id: string;
  plan_id: string;
  plan_symbol: string;
  plan_title: string;
  task_id: string;
  task_number: string;
  task_title: string;
  unit_id: string;
  unit_code: string;
  unit_name: string;
}

/**
 * A parent deadline moved: re-check the plans linked to it (the unit that received it issued them;
 * child ≤ parent) and tell that unit, with each linked task's latest deadline and whether it now
 * falls after the parent's. Written to the outbox with the change.
 */
export async function announceDeadlineChange(
  manager: EntityManager,
  change: { assignmentId: string; dueItemId: string; previousDueAt: number; dueAt: number; reason: 'extension' | 'calendar' },
  meta: EventMeta,
): Promise<AssignmentDeadlineChangedEvent | null> {
  const [assignment]: ChangedAssignment[] = await manager.query(
    `SELECT a.id, a.plan_id, a.plan_symbol, a.plan_title, a.task_id, a.task_number, a.task_title,
       u.id::text AS unit_id, u.code AS unit_code, u.name AS unit_name
     FROM assignments a JOIN units u ON u.id = a.unit_id WHERE a.id = $1`,
    [change.assignmentId],
  );
  if (!assignment) return null;
  const children: { plan_id: string; plan_symbol: string; task_id: string; task_number: string; assignments: number; latest: Date | null }[] =
    await manager.query(
      `SELECT c.plan_id, c.plan_symbol, c.task_id, c.task_number, count(DISTINCT c.id)::int AS assignments, max(d.due_at) AS latest
       FROM assignments c LEFT JOIN due_items d ON d.assignment_id = c.id AND d.status = 'open'
       WHERE c.parent_assignment_id = $1
       GROUP BY c.plan_id, c.plan_symbol, c.task_id, c.task_number
       ORDER BY c.plan_symbol, c.task_number`,
      [change.assignmentId],
    );
  const unit = { id: assignment.unit_id, code: assignment.unit_code, name: assignment.unit_name };
  const targets: NoticeTarget[] = children.length
    ? [{ unitId: unit.id, unitCode: unit.code, unitName: unit.name, role: 'office', capacity: 'plan-issuer' }]
    : [];
  const event: AssignmentDeadlineChangedEvent = {
    assignmentId: assignment.id,
    dueItemId: change.dueItemId,
    plan: { id: assignment.plan_id, symbol: assignment.plan_symbol, title: assignment.plan_title },
    task: { id: assignment.task_id, number: assignment.task_number, title: assignment.task_title },
    unit,
    previousDueAt: new Date(change.previousDueAt).toISOString(),
    dueAt: new Date(change.dueAt).toISOString(),
    reason: change.reason,
    linkedChildren: children.map((child) => ({
      planId: child.plan_id,
      planSymbol: child.plan_symbol,
      taskId: child.task_id,
      taskNumber: child.task_number,
      assignments: child.assignments,
      latestDueAt: child.latest?.toISOString() ?? null,
      exceedsParent: child.latest !== null && child.latest.getTime() > change.dueAt,
    })),
    targets,
  };
  await appendToOutbox(manager, EventSubjects.assignmentDeadlineChanged, [event], meta);
  const exceeding = event.linkedChildren.filter((child) => child.exceedsParent);
  await manager.query(
    `INSERT INTO assignment_history (assignment_id, due_item_id, kind, deadline_at, target_unit_id, target_role, reason, actor)
     VALUES ($1, $2, 'deadline-changed', $3, $4, $5, $6, 'system')`,
    [
      change.assignmentId,
      change.dueItemId,
      new Date(change.dueAt),
      targets.length ? unit.id : null,
      targets.length ? 'office' : null,
      `Thời hạn đổi (${change.reason === 'extension' ? 'gia hạn' : 'lịch ngày làm việc'}); ${children.length} nhiệm vụ cấp dưới liên kết` +
        (exceeding.length ? `, ${exceeding.length} nhiệm vụ có hạn muộn hơn hạn mới: ${exceeding.map((c) => `${c.planSymbol} mục ${c.taskNumber}`).join(', ')}` : ''),
    ],
  );
  return event;
}
