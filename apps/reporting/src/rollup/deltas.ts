import type { EntityManager } from 'typeorm';
import type { AssignmentStatus, RatingLevel } from '#contracts';
import { ANCESTORS_OF_U } from '../tree/tree-lock.js';
import { FAMILIES, familySelect } from './rollup.sql.js';

/**
 * Incremental roll-up: a change to one unit's facts becomes a delta added to the rows of every
 * subtree that contains the unit (the ids on its path), in one statement, rows locked in key
 * order so concurrent writers never deadlock. Callers hold the tree lock (shared) and run inside
 * the transaction that changes the fact.
 */

const SUM = (table: string, columns: string[]) => columns.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(', ');

export type AssignmentCounter = 'n_new' | 'n_acknowledged' | 'n_in_progress' | 'n_done' | 'n_done_on_time';
export const COUNTER_OF: Record<AssignmentStatus, AssignmentCounter> = {
  new: 'n_new',
  acknowledged: 'n_acknowledged',
  in_progress: 'n_in_progress',
  done: 'n_done',
};
const ASSIGNMENT_COUNTERS: AssignmentCounter[] = ['n_new', 'n_acknowledged', 'n_in_progress', 'n_done', 'n_done_on_time'];

export async function addAssignmentDelta(
  manager: EntityManager,
  planId: string,
  unitId: string,
  dueAt: string | null,
  delta: Partial<Record<AssignmentCounter, number>>,
): Promise<void> {
  await manager.query(
    `INSERT INTO agg_assignments (plan_id, unit_id, due_at, ${ASSIGNMENT_COUNTERS.join(', ')})
     SELECT $1::uuid, anc.id, coalesce($3::timestamptz, 'infinity'::timestamptz), $4, $5, $6, $7, $8
     FROM units u CROSS JOIN LATERAL ${ANCESTORS_OF_U} AS anc(id) WHERE u.id = $2 ORDER BY anc.id
     ON CONFLICT (plan_id, unit_id, due_at) DO UPDATE SET ${SUM('agg_assignments', ASSIGNMENT_COUNTERS)}`,
    [planId, unitId, dueAt, ...ASSIGNMENT_COUNTERS.map((c) => delta[c] ?? 0)],
  );
}

export interface ReportDelta {
  received: number;
  onTime: number;
  accepted: number;
  returned: number;
}

export interface ReportKey {
  planId: string;
  obligationId: string;
  periodKey: string;
  unitId: string;
  dueAt: string;
}

export async function addReportDelta(manager: EntityManager, report: ReportKey, delta: ReportDelta): Promise<void> {
  if (!delta.received && !delta.onTime && !delta.accepted && !delta.returned) return;
  await manager.query(
    `INSERT INTO agg_reports (obligation_id, period_key, unit_id, kind, due_at, plan_id, expected, received, on_time, accepted, returned)
     SELECT $1::uuid, $2::text, anc.id, u.kind, $4::timestamptz, $5::uuid, 0, $6, $7, $8, $9
     FROM units u CROSS JOIN LATERAL ${ANCESTORS_OF_U} AS anc(id) WHERE u.id = $3 ORDER BY anc.id
     ON CONFLICT (obligation_id, period_key, unit_id, kind, due_at)
       DO UPDATE SET ${SUM('agg_reports', ['expected', 'received', 'on_time', 'accepted', 'returned'])}`,
    [report.obligationId, report.periodKey, report.unitId, report.dueAt, report.planId, delta.received, delta.onTime, delta.accepted, delta.returned],
  );
}

/** One figure of a received report, as stored in report_figures. */
export interface FigureRow {
  indicator_code: string;
  num: string | number | null;
  yes: boolean;
}

/**
 * A report's figures enter (+1) or leave (-1) the roll-up. Adding keeps min and max with
 * LEAST/GREATEST; removing a value that was a subtree's min or max recomputes those two for
 * exactly the subtrees where it was (rare: only the extreme itself). Rows left with no value are
 * deleted, as a rebuild would never create them.
 */
