import type { EntityManager } from 'typeorm';
import { ANCESTORS_OF_U } from '../tree/tree-lock.js';

/**
 * The roll-up tables and, for each, the one query that computes it from the base tables. Each
 * aggregate row sums the facts of every unit whose path contains the row's `unit_id`: the
 * subtree rooted there. Reads of any subtree are then one indexed lookup, whatever its size.
 *
 * Incremental writers (events, submissions, ratings) add deltas to the same rows in the same
 * transaction as the fact. The queries below are the definition those deltas must agree with:
 * `rebuild` recomputes everything from the facts and reports how many rows differed (the
 * rebuild-equals-incremental test expects 0), and `recomputeSubtrees` recomputes the rows of a
 * few subtree roots after a unit moved in the tree.
 */
export interface RollupFamily {
  table: string;
  keys: string[];
  values: string[];
  /** SELECT producing (keys, values) from facts; `{where}` receives the scope condition. */
  select: string;
  /** Whether the family depends on units' kinds (recomputed when a kind changes). */
  byKind: boolean;
}

const ANC = `CROSS JOIN LATERAL ${ANCESTORS_OF_U} AS anc(id)`;
const RECEIVED = `('submitted', 'resubmitted', 'accepted')`;

export const FAMILIES: RollupFamily[] = [
  {
    table: 'agg_assignments',
    keys: ['plan_id', 'unit_id', 'due_at'],
    values: ['n_new', 'n_acknowledged', 'n_in_progress', 'n_done', 'n_done_on_time'],
    byKind: false,
    select: `
      SELECT a.plan_id, anc.id AS unit_id, coalesce(a.due_at, 'infinity'::timestamptz) AS due_at,
        count(*) FILTER (WHERE a.status = 'new')::int AS n_new,
        count(*) FILTER (WHERE a.status = 'acknowledged')::int AS n_acknowledged,
        count(*) FILTER (WHERE a.status = 'in_progress')::int AS n_in_progress,
        count(*) FILTER (WHERE a.status = 'done')::int AS n_done,
        count(*) FILTER (WHERE a.status = 'done' AND a.done_at <= coalesce(a.due_at, 'infinity'::timestamptz))::int AS n_done_on_time
      FROM assignments a JOIN units u ON u.id = a.unit_id ${ANC}
      {where}
      GROUP BY a.plan_id, anc.id, coalesce(a.due_at, 'infinity'::timestamptz)`,
  },
  {
    table: 'agg_reports',
    keys: ['obligation_id', 'period_key', 'unit_id', 'kind', 'due_at'],
    values: ['plan_id', 'expected', 'received', 'on_time', 'accepted', 'returned'],
    byKind: true,
    select: `
      SELECT r.obligation_id, r.period_key, anc.id AS unit_id, u.kind, r.due_at, r.plan_id,
        count(*)::int AS expected,
        count(*) FILTER (WHERE r.status IN ${RECEIVED})::int AS received,
        count(*) FILTER (WHERE r.status IN ${RECEIVED} AND r.first_submitted_at <= r.due_at)::int AS on_time,
        count(*) FILTER (WHERE r.status = 'accepted')::int AS accepted,
        count(*) FILTER (WHERE r.status = 'returned')::int AS returned
      FROM reports r JOIN units u ON u.id = r.unit_id ${ANC}
      {where}
      GROUP BY r.obligation_id, r.period_key, anc.id, u.kind, r.due_at, r.plan_id`,
  },
  {
    table: 'agg_figures',
    keys: ['obligation_id', 'period_key', 'indicator_code', 'unit_id'],
    values: ['plan_id', 'n', 'sum', 'yes', 'min', 'max'],
    byKind: false,
    select: `
      SELECT f.obligation_id, f.period_key, f.indicator_code, anc.id AS unit_id, f.plan_id,
        count(*)::int AS n, coalesce(sum(f.num), 0) AS sum, count(*) FILTER (WHERE f.yes)::int AS yes,
        min(f.num) AS min, max(f.num) AS max
      FROM report_figures f JOIN units u ON u.id = f.unit_id ${ANC}
      {where}
      GROUP BY f.obligation_id, f.period_key, f.indicator_code, anc.id, f.plan_id`,
  },
  {
    table: 'agg_ratings',
    keys: ['period', 'unit_id', 'kind', 'level'],
    values: ['n'],
    byKind: true,
    select: `
      SELECT g.period, anc.id AS unit_id, u.kind, g.level, count(*)::int AS n
      FROM ratings g JOIN units u ON u.id = g.unit_id ${ANC}
      {where}
      GROUP BY g.period, anc.id, u.kind, g.level`,
  },
  {
    table: 'agg_units',
    keys: ['unit_id', 'kind'],
    values: ['n'],
    byKind: true,
    select: `
      SELECT anc.id AS unit_id, u.kind, count(*)::int AS n
      FROM units u ${ANC}
      {where}
      GROUP BY anc.id, u.kind`,
  },
];

