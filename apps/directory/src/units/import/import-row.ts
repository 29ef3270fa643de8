import { normaliseName } from '../search-key.js';

/** One row of an import after clean-up, remembering its position for row-level errors. */
export interface ImportRow {
  index: number;
  code: string;
  name: string;
  /** null for a top-level unit. */
  parentCode: string | null;
  kind: string;
}

/**
 * Input comes from spreadsheets and other services: names are NFC'd and their spaces collapsed,
 * codes and kinds trimmed, an empty parent code means "no parent". Anything that is not a string
 * becomes its string form (a code typed as the number 1 in JSON is the code "1"), so validation
 * sees one shape and reports emptiness instead of crashing.
 */
export function normaliseRow(raw: unknown, index: number): ImportRow {
  const row = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const parentCode = text(row.parentCode).trim();
  return {
    index,
    code: text(row.code).trim(),
    name: normaliseName(text(row.name)),
    parentCode: parentCode === '' ? null : parentCode,
    kind: text(row.kind).trim(),
  };
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return '';
}
