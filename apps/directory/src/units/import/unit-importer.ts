import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { EventSubjects, type ImportUnitsResult, type UnitImportRow, type UnitRecord, type UnitsUpsertedEvent } from '#contracts';
import { appendToOutbox } from '#persistence';
import { DomainError } from '#service-kit';
import { searchKey } from '../search-key.js';
import { UNIT_COLUMNS, type StoredUnit } from '../unit-record.js';
import { isChanged, placeRows, planImport, type PlacedUnit } from './import-plan.js';
import { normaliseRow } from './import-row.js';
import { EVERYWHERE, type ImportScope } from './import-scope.js';

export interface ImportProgress {
  phase: 'validate' | 'write' | 'events';
  done: number;
  total: number;
}

export interface ImportOptions {
  scope: ImportScope;
  correlationId?: string;
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportOutcome extends ImportUnitsResult {
  /** Units not in the import whose path changed because an ancestor in it moved. */
  movedDescendants: number;
  /** Outbox rows written: the caller nudges the relay when this is not 0. */
  eventsWritten: number;
}

/** Rows per INSERT: large enough to be set-based, small enough to show progress on big files. */
const UPSERT_CHUNK = 5000;
/** Units per `directory.units.upserted` event, so each message stays far below NATS' 1 MB. */
export const EVENT_CHUNK = 1000;

/**
 * Applies a unit import in one transaction. Not a Nest provider on purpose: the RPC service and
 * the ops CLI (which runs without NATS) share exactly this code; both publish through the outbox,
 * and whoever runs the relay sends the events.
 */
export class UnitImporter {
  constructor(private readonly dataSource: DataSource) {}

  run(rawRows: readonly unknown[], options: ImportOptions): Promise<ImportOutcome> {
    return this.dataSource.transaction((manager) => this.apply(manager, rawRows, options));
  }

  /**
   * Creates `root` if the directory holds no unit at all (a fresh install), then answers the
   * first top-level unit. Replicas starting together are serialised by the version row lock.
   */
  ensureRoot(root: UnitImportRow, correlationId: string = randomUUID()): Promise<{ root: UnitRecord; outcome: ImportOutcome | null }> {
    return this.dataSource.transaction(async (manager) => {
      await lockVersion(manager);
      const any: unknown[] = await manager.query('SELECT 1 FROM units LIMIT 1');
      const outcome = any.length === 0 ? await this.apply(manager, [root], { scope: EVERYWHERE, correlationId }) : null;
      const [first]: UnitRecord[] = await manager.query(
        `SELECT ${UNIT_COLUMNS} FROM units u WHERE u.parent_id IS NULL ORDER BY u.id LIMIT 1`,
      );
      return { root: first!, outcome };
    });
  }

