import { outboxEnvelopeSql } from '#persistence';

/** The parameter placeholders a firing statement passes for its notice events. */
export interface NoticeEventParams {
  subject: string;
  correlationId: string;
  /** jsonb: what every event of the step says (step, plan, deadline, reason …). */
  data: string;
  role: string;
  capacity: string;
}

/**
 * The `events` CTE of a set-based firing statement: one outbox row per row of a `per_event` CTE
 * (columns event_id, target_unit_id, target_code, target_name, items), its envelope the step's
 * data plus the target (a NoticeTarget) and the items. Shared so that assignments' and reports'
 * notices have one shape of target.
 */
export function noticeEventsCte(p: NoticeEventParams): string {
  const envelope = outboxEnvelopeSql(
    'g.event_id',
    p.subject,
    p.correlationId,
    'NULL',
    `${p.data}::jsonb || jsonb_build_object(
      'target', jsonb_build_object('unitId', g.target_unit_id::text, 'unitCode', g.target_code, 'unitName', g.target_name,
        'role', ${p.role}::text, 'capacity', ${p.capacity}::text),
      'items', g.items)`,
  );
  return `events AS (
      INSERT INTO outbox (id, subject, envelope)
      SELECT g.event_id, ${p.subject}, ${envelope} FROM per_event g
      RETURNING 1
    )`;
}
