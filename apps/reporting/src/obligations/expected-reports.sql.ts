import type { IssuedObligation } from '#contracts';
import { ANCESTORS_OF_U } from '../tree/tree-lock.js';

/**
 * Which units report under an obligation, as a condition over the local tree copy (`u`): always
 * strictly inside the issuer's subtree. Parameters: $1 issuer id, $2 issuer path, $3 the
 * selector's argument (unit ids or kind).
 */
export function reporterCondition(target: IssuedObligation['target']): { sql: string; argument: unknown } {
  switch (target.type) {
    case 'units':
      return { sql: 'u.id = ANY($3::bigint[]) AND u.path <@ $2::ltree AND u.id <> $1', argument: target.unitIds };
    case 'direct-subordinates':
      return { sql: 'u.parent_id = $1 AND u.path <@ $2::ltree AND $3::text IS NULL', argument: null };
    case 'descendants':
      return { sql: 'u.path <@ $2::ltree AND u.id <> $1 AND u.kind = $3', argument: target.kind };
  }
}

/** The expected-report counters of every ancestor of the inserted reports' units, added in one go. */
const ADD_EXPECTED = `
  d AS (
    SELECT ins.obligation_id, ins.period_key, anc.id AS unit_id, u.kind, ins.due_at, ins.plan_id, count(*)::int AS n
    FROM ins JOIN units u ON u.id = ins.unit_id CROSS JOIN LATERAL ${ANCESTORS_OF_U} AS anc(id)
    GROUP BY ins.obligation_id, ins.period_key, anc.id, u.kind, ins.due_at, ins.plan_id
  ),
  added AS (
    INSERT INTO agg_reports (obligation_id, period_key, unit_id, kind, due_at, plan_id, expected)
    SELECT obligation_id, period_key, unit_id, kind, due_at, plan_id, n FROM d
    ORDER BY obligation_id, period_key, unit_id, kind, due_at
    ON CONFLICT (obligation_id, period_key, unit_id, kind, due_at)
      DO UPDATE SET expected = agg_reports.expected + excluded.expected
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM ins)::int AS created`;

/**
 * Opens one period of one obligation: one expected report per reporting unit (the unique key
 * makes a replay create nothing) and the counters of every subtree above them, in one statement
 * whatever the number of units. Each report's deadline is watched from the start (all share the
 * first step: same deadline, received together). Parameters after the selector's: $4 plan id,
 * $5 obligation id, $6 period key, $7 deadline, $8 grace start, $9 next step, $10 its instant.
 */
export function openPeriodSql(condition: string): string {
  return `
    WITH ins AS (
      INSERT INTO reports (plan_id, obligation_id, period_key, unit_id, due_at, grace_from, next_step, next_at)
      SELECT $4::uuid, $5::uuid, $6::text, u.id, $7::timestamptz, $8::timestamptz, $9::text, $10::timestamptz
      FROM units u WHERE ${condition}
      ON CONFLICT (obligation_id, period_key, unit_id) DO NOTHING
      RETURNING plan_id, obligation_id, period_key, unit_id, due_at
    ),
    ${ADD_EXPECTED}`;
}

/**
 * Units added to the tree, or moved into a duty's scope, while a period is still open (its
 * deadline ahead) report for it too, when the obligation's selector takes them (explicit lists
 * never take a new unit). One statement over every open period. Their deadline watch starts due
 * now (`next_at` = $2): the next firing run works out each one's first step under its plan's
 * policy. Parameters: $1 the new or moved units' ids, $2 now.
 */
export const ADD_NEW_UNITS_TO_OPEN_PERIODS = `
  WITH open AS (
    SELECT rp.obligation_id, rp.period_key, rp.due_at, o.plan_id, o.target, p.issuer_id, p.issuer_path
    FROM report_periods rp JOIN obligations o ON o.id = rp.obligation_id JOIN plans p ON p.id = o.plan_id
    WHERE rp.due_at > $2::timestamptz AND o.target->>'type' <> 'units'
  ),
  ins AS (
    INSERT INTO reports (plan_id, obligation_id, period_key, unit_id, due_at, grace_from, next_at)
    SELECT open.plan_id, open.obligation_id, open.period_key, u.id, open.due_at,
      greatest(open.due_at + interval '1 millisecond', $2::timestamptz), $2::timestamptz
    FROM units u JOIN open ON u.path <@ open.issuer_path AND u.id <> open.issuer_id
    WHERE u.id = ANY($1::bigint[])
      AND ((open.target->>'type' = 'direct-subordinates' AND u.parent_id = open.issuer_id)
        OR (open.target->>'type' = 'descendants' AND u.kind = open.target->>'kind'))
    ORDER BY open.obligation_id, open.period_key, u.id
    ON CONFLICT (obligation_id, period_key, unit_id) DO NOTHING
    RETURNING plan_id, obligation_id, period_key, unit_id, due_at
  ),
  ${ADD_EXPECTED}`;
