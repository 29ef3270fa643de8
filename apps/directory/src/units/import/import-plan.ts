import type { FieldError } from '#contracts';
import { isWithin } from '#service-kit';
import type { StoredUnit } from '../unit-record.js';
import type { ImportRow } from './import-row.js';
import type { ImportScope } from './import-scope.js';

/**
 * Where a row's parent will be once the import is applied:
 * - `root`: no parent, a top-level unit;
 * - `row`: another row of the same import (placed first, it may be new or moving);
 * - `stored`: a unit already in the directory whose ancestors the import does not touch;
 * - `below-row`: a stored unit below a row of the import: if that row moves, the parent moves
 *   with it, so its final path is the row's final path + `suffix` (the labels after the row).
 */
export type ParentLink =
  | { type: 'root' }
  | { type: 'row'; code: string }
  | { type: 'stored'; unit: StoredUnit }
  | { type: 'below-row'; code: string; unit: StoredUnit; suffix: string };

export interface PlannedRow {
  row: ImportRow;
  stored: StoredUnit | null;
  parent: ParentLink;
}

/** Either every row-level error, or the rows ordered parents first. Never both. */
export interface ImportPlan {
  errors: FieldError[];
  rows: PlannedRow[];
}

const MAX_CODE_LENGTH = 64;
const MAX_NAME_LENGTH = 300;

/**
 * Validates a whole import against the units it names that already exist (`stored`, by code: every
 * row's code and parent code found in the directory) and orders it so that each unit comes after
 * its parent. Pure: all-or-nothing is easy when nothing is written until this says yes.
 */
export function planImport(rows: ImportRow[], stored: ReadonlyMap<string, StoredUnit>, scope: ImportScope): ImportPlan {
  const problems: { index: number; error: FieldError }[] = [];
  const report = (row: ImportRow, field: keyof ImportRow, message: string) =>
    problems.push({ index: row.index, error: { path: `rows[${row.index}].${field}`, message } });

  const byCode = new Map<string, ImportRow>();
  for (const row of rows) {
    if (!row.name) report(row, 'name', 'Tên đơn vị không được để trống');
    else if (row.name.length > MAX_NAME_LENGTH) report(row, 'name', `Tên đơn vị dài quá ${MAX_NAME_LENGTH} ký tự`);
    if (!row.kind) report(row, 'kind', 'Loại đơn vị không được để trống');
    if (!row.code) {
      report(row, 'code', 'Mã đơn vị không được để trống');
      continue;
    }
    if (row.code.length > MAX_CODE_LENGTH) report(row, 'code', `Mã đơn vị dài quá ${MAX_CODE_LENGTH} ký tự`);
    const first = byCode.get(row.code);
    if (first) report(row, 'code', `Mã đơn vị "${row.code}" bị trùng với dòng rows[${first.index}]`);
    else byCode.set(row.code, row);
  }

  // Stored units that are themselves rows of the import, by id: a stored parent below one of them
  // moves when it moves.
  const importedIds = new Map<string, string>();
  for (const code of byCode.keys()) {
    const unit = stored.get(code);
    if (unit) importedIds.set(unit.id, code);
  }

  const links = new Map<string, ParentLink>();
  for (const row of byCode.values()) {
    const own = stored.get(row.code);
    if (scope.kind === 'subtree' && own && !(own.path !== scope.path && isWithin(own.path, scope.path))) {
      report(row, 'code', `Đơn vị "${row.code}" nằm ngoài phạm vi bạn được phép nhập`);
    }
    const link = resolveParent(row);
    if (link) links.set(row.code, link);
  }

  function resolveParent(row: ImportRow): ParentLink | null {
    if (row.parentCode === null) {
      if (scope.kind === 'everywhere') return { type: 'root' };
      report(row, 'parentCode', 'Chỉ quản trị viên mới được tạo đơn vị cấp cao nhất');
      return null;
    }
    if (row.parentCode === row.code) {
      report(row, 'parentCode', 'Đơn vị không thể là cấp trên của chính nó');
      return null;
    }
    if (byCode.has(row.parentCode)) return { type: 'row', code: row.parentCode };
    const parent = stored.get(row.parentCode);
    // Outside the caller's subtree a unit is as good as missing: the answer must not reveal it.
    if (!parent || (scope.kind === 'subtree' && !isWithin(parent.path, scope.path))) {
      report(row, 'parentCode', `Không tìm thấy đơn vị cấp trên "${row.parentCode}"`);
      return null;
    }
    const labels = parent.path.split('.');
    for (let i = labels.length - 2; i >= 0; i--) {
      const code = importedIds.get(labels[i]!);
      if (code !== undefined) return { type: 'below-row', code, unit: parent, suffix: labels.slice(i + 1).join('.') };
    }
    return { type: 'stored', unit: parent };
  }

  // Each row depends on at most one other row, so walking up from every row finds the order and
  // every cycle in linear time; an explicit loop instead of recursion survives deep trees.
  const dependsOn = (code: string): string | null => {
    const link = links.get(code);
    return link && (link.type === 'row' || link.type === 'below-row') ? link.code : null;
  };
  const state = new Map<string, 'walking' | 'done'>();
  const order: string[] = [];
  for (const start of byCode.keys()) {
    const chain: string[] = [];
    let current: string | null = start;
    while (current !== null && !state.has(current)) {
      state.set(current, 'walking');
      chain.push(current);
      current = dependsOn(current);
    }
    if (current !== null && state.get(current) === 'walking') {
      const cycle = chain.slice(chain.indexOf(current));
      const text = [...cycle, cycle[0]].map((code) => `"${code}"`).join(' → ');
      for (const code of cycle) report(byCode.get(code)!, 'parentCode', `Cấp trên tạo thành vòng lặp: ${text}`);
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      state.set(chain[i]!, 'done');
      order.push(chain[i]!);
    }
  }

  if (problems.length > 0) {
    problems.sort((a, b) => a.index - b.index);
    return { errors: problems.map((problem) => problem.error), rows: [] };
  }
  return {
    errors: [],
    rows: order.map((code) => ({ row: byCode.get(code)!, stored: stored.get(code) ?? null, parent: links.get(code)! })),
  };
}

