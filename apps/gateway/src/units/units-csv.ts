import { parse } from 'csv-parse/sync';
import type { FieldError } from '#contracts';

export const CSV_COLUMNS = ['code', 'name', 'parentCode', 'kind'] as const;

export type CsvRows = { rows: Record<string, unknown>[] } | { errors: FieldError[] };

/**
 * Reads a units CSV (`code,name,parentCode,kind` header, UTF-8, optional BOM) into import rows.
 * An empty parentCode means a root unit (null). Problems are reported as field errors on `csv`.
 */
export function parseUnitsCsv(text: string): CsvRows {
  let records: string[][];
  try {
    records = parse(text, { bom: true, trim: true, skip_empty_lines: true, relax_column_count: false }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    const where = line ? `dòng ${line}: ` : '';
    return { errors: [{ path: 'csv', message: `${where}tệp CSV không đọc được (${(error as Error).message})` }] };
  }
  if (records.length === 0) return { errors: [{ path: 'csv', message: 'tệp CSV trống, cần dòng tiêu đề code,name,parentCode,kind' }] };

  const header = records[0];
  const missing = CSV_COLUMNS.filter((column) => !header.includes(column));
  const unknown = header.filter((column) => !(CSV_COLUMNS as readonly string[]).includes(column));
  if (missing.length || unknown.length) {
    const problems = [
      ...(missing.length ? [`thiếu cột ${missing.join(', ')}`] : []),
      ...(unknown.length ? [`cột không được phép: ${unknown.join(', ')}`] : []),
    ];
    return { errors: [{ path: 'csv', message: `dòng tiêu đề phải là code,name,parentCode,kind (${problems.join('; ')})` }] };
  }

  const index = Object.fromEntries(CSV_COLUMNS.map((column) => [column, header.indexOf(column)])) as Record<(typeof CSV_COLUMNS)[number], number>;
  const rows = records.slice(1).map((record) => ({
    code: record[index.code],
    name: record[index.name],
    parentCode: record[index.parentCode] ? record[index.parentCode] : null,
    kind: record[index.kind],
  }));
  return { rows };
}
