import { TimelineError } from './timeline-error.js';
import type { Form, PeriodReading } from './forms/form.js';
import { dottedDate, namedDay, numericDate, wordedDate } from './forms/day.js';
import { quarter } from './forms/quarter.js';
import { month } from './forms/month.js';
import { allYear, monthsOfYear, namedYear } from './forms/year-part.js';

/**
 * Most specific first: a form only sees text that earlier forms left unclaimed, so
 * "ngày 15 tháng 3 năm 2025" is one day (not also a month and a year) and "quý II năm 2023" is one
 * quarter (not also the whole of 2023).
 */
const FORMS: readonly Form[] = [
  wordedDate,
  numericDate,
  dottedDate,
  namedDay,
  quarter,
  monthsOfYear,
  month,
  allYear,
  namedYear,
];

/** A leap year: a day written without a year is valid if it exists in some year (29/02 does). */
const ANY_LEAP_YEAR = 2000;

/**
 * How the words just before a period tie the deadline to it:
 * - by: due at the period's end ("trong quý IV/2024", "ngày 15/3/2025", "đến hết năm 2025");
 * - before: due the day before it begins ("trước ngày 25/12/2024" is the end of 24/12);
 * - from: it starts the work, it is not a deadline ("từ tháng 3/2025", "sau ngày 15/3");
 * - vague: "đầu năm 2025", "giữa tháng 6": no day can be named, so it must be an error.
 */
export type Anchor = 'by' | 'before' | 'from' | 'vague';

const ANCHOR_WORDS: Record<string, Anchor> = { trước: 'before', từ: 'from', sau: 'from', đầu: 'vague', giữa: 'vague' };
const ANCHOR_BEFORE_PERIOD = /(?:^|[^\p{L}\p{N}])(trước|từ|sau|đầu|giữa)(?: ngày)? ?$/iu;

export interface Mention extends PeriodReading {
  /** The period as written, quoted in error messages. */
  fragment: string;
  anchor: Anchor;
  /** The anchoring word with the fragment ("đầu năm 2025"), for messages about it. */
  phrase: string;
}

function anchorOf(textBefore: string): { anchor: Anchor; word: string } {
  const word = ANCHOR_BEFORE_PERIOD.exec(textBefore)?.[1];
  return word ? { anchor: ANCHOR_WORDS[word.toLowerCase()] ?? 'by', word } : { anchor: 'by', word: '' };
}

/**
 * Every period written in a normalised text, in reading order. A period that cannot exist
 * (31/02/2025, tháng 13, quý V) is an error here, quoting it: never dropped, never moved.
 */
export function findMentions(text: string, original: string): Mention[] {
  const taken: Array<{ start: number; end: number }> = [];
  const found: Array<Mention & { start: number }> = [];
  for (const form of FORMS) {
    for (const match of text.matchAll(form.pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (taken.some((t) => start < t.end && t.start < end)) continue;
      taken.push({ start, end });

      const reading = form.read(match.groups ?? {});
      if (!reading.periodIn(reading.year ?? ANY_LEAP_YEAR)) {
        throw new TimelineError(original, `${form.noun} không hợp lệ "${match[0]}" trong "${text}"`);
      }
      const { anchor, word } = anchorOf(text.slice(0, start));
      const phrase = word ? `${word} ${match[0]}` : match[0];
      found.push({ ...reading, fragment: match[0], anchor, phrase, start });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
