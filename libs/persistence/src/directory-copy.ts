import type { EntityManager } from 'typeorm';
import type { UnitsUpsertedEvent } from '#contracts';

/**
 * A service's own copy of the org tree, kept from `directory.units.upserted` (assignments,
 * reporting and notifications each keep one in their schema: a `units` table with a `version`
 * column, and for services that expand selectors a `directory_versions` table). One definition
 * of the rules, so every copy follows the directory the same way.
 */

/** Upserts a chunk's units; a late redelivery of an older version never overwrites a newer state. */
export async function upsertUnitsCopy(manager: EntityManager, event: UnitsUpsertedEvent): Promise<void> {
  if (event.units.length === 0) return;
  await manager.query(
    `INSERT INTO units (id, code, name, kind, parent_id, path, version)
     SELECT u.id, u.code, u.name, u.kind, u."parentId", u.path::ltree, $2
     FROM jsonb_to_recordset($1::jsonb) AS u(id bigint, code text, name text, kind text, "parentId" bigint, path text)
     ON CONFLICT (id) DO UPDATE SET code = excluded.code, name = excluded.name, kind = excluded.kind,
       parent_id = excluded.parent_id, path = excluded.path, version = excluded.version
     WHERE units.version <= excluded.version`,
    [JSON.stringify(event.units), event.directoryVersion],
  );
}

/** Records that one chunk of a directory version arrived (see `hasDirectoryVersion`). */
export async function recordDirectoryChunk(manager: EntityManager, event: UnitsUpsertedEvent): Promise<void> {
  await manager.query(
    `INSERT INTO directory_versions (version, chunk_count, chunks_received) VALUES ($1, $2, 1)
     ON CONFLICT (version) DO UPDATE SET chunks_received = directory_versions.chunks_received + 1`,
    [event.directoryVersion, event.chunkCount],
  );
}

/**
 * True when every directory version up to `version` has fully arrived (the directory numbers its
 * versions without gaps). A plan issued against a newer tree than the copy waits for it.
 */
export async function hasDirectoryVersion(manager: EntityManager, version: number): Promise<boolean> {
  if (version <= 0) return true;
  const [row] = await manager.query(
    'SELECT count(*)::int AS complete FROM directory_versions WHERE version <= $1 AND chunks_received >= chunk_count',
    [version],
  );
  return row.complete >= version;
}
