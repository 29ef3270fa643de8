import type { ImportWarning } from '#contracts';
import { classifyLine } from './classify.js';
import { collapseSpaces, isUpperCaseLine, keyOf, normaliseDocument, startsLowerCase } from './text.js';

/** A logical paragraph: one or more source lines joined, starting at `line` (1-based). */
export interface Paragraph {
  line: number;
  text: string;
  /** A blank line (or a page break) came before it. */
  blankBefore: boolean;
}

interface Row {
  line: number;
  text: string;
  pageBreak: boolean;
}

/** "Trang 3/10", "- 3 -", "3/10": page numbers left by a PDF or Word export. */
const PAGE_NUMBER = [
  /^(?:trang|page)\s*\d{1,4}(?:\s*(?:\/|trên|of)\s*\d{1,4})?\.?$/iu,
  /^[-–—]?\s*\d{1,4}\s*[-–—]?$/u,
  /^\d{1,4}\s*\/\s*\d{1,4}$/u,
];

/**
 * Cleans one source line of Markdown and Word-export residue. A Markdown table row becomes one
 * entry per cell (same line number); a table rule or a lone decoration becomes empty.
 */
export function cleanLine(raw: string): string[] {
  let text = raw.trim();
  if (!text) return [''];
  if (/^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$/u.test(text)) return [''];
  text = text
    .replace(/^#{1,6}\s+/u, '')
    .replace(/^>\s?/u, '')
    .replace(/\\([\\`*_{}[\]()#+\-.!|>~])/gu, '$1')
    .replace(/!\[([^\]]*)\]\([^)]*\)/gu, '$1')
    .replace(/\[([^\]]+)\]\([^)\s]*\)/gu, '$1')
    .replace(/<br\s*\/?>/giu, ' ')
    .replace(/<\/?(?:b|i|u|em|strong|span|p|div|sup|sub)(?:\s[^>]*)?>/giu, '')
    .replace(/&nbsp;/gu, ' ')
    .replace(/&amp;/gu, '&')
    .replace(/~~/gu, '')
    .replace(/\*+/gu, '')
    .replace(/(^|[\s(“"])_{1,3}(?=\S)/gu, '$1')
    .replace(/(\S)_{1,3}(?=[\s).,;:”"]|$)/gu, '$1');
  const cells = text.includes('|') && (/^\|/u.test(text) || (text.match(/ \| /gu)?.length ?? 0) >= 2) ? text.split('|') : [text];
  const cleaned = cells.map(collapseSpaces).filter(Boolean);
  return cleaned.length ? cleaned : [''];
}

function isPageNumber(text: string): boolean {
  return text.length <= 20 && PAGE_NUMBER.some((pattern) => pattern.test(text));
}

/** Signature capacities and other lines that always start something new. */
const ALWAYS_NEW = /^(?:T\/M|TM\.|K\/T|KT\.|T\/L|TL\.|TUQ\.|Q\.\s|Số\s*:?\s*\d|Nơi nhận)/iu;
const PLACE_DATE = /,\s*ngày\b.{0,20}\btháng\b/iu;

/** True when the paragraph starts a structure of its own and must not be glued to the one before. */
export function startsStructure(text: string): boolean {
  if (ALWAYS_NEW.test(text) || PLACE_DATE.test(text.slice(0, 80))) return true;
  if (isUpperCaseLine(text)) return true;
  return classifyLine(text.slice(0, 300)).type !== 'text';
}

/** The previous paragraph cannot continue: it is a heading, a label or the end of a sentence. */
function closed(text: string): boolean {
  if (/[:.;!?…]["”)]?$/u.test(text)) return true;
  return isUpperCaseLine(text.slice(0, 200));
}

/**
 * Splits the document into source lines, removes page-break artefacts (form feeds, "Trang 3/10",
 * a page header repeated after every break) and joins sentences broken across lines: a line
 * starting in lower case continues the paragraph before it, as does a line right under an
 * unfinished long line of prose.
 */
export function toParagraphs(input: string, warnings: ImportWarning[]): { paragraphs: Paragraph[]; lineCount: number } {
  const source = normaliseDocument(input).split('\n');
  const rows: Row[] = [];
  source.forEach((raw, index) => {
    const segments = raw.split('\f');
    segments.forEach((segment, s) => {
      if (s > 0) rows.push({ line: index + 1, text: '', pageBreak: true });
      for (const cell of cleanLine(segment)) rows.push({ line: index + 1, text: cell, pageBreak: false });
    });
  });

  const dropped = dropPageArtefacts(rows);
  if (dropped.length) {
    warnings.push({
      line: dropped[0].line,
      text: dropped[0].text,
      message: `Đã bỏ ${dropped.length} dòng số trang, ngắt trang hoặc tiêu đề trang lặp lại`,
    });
  }

  const paragraphs: Paragraph[] = [];
  let blank = true;
  let parts: string[] = [];
  let current: Paragraph | null = null;
  let lastLine = '';
  const flush = () => {
    if (current) {
      current.text = parts.join(' ');
      paragraphs.push(current);
    }
    current = null;
    parts = [];
  };
  let pageBreak = false;
  for (const row of rows) {
    if (row.pageBreak || !row.text) {
      blank = true;
      pageBreak ||= row.pageBreak;
      continue;
    }
    const text = row.text;
    // A page break inside a sentence is not a paragraph break: what follows it may continue the line.
    if (current && continues(lastLine, parts, text, blank && !pageBreak)) {
      parts.push(text);
    } else {
      flush();
      current = { line: row.line, text: '', blankBefore: blank };
      parts = [text];
    }
    lastLine = text;
    blank = false;
    pageBreak = false;
  }
  flush();
  return { paragraphs, lineCount: source.length };
}

function continues(previousLine: string, parts: string[], text: string, blankBetween: boolean): boolean {
  const first = parts[0];
  if (startsStructure(text)) return false;
  if (closed(previousLine)) return false;
  if (parts.length === 1 && isUpperCaseLine(first.slice(0, 200))) return false;
  if (startsLowerCase(text)) return true;
  // An upper-case start continues only a wrapped line of prose (no blank line, long, unfinished).
  return !blankBetween && previousLine.length >= 40 && classifyLine(first.slice(0, 300)).type === 'text';
}

/**
 * Page numbers and page breaks, and the lines next to them that repeat the document's header or
 * occur nowhere but next to a page break (running headers and footers).
 */
function dropPageArtefacts(rows: Row[]): Row[] {
  const dropped: Row[] = [];
  const breaks: number[] = [];
  rows.forEach((row, i) => {
    if (row.text && isPageNumber(row.text)) {
      dropped.push({ ...row });
      row.text = '';
      row.pageBreak = true;
    }
    if (row.pageBreak) breaks.push(i);
  });
  if (!breaks.length) return dropped;

  // Headers and footers are short lines; long ones (most of the text) never need a key.
  const keys = rows.map((row) => (row.text && row.text.length <= 150 ? keyOf(row.text) : row.text ? '\u0000' : ''));
  const head = new Set<string>();
  for (const key of keys) {
    if (head.size >= 12) break;
    if (key) head.add(key);
  }
  const total = new Map<string, number>();
  const first = new Map<string, number>();
  keys.forEach((key, i) => {
    if (!key || key === '\u0000') return;
    total.set(key, (total.get(key) ?? 0) + 1);
    if (!first.has(key)) first.set(key, i);
  });

  const near = new Map<string, Set<number>>();
  for (const b of breaks) {
    for (const step of [1, -1]) {
      let seen = 0;
      for (let i = b + step; i >= 0 && i < rows.length && seen < (step > 0 ? 3 : 2); i += step) {
        if (rows[i].pageBreak) break;
        if (!keys[i]) continue;
        seen++;
        if (keys[i] === '\u0000' || keys[i].length > 120) continue;
        const set = near.get(keys[i]) ?? new Set<number>();
        set.add(i);
        near.set(keys[i], set);
      }
    }
  }
  for (const [key, indexes] of near) {
    const everywhere = total.get(key) ?? 0;
    const runningHeader = indexes.size >= 2 && everywhere === indexes.size;
    const repeatsHeader = head.has(key) && everywhere - indexes.size <= 1 && everywhere > 1;
    if (!runningHeader && !repeatsHeader) continue;
    for (const i of indexes) {
      // The first occurrence of the document's own header stays.
      if (repeatsHeader && !runningHeader && i === first.get(key)) continue;
      dropped.push({ ...rows[i] });
      rows[i].text = '';
    }
  }
  return dropped.sort((a, b) => a.line - b.line);
}