export async function applyFigures(manager: EntityManager, report: ReportKey, figures: FigureRow[], sign: 1 | -1): Promise<void> {
  if (figures.length === 0) return;
  const rows = JSON.stringify(figures.map((f) => ({ code: f.indicator_code, num: f.num === null ? null : Number(f.num), yes: f.yes })));
  await manager.query(
    `INSERT INTO agg_figures (obligation_id, period_key, indicator_code, unit_id, plan_id, n, sum, yes, min, max)
     SELECT $1::uuid, $2::text, f.code, anc.id, $4::uuid, $6::int, $6::int * coalesce(f.num, 0), CASE WHEN f.yes THEN $6::int ELSE 0 END,
       CASE WHEN $6::int > 0 THEN f.num END, CASE WHEN $6::int > 0 THEN f.num END
     FROM jsonb_to_recordset($5::jsonb) AS f(code text, num numeric, yes boolean)
     CROSS JOIN units u CROSS JOIN LATERAL ${ANCESTORS_OF_U} AS anc(id)
     WHERE u.id = $3
     ORDER BY f.code, anc.id
     ON CONFLICT (obligation_id, period_key, indicator_code, unit_id) DO UPDATE SET
       n = agg_figures.n + excluded.n, sum = agg_figures.sum + excluded.sum, yes = agg_figures.yes + excluded.yes,
       min = CASE WHEN $6::int > 0 THEN LEAST(agg_figures.min, excluded.min) ELSE agg_figures.min END,
       max = CASE WHEN $6::int > 0 THEN GREATEST(agg_figures.max, excluded.max) ELSE agg_figures.max END`,
    [report.obligationId, report.periodKey, report.unitId, report.planId, rows, sign],
  );
  if (sign > 0) return;
  await manager.query(
    `DELETE FROM agg_figures g USING units u
     WHERE u.id = $3 AND g.unit_id = ANY(string_to_array(u.path::text, '.')::bigint[])
       AND g.obligation_id = $1 AND g.period_key = $2 AND g.n = 0`,
    [report.obligationId, report.periodKey, report.unitId],
  );
  // Subtrees whose min or max was one of the removed values: recompute both from the figures left.
  await manager.query(
    `WITH removed AS (SELECT * FROM jsonb_to_recordset($4::jsonb) AS f(code text, num numeric, yes boolean) WHERE num IS NOT NULL),
     stale AS (
       SELECT g.indicator_code, g.unit_id, a.path FROM agg_figures g
       JOIN removed r ON r.code = g.indicator_code AND (g.min = r.num OR g.max = r.num)
       JOIN units a ON a.id = g.unit_id
       WHERE g.obligation_id = $1 AND g.period_key = $2
         AND g.unit_id = ANY(string_to_array((SELECT path::text FROM units WHERE id = $3), '.')::bigint[])
     ),
     fresh AS (
       SELECT s.indicator_code, s.unit_id, x.min, x.max FROM stale s CROSS JOIN LATERAL (
         SELECT min(f.num) AS min, max(f.num) AS max FROM report_figures f JOIN units d ON d.id = f.unit_id
         WHERE f.obligation_id = $1 AND f.period_key = $2 AND f.indicator_code = s.indicator_code AND d.path <@ s.path
       ) x
     )
     UPDATE agg_figures g SET min = fresh.min, max = fresh.max FROM fresh
     WHERE g.obligation_id = $1 AND g.period_key = $2 AND g.indicator_code = fresh.indicator_code AND g.unit_id = fresh.unit_id`,
    [report.obligationId, report.periodKey, report.unitId, rows],
  );
}

/** A rating set or changed: one unit moves from its old level (if any) to the new one. */
export async function moveRating(manager: EntityManager, unitId: string, period: string, from: RatingLevel | null, to: RatingLevel): Promise<void> {
  if (from === to) return;
  const changes = [...(from ? [{ level: from, n: -1 }] : []), { level: to, n: 1 }];
  await manager.query(
    `INSERT INTO agg_ratings (period, unit_id, kind, level, n)
     SELECT $1::text, anc.id, u.kind, c.level, c.n
     FROM jsonb_to_recordset($3::jsonb) AS c(level text, n int)
     CROSS JOIN units u CROSS JOIN LATERAL ${ANCESTORS_OF_U} AS anc(id)
     WHERE u.id = $2 ORDER BY anc.id, c.level
     ON CONFLICT (period, unit_id, kind, level) DO UPDATE SET n = agg_ratings.n + excluded.n`,
    [period, unitId, JSON.stringify(changes)],
  );
  if (from) {
    await manager.query(
      `DELETE FROM agg_ratings g USING units u
       WHERE u.id = $2 AND g.unit_id = ANY(string_to_array(u.path::text, '.')::bigint[]) AND g.period = $1 AND g.n = 0`,
      [period, unitId],
    );
  }
}

/** For tests and operations: the roll-up rows of one subtree root as a rebuild would compute them. */
export async function freshRowsOf(manager: EntityManager, table: string, rootId: string): Promise<unknown[]> {
  const family = FAMILIES.find((f) => f.table === table)!;
  return manager.query(familySelect(family, true), [[rootId]]);
}
