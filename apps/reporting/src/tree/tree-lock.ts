import type { EntityManager } from 'typeorm';

/**
 * Roll-up rows are keyed by the ancestors in each unit's path. A transaction that adds facts
 * reads those paths and updates those ancestors; one that moves units (or rebuilds) rewrites
 * them. The two must not interleave, or a fact could be added to the ancestors of a path that
 * is being replaced. Fact writers share this lock; tree moves and rebuilds take it alone.
 * Transaction-scoped: released at commit or rollback.
 */
const TREE_LOCK = 7_364_120_011;

export async function lockTreeShared(manager: EntityManager): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock_shared($1)', [TREE_LOCK]);
}

export async function lockTreeExclusive(manager: EntityManager): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock($1)', [TREE_LOCK]);
}

/** The ids on a unit's path (its ancestors and itself), as SQL over a `units` row aliased `u`. */
export const ANCESTORS_OF_U = `unnest(string_to_array(u.path::text, '.')::bigint[])`;