  private async apply(manager: EntityManager, rawRows: readonly unknown[], options: ImportOptions): Promise<ImportOutcome> {
    const progress = options.onProgress ?? (() => undefined);
    const total = rawRows.length;
    // Taken first: a concurrent import waits here, so it plans against what this one committed.
    const version = await lockVersion(manager);

    progress({ phase: 'validate', done: 0, total });
    const rows = rawRows.map(normaliseRow);
    const codes = new Set<string>();
    for (const row of rows) {
      if (row.code) codes.add(row.code);
      if (row.parentCode) codes.add(row.parentCode);
    }
    const storedUnits: StoredUnit[] = await manager.query(`SELECT ${UNIT_COLUMNS} FROM units u WHERE u.code = ANY($1::text[])`, [
      [...codes],
    ]);
    const plan = planImport(rows, new Map(storedUnits.map((unit) => [unit.code, unit])), options.scope);
    if (plan.errors.length > 0) {
      throw DomainError.invalid(
        'UNIT.IMPORT_INVALID',
        plan.errors,
        `Dữ liệu nhập có ${plan.errors.length} lỗi; chưa có đơn vị nào được nhập`,
      );
    }
    progress({ phase: 'validate', done: total, total });

    const newCount = plan.rows.filter((planned) => planned.stored === null).length;
    const newIds: string[] =
      newCount === 0
        ? []
        : (
            await manager.query(
              `SELECT nextval(pg_get_serial_sequence('units', 'id'))::text AS id FROM generate_series(1, $1)`,
              [newCount],
            )
          ).map((row: { id: string }) => row.id);
    const placed = placeRows(plan.rows, newIds);
    const changed = placed.filter(isChanged);
    if (changed.length === 0) {
      // Nothing to tell anyone: the version stays, so no consumer waits for a version no event carries.
      return { created: 0, updated: 0, unchanged: total, total, directoryVersion: version, movedDescendants: 0, eventsWritten: 0 };
    }

    const directoryVersion = version + 1;
    await manager.query('UPDATE directory_version SET version = $1', [directoryVersion]);

    const written: (UnitRecord & { created: boolean })[] = [];
    progress({ phase: 'write', done: 0, total: changed.length });
    for (let start = 0; start < changed.length; start += UPSERT_CHUNK) {
      const chunk = changed.slice(start, start + UPSERT_CHUNK);
      written.push(...(await upsertUnits(manager, chunk, directoryVersion)));
      progress({ phase: 'write', done: start + chunk.length, total: changed.length });
    }
    const moves = changed.filter((unit) => unit.stored !== null && unit.stored.path !== unit.path);
    const moved = moves.length === 0 ? [] : await moveDescendants(manager, moves, placed, directoryVersion);

    const units: UnitRecord[] = [...written.map(({ created: _created, ...unit }) => unit), ...moved];
    const eventsWritten = await appendUpsertedEvents(manager, units, directoryVersion, options.correlationId ?? randomUUID(), progress);
    const created = written.filter((unit) => unit.created).length;
    return {
      created,
      updated: written.length - created,
      unchanged: total - written.length,
      total,
      directoryVersion,
      movedDescendants: moved.length,
      eventsWritten,
    };
  }
}

async function lockVersion(manager: EntityManager): Promise<number> {
  const [row]: { version: string }[] = await manager.query('SELECT version::text AS version FROM directory_version FOR UPDATE');
  return Number(row!.version);
}

/**
 * One statement per chunk: the rows travel as parallel arrays and unnest back into a table.
 * The WHERE on the conflict branch leaves identical rows untouched (no dead tuple, no event);
 * `xmax = 0` tells an inserted row from an updated one.
 */
async function upsertUnits(
  manager: EntityManager,
  units: PlacedUnit[],
  version: number,
): Promise<(UnitRecord & { created: boolean })[]> {
  return manager.query(
    `INSERT INTO units AS u (id, code, name, name_search, kind, parent_id, path, version, updated_at)
     SELECT r.id, r.code, r.name, r.name_search, r.kind, r.parent_id, r.path, $8, now()
     FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::ltree[])
       AS r (id, code, name, name_search, kind, parent_id, path)
     ON CONFLICT (code) DO UPDATE SET
       name = EXCLUDED.name, name_search = EXCLUDED.name_search, kind = EXCLUDED.kind,
       parent_id = EXCLUDED.parent_id, path = EXCLUDED.path, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
     WHERE (u.name, u.kind, u.parent_id, u.path) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.kind, EXCLUDED.parent_id, EXCLUDED.path)
     RETURNING ${UNIT_COLUMNS}, (u.xmax = 0) AS created`,
    [
      units.map((unit) => unit.id),
      units.map((unit) => unit.row.code),
      units.map((unit) => unit.row.name),
      units.map((unit) => searchKey(unit.row.name)),
      units.map((unit) => unit.row.kind),
      units.map((unit) => unit.parentId),
      units.map((unit) => unit.path),
      version,
    ],
  );
}

/**
 * Units that are not in the import but sit below a row whose path changed follow it: one UPDATE
 * rewrites each one's path from its nearest moved ancestor (the deepest old path containing it),
 * keeping the part below that ancestor (`subpath`). Rows of the import are excluded with an
 * anti-join (hashed), not `<> ALL`, which would compare every candidate with every imported id.
 */
async function moveDescendants(
  manager: EntityManager,
  moves: PlacedUnit[],
  imported: PlacedUnit[],
  version: number,
): Promise<UnitRecord[]> {
  return manager.query(
    `WITH moved AS (
       SELECT * FROM unnest($1::ltree[], $2::ltree[]) AS m (old_path, new_path)
     ), target AS (
       SELECT DISTINCT ON (d.id) d.id, m.new_path || subpath(d.path, nlevel(m.old_path)) AS new_path
       FROM units d JOIN moved m ON d.path <@ m.old_path AND d.path <> m.old_path
       WHERE NOT EXISTS (SELECT 1 FROM unnest($3::bigint[]) AS imported (id) WHERE imported.id = d.id)
       ORDER BY d.id, nlevel(m.old_path) DESC
     ), changed AS (
       UPDATE units u SET path = t.new_path, version = $4, updated_at = now()
       FROM target t WHERE u.id = t.id
       RETURNING ${UNIT_COLUMNS}
     )
     SELECT * FROM changed ORDER BY nlevel(path::ltree), id::bigint`,
    [moves.map((unit) => unit.stored!.path), moves.map((unit) => unit.path), imported.map((unit) => unit.id), version],
  );
}

/**
 * Every created or changed unit goes out in `directory.units.upserted` events of EVENT_CHUNK units,
 * parents before children, numbered `chunk` 1..chunkCount, all carrying the new directory version.
 */
async function appendUpsertedEvents(
  manager: EntityManager,
  units: UnitRecord[],
  directoryVersion: number,
  correlationId: string,
  progress: (progress: ImportProgress) => void,
): Promise<number> {
  const chunkCount = Math.ceil(units.length / EVENT_CHUNK);
  const events: UnitsUpsertedEvent[] = [];
  for (let chunk = 1; chunk <= chunkCount; chunk++) {
    events.push({ directoryVersion, chunk, chunkCount, units: units.slice((chunk - 1) * EVENT_CHUNK, chunk * EVENT_CHUNK) });
  }
  // A few dozen events per statement keeps one parameter from growing to hundreds of megabytes.
  const perStatement = 50;
  progress({ phase: 'events', done: 0, total: chunkCount });
  for (let start = 0; start < events.length; start += perStatement) {
    await appendToOutbox(manager, EventSubjects.unitsUpserted, events.slice(start, start + perStatement), { correlationId });
    progress({ phase: 'events', done: Math.min(start + perStatement, events.length), total: chunkCount });
  }
  return events.length;
}
