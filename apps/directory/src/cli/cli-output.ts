import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';

/** Writes records as CSV (header from `columns`) or JSON, chosen by the file's extension. */
export async function writeRecords(file: string, columns: readonly string[], records: Record<string, unknown>[]): Promise<void> {
  if (extname(file).toLowerCase() === '.csv') {
    const lines = [columns.join(','), ...records.map((record) => columns.map((column) => csvField(record[column])).join(','))];
    await writeFile(file, `${lines.join('\n')}\n`, 'utf8');
  } else {
    await writeFile(file, `[${records.map((record) => JSON.stringify(record)).join(',\n')}]\n`, 'utf8');
  }
}

function csvField(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n\r]/u.test(text) ? `"${text.replace(/"/gu, '""')}"` : text;
}
