import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { UnitImportRow } from '#contracts';
import { DEFAULT_ROOT } from '../../directory.config.js';

export interface UnitFileOptions {
  /** Rows without a parent go under this unit (created first when the file does not hold it). */
  rootCode?: string;
  rootName?: string;
  rootKind?: string;
}

/**
 * Reads a unit list for import: JSON (an array of `{code, name, parentCode | parent, kind | level}`,
 * the shape of data/vn-admin-units-2025.json) or CSV with the header `code,name,parentCode,kind`.
 * Values are passed on as they are: the importer normalises and validates every row.
 */
export async function readUnitFile(file: string, options: UnitFileOptions = {}): Promise<UnitFile> {
  const text = await readFile(file, 'utf8');
  const format = extname(file).toLowerCase() === '.csv' ? 'csv' : 'json';
  return { format, ...toImportRows(parseUnitFile(text, format), options) };
}

export interface UnitFile {
  format: 'json' | 'csv';
  rows: UnitImportRow[];
  /** True when the root row was added in front: row i of the import is record i - 1 of the file. */
  rootAdded: boolean;
}

export function parseUnitFile(text: string, format: 'json' | 'csv'): Record<string, unknown>[] {
  if (format === 'csv') {
    return parse(text, { columns: true, skip_empty_lines: true, bom: true, trim: true }) as Record<string, unknown>[];
  }
  const data: unknown = JSON.parse(text.replace(/^\uFEFF/u, ''));
  if (!Array.isArray(data)) throw new Error('Tệp JSON phải là một mảng các đơn vị');
  return data as Record<string, unknown>[];
}

/**
 * Maps the file's field names onto import rows and hangs parentless rows under the root unit: the
 * official list has the 34 provinces at the top, the Party tree has Trung ương above them.
 */
export function toImportRows(
  records: Record<string, unknown>[],
  options: UnitFileOptions = {},
): { rows: UnitImportRow[]; rootAdded: boolean } {
  const rootCode = options.rootCode ?? DEFAULT_ROOT.code;
  const rows = records.map((record) => {
    const parent = 'parentCode' in record ? record.parentCode : record.parent;
    return {
      code: record.code,
      name: record.name,
      parentCode: parent,
      kind: 'kind' in record ? record.kind : record.level,
    } as UnitImportRow;
  });
  const isTop = (row: UnitImportRow) => row.parentCode === null || row.parentCode === undefined || String(row.parentCode).trim() === '';
  if (!rows.some(isTop)) return { rows, rootAdded: false };
  const hasRoot = rows.some((row) => String(row.code ?? '').trim() === rootCode);
  const placed = rows.map((row) => (isTop(row) && String(row.code ?? '').trim() !== rootCode ? { ...row, parentCode: rootCode } : row));
  if (hasRoot) return { rows: placed, rootAdded: false };
  const root: UnitImportRow = {
    code: rootCode,
    name: options.rootName ?? DEFAULT_ROOT.name,
    parentCode: null,
    kind: options.rootKind ?? DEFAULT_ROOT.kind,
  };
  return { rows: [root, ...placed], rootAdded: true };
}
