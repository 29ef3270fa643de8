import type { EntityManager } from 'typeorm';
import type { UnitsUpsertedEvent } from '#contracts';
import { recordDirectoryChunk } from '#persistence';
import { ADD_NEW_UNITS_TO_OPEN_PERIODS } from '../obligations/expected-reports.sql.js';
import { FAMILIES, recomputeSubtrees } from '../rollup/rollup.sql.js';
import { ANCESTORS_OF_U, lockTreeExclusive, lockTreeShared } from './tree-lock.js';

interface AppliedUnit {
  id: string;
  path: string;
  kind: string;
  inserted: boolean;
  old_path: string | null;
  old_kind: string | null;
}

/**
 * Applies one chunk of directory changes to the local tree copy (set-based, same version
 * watermark as the assignments service: a late redelivery of an older version changes nothing)
 * and keeps the roll-ups exact:
 * - a new unit counts in its ancestors' unit totals, and reports for every still-open period
 *   whose obligation takes it (a unit added midway);
 * - a unit that moved (or changed kind) takes its facts from the subtrees it left to the ones it
 *   joined: the roll-up rows of exactly those subtree roots are recomputed from the facts; and
 *   like a new unit it reports for the still-open periods of the duties that take it now (moved
 *   into an issuer's subtree, or now of a 'descendants' selector's kind).
 */
export async function applyUnitsChunk(manager: EntityManager, event: UnitsUpsertedEvent, now = new Date()): Promise<void> {
  if (event.units.length) {
    const units = JSON.stringify(event.units);
    const [{ moving }] = await manager.query(
      `SELECT EXISTS (
         SELECT 1 FROM jsonb_to_recordset($1::jsonb) AS n(id bigint, kind text, path text)
         JOIN units u ON u.id = n.id
         WHERE (u.path <> n.path::ltree OR u.kind <> n.kind) AND u.version <= $2) AS moving`,
      [units, event.directoryVersion],
    );
    if (moving) await lockTreeExclusive(manager);
    else await lockTreeShared(manager);

    const applied: AppliedUnit[] = await manager.query(
      `WITH input AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS n(id bigint, code text, name text, kind text, "parentId" bigint, path text)
       ),
       old AS (
         SELECT u.id, u.path::text AS old_path, u.kind AS old_kind FROM units u JOIN input n ON n.id = u.id
       ),
       up AS (
         INSERT INTO units (id, code, name, kind, parent_id, path, version)
         SELECT n.id, n.code, n.name, n.kind, n."parentId", n.path::ltree, $2 FROM input n
         ON CONFLICT (id) DO UPDATE SET code = excluded.code, name = excluded.name, kind = excluded.kind,
           parent_id = excluded.parent_id, path = excluded.path, version = excluded.version
         WHERE units.version <= excluded.version
         RETURNING id, path::text AS path, kind, (xmax = 0) AS inserted
       )
       SELECT up.id::text AS id, up.path, up.kind, up.inserted, old.old_path, old.old_kind
       FROM up LEFT JOIN old ON old.id = up.id`,
      [units, event.directoryVersion],
    );

    const inserted = applied.filter((unit) => unit.inserted).map((unit) => unit.id);
    if (inserted.length) {
      await manager.query(
        `INSERT INTO agg_units (unit_id, kind, n)
         SELECT anc.id, u.kind, count(*)::int FROM units u CROSS JOIN LATERAL ${ANCESTORS_OF_U} AS anc(id)
         WHERE u.id = ANY($1::bigint[]) GROUP BY anc.id, u.kind ORDER BY anc.id, u.kind
         ON CONFLICT (unit_id, kind) DO UPDATE SET n = agg_units.n + excluded.n`,
        [inserted],
      );
    }
    // New units and units that moved or changed kind may now fall under a duty's selector. The
    // statement adds only what is missing (the unique key skips reports a unit already has, for
    // one that stays in scope), with the expected counters of every ancestor on the new path; the
    // recomputation below then rewrites the roots it covers from the facts, new reports included,
    // so both the common ancestors (by the delta) and the joined ones (by the recount) are exact.
    const reporting = applied.filter((unit) => unit.inserted || isMoveOrKindChange(unit)).map((unit) => unit.id);
    if (reporting.length) await manager.query(ADD_NEW_UNITS_TO_OPEN_PERIODS, [reporting, now.toISOString()]);
    // A unit that moved out of a plan's issuing subtree is no longer chased for that plan's
    // reports: reminders and escalations would go to units that are no longer above it.
    const moved = applied.filter(isMoveOrKindChange).map((unit) => unit.id);
    if (moved.length) await manager.query(STOP_WATCHING_OUT_OF_SCOPE, [moved]);

    const { all, byKind } = affectedRoots(applied);
    if (all.length) await recomputeSubtrees(manager, all, FAMILIES.filter((family) => !family.byKind));
    if (byKind.length) await recomputeSubtrees(manager, byKind, FAMILIES.filter((family) => family.byKind));
  }
  await recordDirectoryChunk(manager, event);
}

/** $1: the moved units' ids. Their reports still watched, of plans whose issuer is no longer above them. */
const STOP_WATCHING_OUT_OF_SCOPE = `
  UPDATE reports r SET next_step = NULL, next_at = NULL
  FROM units u, plans p
  WHERE u.id = ANY($1::bigint[]) AND r.unit_id = u.id AND r.next_at IS NOT NULL AND p.id = r.plan_id
    AND NOT (u.path <@ p.issuer_path AND u.id <> p.issuer_id)`;

const isMoveOrKindChange = (unit: AppliedUnit) =>
  unit.old_path !== null && (unit.old_path !== unit.path || unit.old_kind !== unit.kind);

/**
 * The subtree roots whose sums change: for a move, the ancestors on one path and not the other
 * (common ancestors keep the same facts); for a change of kind, which keys some roll-ups, every
 * ancestor on either path.
 */
export function affectedRoots(applied: Pick<AppliedUnit, 'inserted' | 'path' | 'kind' | 'old_path' | 'old_kind'>[]): { all: string[]; byKind: string[] } {
  const all = new Set<string>();
  const byKind = new Set<string>();
  for (const unit of applied) {
    if (unit.inserted || unit.old_path === null) continue;
    const before = unit.old_path.split('.');
    const after = unit.path.split('.');
    if (unit.old_path !== unit.path) {
      const a = new Set(after);
      const b = new Set(before);
      for (const id of before) if (!a.has(id)) all.add(id);
      for (const id of after) if (!b.has(id)) all.add(id);
    }
    if (unit.old_kind !== unit.kind) for (const id of [...before, ...after]) byKind.add(id);
  }
  for (const id of all) byKind.add(id);
  return { all: [...all].sort(), byKind: [...byKind].sort() };
}
