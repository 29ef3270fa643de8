import { searchKey } from '#contracts';
/**
 * Text helpers shared by every part of the parser. Documents arrive from Word, PDF and Markdown
 * exports: NFD or NFC, Icelandic Ð for Đ, non-breaking and zero-width spaces, emphasis marks.
 */

/** The whole document in one canonical form: NFC, `\n` line breaks, plain spaces; a form feed (page break) is kept. */
export function normaliseDocument(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\u00D0/gu, 'Đ')
    .replace(/\u00F0/gu, 'đ')
    .replace(/\r\n?/gu, '\n')
    .replace(/[\u2028\u2029\u0085\v]/gu, '\n')
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/gu, '')
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000\t]/gu, ' ')
    .replace(/[\u0000-\u0008\u000E-\u001F\u007F]/gu, '');
}

/**
 * The key names and labels are compared by: lower case, no diacritics, đ→d, single spaces. So
 * "Thời gian thưc hiện" and "THỜI GIAN THỰC HIỆN" have the same key. Same rule as the directory's
 * unit search, so a name's key here is what the directory matches on.
 */
export const keyOf = searchKey;

export function collapseSpaces(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** True when the letters are (nearly) all capitals: headings, "KẾ HOẠCH", "BÍ THƯ". */
export function isUpperCaseLine(text: string): boolean {
  const head = text.length > 400 ? text.slice(0, 400) : text;
  // Prose has runs of small letters; deciding on that first keeps this cheap on long paragraphs.
  if (/\p{Ll}{3}/u.test(head)) return false;
  const upper = head.match(/\p{Lu}/gu)?.length ?? 0;
  const lower = head.match(/\p{Ll}/gu)?.length ?? 0;
  return upper >= 2 && lower <= upper * 0.1;
}

export function startsLowerCase(text: string): boolean {
  const first = /\p{L}/u.exec(text.slice(0, 8));
  return !!first && first.index === 0 && first[0] !== first[0].toUpperCase();
}

/** "NỘI DUNG THỰC HIỆN" → "Nội dung thực hiện". */
export function sentenceCase(text: string): string {
  const lower = text.toLocaleLowerCase('vi');
  return lower.charAt(0).toLocaleUpperCase('vi') + lower.slice(1);
}

/** "lãnh đạo" → "Lãnh đạo". */
export function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
}

/** Cuts at a word boundary, with an ellipsis, so quoted lines and titles stay readable. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Trailing separators a list item or a sentence ends with. */
export function trimPunctuation(text: string): string {
  return text.replace(/^[\s,;:.\-–]+/u, '').replace(/[\s,;:.]+$/u, '').trim();
}

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transposition), bounded: returns
 * max + 1 as soon as the distance must exceed max. Used for typos in labels only (short strings).
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, prevPrev[j - 2] + 1);
      row.push(value);
      if (value < best) best = value;
    }
    if (best > max) return max + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length];
}

/** A real calendar day as `YYYY-MM-DD`, or null (31/02 is not a day). */
export function isoDate(day: number, month: number, year: number): string | null {
  if (!Number.isInteger(day) || !Number.isInteger(month) || !Number.isInteger(year)) return null;
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return null;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** "ngày 15/8/2024", "15-8-2024", "15.08.2024", "ngày 15 tháng 8 năm 2024": the first date in the text. */
export const DATE_PATTERN =
  /(?<![\p{L}\p{N}])(?:ngày\s+)?(\d{1,2})\s*(?:[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})|\s+tháng\s+(\d{1,2}),?\s+năm\s+(\d{4}))(?!\d)/iu;

export interface FoundDate {
  iso: string | null;
  text: string;
  index: number;
}

export function findDate(text: string): FoundDate | null {
  const match = DATE_PATTERN.exec(text);
  if (!match) return null;
  const day = Number(match[1]);
  const month = Number(match[2] ?? match[4]);
  const year = Number(match[3] ?? match[5]);
  return { iso: isoDate(day, month, year), text: match[0].trim(), index: match.index };
}

/** Splits at `sep` outside parentheses and quotes. */
export function splitOutside(text: string, sep: RegExp): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '(' || char === '[') depth++;
    else if ((char === ')' || char === ']') && depth > 0) depth--;
    else if (char === '“') quoted = true;
    else if (char === '”') quoted = false;
    else if (char === '"') quoted = !quoted;
    else if (depth === 0 && !quoted && sep.test(char)) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