const columns = (family: RollupFamily) => [...family.keys, ...family.values];

/**
 * Scope: only units inside the given subtree roots ($1, their ids), summed only into those roots.
 * The semi-join keeps a unit once even when two of the roots contain it.
 */
const SCOPED = `WHERE u.id IN (SELECT d.id FROM units s JOIN units d ON d.path <@ s.path WHERE s.id = ANY($1::bigint[]))
  AND anc.id = ANY($1::bigint[])`;

export function familySelect(family: RollupFamily, scoped: boolean): string {
  return family.select.replace('{where}', scoped ? SCOPED : '');
}

/**
 * Recomputes every roll-up row of the given subtree roots from the facts. Used after units moved
 * (the roots are the ancestors the moved units left or joined) and after a min or max was removed.
 * Cost: the facts inside those subtrees. Caller holds the tree lock exclusively.
 */
export async function recomputeSubtrees(manager: EntityManager, rootIds: string[], families: RollupFamily[] = FAMILIES): Promise<void> {
  if (rootIds.length === 0) return;
  for (const family of families) {
    await manager.query(`DELETE FROM ${family.table} WHERE unit_id = ANY($1::bigint[])`, [rootIds]);
    await manager.query(
      `INSERT INTO ${family.table} (${columns(family).join(', ')})
       SELECT * FROM (${familySelect(family, true)}) fresh ORDER BY ${family.keys.join(', ')}`,
      [rootIds],
    );
  }
}

/**
 * Recomputes every roll-up table from the facts and replaces it, counting the rows that differed
 * from what the incremental writers had kept. Caller holds the tree lock exclusively.
 */
export async function rebuildAll(manager: EntityManager): Promise<{ rows: Record<string, number>; differences: number }> {
  const rows: Record<string, number> = {};
  let differences = 0;
  for (const family of FAMILIES) {
    const fresh = `fresh_${family.table}`;
    await manager.query(`CREATE TEMP TABLE ${fresh} ON COMMIT DROP AS ${familySelect(family, false)}`);
    const [diff] = await manager.query(
      `SELECT (SELECT count(*) FROM (SELECT ${columns(family).join(', ')} FROM ${family.table}
                EXCEPT SELECT ${columns(family).join(', ')} FROM ${fresh}) a)::int
            + (SELECT count(*) FROM (SELECT ${columns(family).join(', ')} FROM ${fresh}
                EXCEPT SELECT ${columns(family).join(', ')} FROM ${family.table}) b)::int AS n`,
    );
    differences += diff.n;
    await manager.query(`DELETE FROM ${family.table}`);
    const inserted = await manager.query(
      `WITH ins AS (INSERT INTO ${family.table} (${columns(family).join(', ')})
         SELECT ${columns(family).join(', ')} FROM ${fresh} ORDER BY ${family.keys.join(', ')} RETURNING 1)
       SELECT count(*)::int AS n FROM ins`,
    );
    rows[family.table] = inserted[0].n;
  }
  return { rows, differences };
}

/** Every roll-up table's rows in a stable order, for comparisons in tests. */
export async function snapshotRollups(manager: EntityManager): Promise<Record<string, unknown[]>> {
  const snapshot: Record<string, unknown[]> = {};
  for (const family of FAMILIES) {
    snapshot[family.table] = await manager.query(
      `SELECT ${columns(family).map((c) => (c === 'sum' || c === 'min' || c === 'max' ? `${c}::float8 AS ${c}` : c)).join(', ')}
       FROM ${family.table} ORDER BY ${family.keys.join(', ')}`,
    );
  }
  return snapshot;
}
