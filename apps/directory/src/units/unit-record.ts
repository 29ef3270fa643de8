import type { UnitRecord } from '#contracts';

/**
 * The columns every unit query selects, already shaped as a UnitRecord: bigints and ltree as text
 * (JavaScript numbers lose precision past 2^53, and every service handles ids as strings).
 * Callers alias the units table as `u`.
 */
export const UNIT_COLUMNS = `u.id::text AS id, u.code, u.name, u.kind, u.parent_id::text AS "parentId", u.path::text AS path`;

/** A unit as stored, before any change: what the import compares its rows with. */
export type StoredUnit = UnitRecord;
