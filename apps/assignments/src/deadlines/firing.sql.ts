import { noticeEventsCte } from '#deadlines';

/** Assignments per notice event: one target, up to this many assignments (a NATS payload stays small). */
export const NOTICE_EVENT_CHUNK = 1000;

/**
 * Due items share a step when they share everything the policy reads: the same task (so the same
 * plan, policy and assigning unit), deadline, grace start, progress and occurrence. One task
 * cascaded to 100,000 units is one group, fired by one statement per batch.
 * Parameters: $1 now, $2 max groups.
 */
export const DUE_GROUPS_SQL = `
  SELECT d.task_id, d.plan_id, d.occurrence, d.due_at, d.grace_from, d.fired_until, d.escalation_level,
    min(d.next_at) AS next_at, count(*)::int AS items
  FROM due_items d
  WHERE d.status = 'open' AND d.next_at <= $1
  GROUP BY d.task_id, d.plan_id, d.occurrence, d.due_at, d.grace_from, d.fired_until, d.escalation_level
  ORDER BY min(d.next_at)
  LIMIT $2`;

/** The WHERE clause naming one group ($1–$6) of open items that are due ($7 now). */
const GROUP_MATCH = `d.task_id = $1 AND d.occurrence = $2 AND d.due_at = $3 AND d.grace_from = $4
  AND d.fired_until IS NOT DISTINCT FROM $5 AND d.escalation_level = $6 AND d.status = 'open' AND d.next_at <= $7`;

/**
 * A group whose next step is not due after all (its plan's policy changed): store the new next step.
 * Parameters: group $1–$7, $8 next step, $9 next at.
 */
export const RESCHEDULE_GROUP_SQL = `
  WITH moved AS (
    UPDATE due_items d SET next_step = $8, next_at = $9, updated_at = now()
    WHERE ${GROUP_MATCH}
    RETURNING 1
  )
  SELECT count(*)::int AS moved FROM moved`;

/**
 * Fires one step for up to $8 items of a group, in one statement:
 * 1. takes the rows (FOR UPDATE SKIP LOCKED: replicas and the sweep share the work, a row is
 *    fired by one transaction only, and a row a finishing unit holds is left alone);
 * 2. advances them (what fired, the next step and its instant, all the same for the group);
 * 3. resolves each one's target unit: its own unit, the task's lead body when it lies inside the
 *    issuer's subtree (never above the issuer) or else the assigning unit, or the assigning unit;
 * 4. writes one history row per item (who, when, why), unique per (item, deadline, step);
 * 5. writes the notice events for exactly the history rows written, one per target unit and chunk
 *    of $16 assignments, into the outbox;
 * 6. for a recurring task at its overdue step, creates the next occurrence's due item.
 * No row travels to Node.
 *
 * Parameters: group $1–$7; $8 batch size; $9 fired_until, $10 escalation_level, $11 next_step,
 * $12 next_at (after this step); $13 step key; $14 history kind; $15 target ('owner' |
 * 'monitoring' | 'giver'); $16 chunk size; $17 role; $18 reason; $19 static event data (jsonb:
 * step, plan, task, dueAt, occurrence, assigningUnit, reason, firedAt); $20 capacity; $21 days
 * overdue; $22 subject; $23 correlation id; $24 next occurrence (jsonb: occurrence, dueAt,
 * graceFrom, nextStep, nextAt; or null); $25 a random seed for this statement's event ids.
 */
export function fireGroupSql(): string {
  return `
    WITH picked AS (
      SELECT d.id FROM due_items d
      WHERE ${GROUP_MATCH}
      ORDER BY d.id
      LIMIT $8
      FOR UPDATE SKIP LOCKED
    ),
    fired AS (
      UPDATE due_items d SET fired_until = $9, escalation_level = $10, next_step = $11, next_at = $12, updated_at = now()
      FROM picked p WHERE d.id = p.id
      RETURNING d.id, d.assignment_id, d.plan_id, d.task_id
    ),
    told AS (
      SELECT f.id AS due_item_id, f.assignment_id, f.plan_id, f.task_id, a.unit_id,
        CASE $15::text
          WHEN 'owner' THEN a.unit_id
          WHEN 'monitoring' THEN COALESCE(
            (SELECT lead.id FROM units lead JOIN units issuer ON issuer.id = a.assigner_unit_id
             WHERE lead.id = a.lead_unit_id AND lead.path <@ issuer.path),
            a.assigner_unit_id)
          ELSE a.assigner_unit_id
        END AS target_unit_id
      FROM fired f JOIN assignments a ON a.id = f.assignment_id
    ),
    numbered AS (
      SELECT t.*, (row_number() OVER (PARTITION BY t.target_unit_id ORDER BY t.unit_id) - 1) / $16 AS chunk FROM told t
    ),
    -- One event id per (target, chunk), computed from the row rather than joined back from a
    -- grouped CTE (CTEs carry no statistics: that join became a 10⁸-step nested loop). $25 is a
    -- fresh random seed per statement, so ids never repeat across batches.
    labelled AS (
      SELECT n.*, md5($25::text || ':' || n.target_unit_id || ':' || n.chunk)::uuid AS event_id FROM numbered n
    ),
    history AS (
      INSERT INTO assignment_history (assignment_id, due_item_id, kind, step, deadline_at, target_unit_id, target_role, reason, event_id)
      SELECT l.assignment_id, l.due_item_id, $14, $13, $3, l.target_unit_id, $17, $18, l.event_id
      FROM labelled l
      ON CONFLICT (due_item_id, deadline_at, step) WHERE step IS NOT NULL DO NOTHING
      RETURNING assignment_id, due_item_id, target_unit_id, event_id
    ),
    per_event AS (
      SELECT h.event_id, h.target_unit_id, tu.code AS target_code, tu.name AS target_name,
        jsonb_agg(jsonb_build_object(
          'assignmentId', h.assignment_id, 'dueItemId', h.due_item_id,
          'unit', jsonb_build_object('id', u.id::text, 'code', u.code, 'name', u.name),
          'daysOverdue', $21::int) ORDER BY u.code) AS items
      FROM history h
      JOIN assignments a ON a.id = h.assignment_id
      JOIN units u ON u.id = a.unit_id
      JOIN units tu ON tu.id = h.target_unit_id
      GROUP BY h.event_id, h.target_unit_id, tu.code, tu.name
    ),
    ${noticeEventsCte({ subject: '$22', correlationId: '$23', data: '$19', role: '$17', capacity: '$20' })},
    next_occurrence AS (
      INSERT INTO due_items (assignment_id, plan_id, task_id, occurrence, due_at, grace_from, next_step, next_at)
      SELECT f.assignment_id, f.plan_id, f.task_id, $24::jsonb->>'occurrence', ($24::jsonb->>'dueAt')::timestamptz,
        ($24::jsonb->>'graceFrom')::timestamptz, $24::jsonb->>'nextStep', ($24::jsonb->>'nextAt')::timestamptz
      FROM fired f
      WHERE $24::jsonb IS NOT NULL
      ON CONFLICT (assignment_id, occurrence) DO NOTHING
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM fired)::int AS fired, (SELECT count(*) FROM history)::int AS told,
      (SELECT count(*) FROM events)::int AS events, (SELECT count(*) FROM next_occurrence)::int AS next_occurrences`;
}
