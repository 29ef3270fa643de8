import type { EntityManager } from 'typeorm';
import type { UnitsUpsertedEvent } from '#contracts';

/**
 * Applies one chunk of directory changes to the local copy of the tree (set-based) and records
 * the chunk, so `hasDirectoryVersion` can tell when a whole directory version has arrived.
 */
export async function applyUnitsChunk(manager: EntityManager, event: UnitsUpsertedEvent): Promise<void> {
  if (event.units.length) {
    await manager.query(
      // A late redelivery of an older version must not overwrite a newer state of the unit.
      `INSERT INTO units (id, code, name, kind, parent_id, path, version)
       SELECT u.id, u.code, u.name, u.kind, u."parentId", u.path::ltree, $2
       FROM jsonb_to_recordset($1::jsonb) AS u(id bigint, code text, name text, kind text, "parentId" bigint, path text)
       ON CONFLICT (id) DO UPDATE SET code = excluded.code, name = excluded.name, kind = excluded.kind,
         parent_id = excluded.parent_id, path = excluded.path, version = excluded.version
       WHERE units.version <= excluded.version`,
      [JSON.stringify(event.units), event.directoryVersion],
    );
  }
  await manager.query(
    `INSERT INTO directory_versions (version, chunk_count, chunks_received) VALUES ($1, $2, 1)
     ON CONFLICT (version) DO UPDATE SET chunks_received = directory_versions.chunks_received + 1`,
    [event.directoryVersion, event.chunkCount],
  );
}

/** True when every directory version up to `version` has fully arrived (versions have no gaps). */
export async function hasDirectoryVersion(manager: EntityManager, version: number): Promise<boolean> {
  if (version <= 0) return true;
  const [row] = await manager.query(
    'SELECT count(*)::int AS complete FROM directory_versions WHERE version <= $1 AND chunks_received >= chunk_count',
    [version],
  );
  return row.complete >= version;
}
