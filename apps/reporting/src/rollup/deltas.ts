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

/**
 * Report counters of many reports at once (a batch of submissions commits together, see
 * SubmissionBatcher): the deltas are summed per subtree row in SQL, so a province's row is
 * updated once per batch, not once per report.
 */
export async function addReportDeltas(manager: EntityManager, entries: { report: ReportKey; delta: ReportDelta }[]): Promise<void> {
  const changed = entries.filter(({ delta }) => delta.received || delta.onTime || delta.accepted || delta.returned);
  if (changed.length === 0) return;
  const rows = changed.map(({ report, delta }) => ({
    obligation_id: report.obligationId,
    period_key: report.periodKey,
    unit_id: report.unitId,
    due_at: report.dueAt,
    plan_id: report.planId,
    received: delta.received,
    on_time: delta.onTime,
    accepted: delta.accepted,
    returned: delta.returned,
  }));
  await manager.query(
    `INSERT INTO agg_reports (obligation_id, period_key, unit_id, kind, due_at, plan_id, expected, received, on_time, accepted, returned)
     SELECT d.obligation_id, d.period_key, anc.id, u.kind, d.due_at, d.plan_id, 0, sum(d.received), sum(d.on_time), sum(d.accepted), sum(d.returned)
     FROM jsonb_to_recordset($1::jsonb) AS d(obligation_id uuid, period_key text, unit_id bigint, due_at timestamptz, plan_id uuid,
       received int, on_time int, accepted int, returned int)
     JOIN units u ON u.id = d.unit_id CROSS JOIN LATERAL ${ANCESTORS_OF_U} AS anc(id)
     GROUP BY d.obligation_id, d.period_key, anc.id, u.kind, d.due_at, d.plan_id
     ORDER BY d.obligation_id, d.period_key, anc.id, u.kind, d.due_at
     ON CONFLICT (obligation_id, period_key, unit_id, kind, due_at)
       DO UPDATE SET ${SUM('agg_reports', ['expected', 'received', 'on_time', 'accepted', 'returned'])}`,
    [JSON.stringify(rows)],
  );
}

/** One figure of a received report, as stored in report_figures. */
export interface FigureRow {
  indicator_code: string;
  num: string | number | null;
  yes: boolean;
}

/**
 * Received reports' figures enter the roll-up, many reports at once (summed per subtree row in
 * SQL, like addReportDeltas); min and max are kept with LEAST/GREATEST.
 */
export async function addFigures(manager: EntityManager, entries: { report: ReportKey; figures: FigureRow[] }[]): Promise<void> {
  const rows = entries.flatMap(({ report, figures }) =>
    figures.map((f) => ({
      obligation_id: report.obligationId,
      period_key: report.periodKey,
      unit_id: report.unitId,
      plan_id: report.planId,
      code: f.indicator_code,
      num: f.num === null ? null : Number(f.num),
      yes: f.yes,
    })),
  );
  if (rows.length === 0) return;
  await manager.query(
    `INSERT INTO agg_figures (obligation_id, period_key, indicator_code, unit_id, plan_id, n, sum, yes, min, max)
     SELECT f.obligation_id, f.period_key, f.code, anc.id, f.plan_id, count(*)::int, sum(coalesce(f.num, 0)),
       count(*) FILTER (WHERE f.yes)::int, min(f.num), max(f.num)
     FROM jsonb_to_recordset($1::jsonb) AS f(obligation_id uuid, period_key text, unit_id bigint, plan_id uuid, code text, num numeric, yes boolean)
     JOIN units u ON u.id = f.unit_id CROSS JOIN LATERAL ${ANCESTORS_OF_U} AS anc(id)
     GROUP BY f.obligation_id, f.period_key, f.code, anc.id, f.plan_id
     ORDER BY f.obligation_id, f.period_key, f.code, anc.id
     ON CONFLICT (obligation_id, period_key, indicator_code, unit_id) DO UPDATE SET
       n = agg_figures.n + excluded.n, sum = agg_figures.sum + excluded.sum, yes = agg_figures.yes + excluded.yes,
       min = LEAST(agg_figures.min, excluded.min), max = GREATEST(agg_figures.max, excluded.max)`,
    [JSON.stringify(rows)],
  );
}

/**
 * A report's figures leave the roll-up (it was returned). Removing a value that was a subtree's
 * min or max recomputes those two for exactly the subtrees where it was (rare: only the extreme
 * itself). Rows left with no value are deleted, as a rebuild would never create them.
 */
export async function removeFigures(manager: EntityManager, report: ReportKey, figures: FigureRow[]): Promise<void> {
  if (figures.length === 0) return;
  const rows = JSON.stringify(figures.map((f) => ({ code: f.indicator_code, num: f.num === null ? null : Number(f.num), yes: f.yes })));
  await manager.query(
    `INSERT INTO agg_figures (obligation_id, period_key, indicator_code, unit_id, plan_id, n, sum, yes, min, max)
     SELECT $1::uuid, $2::text, f.code, anc.id, $4::uuid, -1, -coalesce(f.num, 0), CASE WHEN f.yes THEN -1 ELSE 0 END, NULL, NULL
     FROM jsonb_to_recordset($5::jsonb) AS f(code text, num numeric, yes boolean)
     CROSS JOIN units u CROSS JOIN LATERAL ${ANCESTORS_OF_U} AS anc(id)
     WHERE u.id = $3
     ORDER BY f.code, anc.id
     ON CONFLICT (obligation_id, period_key, indicator_code, unit_id) DO UPDATE SET
       n = agg_figures.n + excluded.n, sum = agg_figures.sum + excluded.sum, yes = agg_figures.yes + excluded.yes`,
    [report.obligationId, report.periodKey, report.unitId, report.planId, rows],
  );
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
