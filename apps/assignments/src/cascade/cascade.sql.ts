import type { IssuedTask } from '#contracts';
import { outboxEnvelopeSql } from '#persistence';

/** Assignments per `assignments.assignments.created` event: small enough for any NATS payload. */
export const CREATED_EVENT_CHUNK = 1000;

/**
 * The SQL condition choosing a task's implementing units from the local tree copy, always inside
 * the issuer's subtree and never the issuer itself. Parameters: $1 issuer id, $2 issuer path,
 * $3 the selector's argument (unit ids or kind).
 */
export function targetCondition(target: IssuedTask['target']): { sql: string; argument: unknown } {
  switch (target.type) {
    case 'units':
      return { sql: 'u.id = ANY($3::bigint[]) AND u.path <@ $2::ltree AND u.id <> $1', argument: target.unitIds };
    case 'direct-subordinates':
      return { sql: 'u.parent_id = $1 AND u.path <@ $2::ltree AND $3::text IS NULL', argument: null };
    case 'descendants':
      return { sql: 'u.path <@ $2::ltree AND u.id <> $1 AND u.kind = $3', argument: target.kind };
  }
}

/**
 * One statement per task: insert one assignment per selected unit (the unique (task, unit)
 * constraint makes a replay create nothing), then write the `created` events for exactly the
 * rows inserted, chunked, straight into the outbox. No row travels to Node and back, so the cost
 * is the cost of the inserts.
 *
 * Parameters after the selector's: $4 task json ({plan, task, deadline, deadlineKind, dueAt, leadUnitId}),
 * $5 subject, $6 correlation id, $7 causation id, $8 chunk size.
 */
export function cascadeTaskSql(condition: string): string {
  const envelope = outboxEnvelopeSql(
    'g.event_id',
    '$5',
    '$6',
    '$7',
    `jsonb_build_object('planId', $4::jsonb->>'planId', 'taskId', $4::jsonb->>'taskId', 'assignments', g.items)`,
  );
  return `
    WITH inserted AS (
      INSERT INTO assignments (plan_id, plan_symbol, plan_title, task_id, task_number, task_title, timeline,
        deadline_kind, due_at, unit_id, assigner_unit_id, parent_assignment_id, deadline, lead_unit_id)
      SELECT ($4::jsonb->>'planId')::uuid, $4::jsonb->>'planSymbol', $4::jsonb->>'planTitle',
        ($4::jsonb->>'taskId')::uuid, $4::jsonb->>'taskNumber', $4::jsonb->>'taskTitle', $4::jsonb->>'timeline',
        $4::jsonb->>'deadlineKind', ($4::jsonb->>'dueAt')::timestamptz, u.id, $1,
        ($4::jsonb->>'parentAssignmentId')::uuid, $4::jsonb->'deadline', ($4::jsonb->>'leadUnitId')::bigint
      FROM units u
      WHERE ${condition}
      ON CONFLICT (task_id, unit_id) DO NOTHING
      RETURNING id, unit_id, due_at
    ),
    grouped AS (
      SELECT gen_random_uuid() AS event_id,
        jsonb_agg(jsonb_build_object('id', id, 'unitId', unit_id::text, 'dueAt', due_at) ORDER BY unit_id) AS items
      FROM (SELECT *, (row_number() OVER (ORDER BY unit_id) - 1) / $8 AS chunk FROM inserted) numbered
      GROUP BY chunk
    ),
    events AS (
      INSERT INTO outbox (id, subject, envelope)
      SELECT g.event_id, $5, ${envelope} FROM grouped g
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM inserted)::int AS created, (SELECT count(*) FROM events)::int AS events`;
}
