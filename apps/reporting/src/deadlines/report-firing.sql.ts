import { noticeEventsCte } from '#deadlines';

/** Reports per notice event: one target, up to this many reports (a NATS payload stays small). */
export const REPORT_NOTICE_CHUNK = 1000;

/**
 * Reports share a step when they share everything the policy reads: the same obligation and period
 * (so the same plan, policy and addressee), deadline, grace start and progress. A period expected
 * from 100,000 units is one group, fired by one statement per batch. A report is watched while
 * `next_at` is set: from its opening until it is first submitted.
 * Parameters: $1 now, $2 max groups.
 */
export const DUE_REPORT_GROUPS_SQL = `
  SELECT r.obligation_id, r.period_key, r.plan_id, r.due_at, r.grace_from, r.fired_until, r.escalation_level,
    min(r.next_at) AS next_at, count(*)::int AS items
  FROM reports r
  WHERE r.next_at <= $1
  GROUP BY r.obligation_id, r.period_key, r.plan_id, r.due_at, r.grace_from, r.fired_until, r.escalation_level
  ORDER BY min(r.next_at)
  LIMIT $2`;

/** The WHERE clause naming one group ($1–$6) of watched reports that are due ($7 now). */
const GROUP_MATCH = `r.obligation_id = $1 AND r.period_key = $2 AND r.due_at = $3 AND r.grace_from = $4
  AND r.fired_until IS NOT DISTINCT FROM $5 AND r.escalation_level = $6 AND r.next_at <= $7`;

/**
 * A group whose next step is not due after all (its plan's policy changed, or it was just opened
 * and starts "due now"): store the real next step. Parameters: group $1–$7, $8 next step, $9 next at.
 */
export const RESCHEDULE_REPORT_GROUP_SQL = `
  WITH moved AS (
    UPDATE reports r SET next_step = $8, next_at = $9
    WHERE ${GROUP_MATCH}
    RETURNING 1
  )
  SELECT count(*)::int AS moved FROM moved`;

/**
 * Fires one step for up to $8 reports of a group, in one statement (as assignments' firing.sql.ts):
 * takes the rows FOR UPDATE SKIP LOCKED (replicas, the sweep and a unit submitting share them
 * safely), advances them, writes one history row per report, unique per (report, deadline, step),
 * and the notice events for exactly the rows written, one per target unit and chunk of $16 reports.
 * The target is each report's own unit, or one unit for the whole group ($15: the monitoring body
 * or the unit the reports go to, resolved by the caller inside the issuer's subtree).
 *
 * Parameters: group $1–$7; $8 batch size; $9 fired_until, $10 escalation_level, $11 next_step,
 * $12 next_at (after this step); $13 step key; $14 history kind; $15 target unit id or null (each
 * report's own unit); $16 chunk size; $17 role; $18 reason; $19 static event data (jsonb); $20
 * capacity; $21 days overdue; $22 subject; $23 correlation id; $24 a random seed for event ids.
 */
export function fireReportGroupSql(): string {
  return `
    WITH picked AS (
      SELECT r.id FROM reports r
      WHERE ${GROUP_MATCH}
      ORDER BY r.id
      LIMIT $8
      FOR UPDATE SKIP LOCKED
    ),
    fired AS (
      UPDATE reports r SET fired_until = $9, escalation_level = $10, next_step = $11, next_at = $12
      FROM picked p WHERE r.id = p.id
      RETURNING r.id, r.unit_id, COALESCE($15::bigint, r.unit_id) AS target_unit_id
    ),
    labelled AS (
      SELECT f.*, md5($24::text || ':' || f.target_unit_id || ':' ||
        ((row_number() OVER (PARTITION BY f.target_unit_id ORDER BY f.unit_id) - 1) / $16))::uuid AS event_id
      FROM fired f
    ),
    history AS (
      INSERT INTO report_deadline_history (report_id, kind, step, deadline_at, target_unit_id, target_role, reason, event_id)
      SELECT l.id, $14, $13, $3, l.target_unit_id, $17, $18, l.event_id FROM labelled l
      ON CONFLICT (report_id, deadline_at, step) DO NOTHING
      RETURNING report_id, target_unit_id, event_id
    ),
    per_event AS (
      SELECT h.event_id, h.target_unit_id, tu.code AS target_code, tu.name AS target_name,
        jsonb_agg(jsonb_build_object(
          'reportId', h.report_id,
          'unit', jsonb_build_object('id', u.id::text, 'code', u.code, 'name', u.name),
          'daysOverdue', $21::int) ORDER BY u.code) AS items
      FROM history h
      JOIN reports r ON r.id = h.report_id
      JOIN units u ON u.id = r.unit_id
      JOIN units tu ON tu.id = h.target_unit_id
      GROUP BY h.event_id, h.target_unit_id, tu.code, tu.name
    ),
    ${noticeEventsCte({ subject: '$22', correlationId: '$23', data: '$19', role: '$17', capacity: '$20' })}
    SELECT (SELECT count(*) FROM fired)::int AS fired, (SELECT count(*) FROM events)::int AS events`;
}