/** A planned row with its id, parent and materialised path decided. */
export interface PlacedUnit {
  row: ImportRow;
  stored: StoredUnit | null;
  id: string;
  parentId: string | null;
  path: string;
}

/**
 * Gives every row its id (stored, or the next of `newIds` for new rows) and its final path, in
 * the plan's parents-first order so each parent's path is known when its children need it.
 */
export function placeRows(planned: PlannedRow[], newIds: readonly string[]): PlacedUnit[] {
  const placed = new Map<string, PlacedUnit>();
  let nextNew = 0;
  for (const { row, stored, parent } of planned) {
    const id = stored?.id ?? newIds[nextNew++];
    if (id === undefined) throw new Error('placeRows: fewer new ids than new rows');
    let parentId: string | null = null;
    let parentPath: string | null = null;
    if (parent.type === 'row') {
      const parentUnit = placed.get(parent.code)!;
      parentId = parentUnit.id;
      parentPath = parentUnit.path;
    } else if (parent.type === 'stored') {
      parentId = parent.unit.id;
      parentPath = parent.unit.path;
    } else if (parent.type === 'below-row') {
      parentId = parent.unit.id;
      parentPath = `${placed.get(parent.code)!.path}.${parent.suffix}`;
    }
    placed.set(row.code, { row, stored, id, parentId, path: parentPath === null ? id : `${parentPath}.${id}` });
  }
  return [...placed.values()];
}

/** New, or different from what is stored (a unit whose ancestor moved has a new path). */
export function isChanged(unit: PlacedUnit): boolean {
  const { stored } = unit;
  return (
    stored === null ||
    stored.name !== unit.row.name ||
    stored.kind !== unit.row.kind ||
    stored.parentId !== unit.parentId ||
    stored.path !== unit.path
  );
}
