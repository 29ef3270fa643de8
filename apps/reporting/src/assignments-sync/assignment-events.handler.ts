import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  ASSIGNMENT_STATUSES,
  EventSubjects,
  type AssignmentStatusChangedEvent,
  type AssignmentsCreatedEvent,
  type EventEnvelope,
} from '#contracts';
import { EventBus, RetryLater } from '#messaging';
import { addAssignmentDelta, COUNTER_OF, type AssignmentCounter } from '../rollup/deltas.js';
import { ANCESTORS_OF_U, lockTreeShared } from '../tree/tree-lock.js';

const rank = (status: string) => ASSIGNMENT_STATUSES.indexOf(status as (typeof ASSIGNMENT_STATUSES)[number]);

/**
 * Assignment progress as the assignments service publishes it, kept as facts (one row per
 * assignment: status, deadline, when it was done) and rolled up per subtree, plan and deadline:
 * completion, on-time and (at read time, from the deadlines) overdue counts.
 */
@Injectable()
export class AssignmentEventsHandler implements OnModuleInit {
  constructor(private readonly bus: EventBus) {}

  onModuleInit(): void {
    this.bus.subscribe({
      durable: 'reporting-assignments-created',
      subject: EventSubjects.assignmentsCreated,
      handle: (event, manager) => this.created(event, manager),
    });
    this.bus.subscribe({
      durable: 'reporting-assignment-status',
      subject: EventSubjects.assignmentStatusChanged,
      handle: (event, manager) => this.statusChanged(event, manager),
    });
  }

  /** A batch of new assignments (up to 1,000): facts and roll-up in one statement. */
  async created(event: EventEnvelope<string, AssignmentsCreatedEvent>, manager: EntityManager): Promise<void> {
    const { planId, taskId, assignments } = event.data;
    if (!assignments.length) return;
    await lockTreeShared(manager);
    const unitIds = [...new Set(assignments.map((a) => a.unitId))];
    const [{ known }] = await manager.query('SELECT count(*)::int AS known FROM units WHERE id = ANY($1::bigint[])', [unitIds]);
    if (known < unitIds.length) throw new RetryLater(`waiting for ${unitIds.length - known} units of the tree`);
    await manager.query(
      `WITH input AS (
         SELECT * FROM jsonb_to_recordset($3::jsonb) AS r(id uuid, "unitId" bigint, "dueAt" timestamptz)
       ),
       ins AS (
         INSERT INTO assignments (id, plan_id, task_id, unit_id, due_at, status)
         SELECT r.id, $1, $2, r."unitId", r."dueAt", 'new' FROM input r
         ON CONFLICT (id) DO NOTHING
         RETURNING unit_id, due_at
       ),
       d AS (
         SELECT anc.id AS unit_id, coalesce(ins.due_at, 'infinity'::timestamptz) AS due_at, count(*)::int AS n
         FROM ins JOIN units u ON u.id = ins.unit_id CROSS JOIN LATERAL ${ANCESTORS_OF_U} AS anc(id)
         GROUP BY anc.id, coalesce(ins.due_at, 'infinity'::timestamptz)
       )
       INSERT INTO agg_assignments (plan_id, unit_id, due_at, n_new)
       SELECT $1, unit_id, due_at, n FROM d ORDER BY unit_id, due_at
       ON CONFLICT (plan_id, unit_id, due_at) DO UPDATE SET n_new = agg_assignments.n_new + excluded.n_new`,
      [planId, taskId, JSON.stringify(assignments)],
    );
  }

  /**
   * Status moves forward only (new → acknowledged → in progress → done). An event can overtake the
   * one before it (another replica, a retry): one that finds the assignment not yet where it
   * starts from waits (RetryLater); one already applied does nothing.
   */
  async statusChanged(event: EventEnvelope<string, AssignmentStatusChangedEvent>, manager: EntityManager): Promise<void> {
    const { assignmentId, from, to } = event.data;
    await lockTreeShared(manager);
    const [current]: { status: string; plan_id: string; unit_id: string; due_at: Date | null }[] = await manager.query(
      'SELECT status, plan_id, unit_id::text AS unit_id, due_at FROM assignments WHERE id = $1 FOR UPDATE',
      [assignmentId],
    );
    if (!current) throw new RetryLater(`assignment ${assignmentId} not created here yet`);
    if (rank(current.status) >= rank(to)) return;
    if (current.status !== from) throw new RetryLater(`assignment ${assignmentId} is ${current.status}, event starts from ${from}`);
    const doneAt = to === 'done' ? event.occurredAt : null;
    await manager.query('UPDATE assignments SET status = $2, done_at = $3 WHERE id = $1', [assignmentId, to, doneAt]);
    const delta: Partial<Record<AssignmentCounter, number>> = { [COUNTER_OF[from]]: -1, [COUNTER_OF[to]]: 1 };
    if (doneAt && (!current.due_at || new Date(doneAt) <= current.due_at)) delta.n_done_on_time = 1;
    await addAssignmentDelta(manager, current.plan_id, current.unit_id, current.due_at?.toISOString() ?? null, delta);
  }
}
