import { TimelineError } from './timeline-error.js';
import { END, START, pattern, type Form, type PeriodReading } from './forms/form.js';
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

/**
 * "Quy định số 144-QĐ/TW ngày 09/5/2024": the date a cited document was issued, not a deadline.
 * Claimed before any form so that a sentence quoting its basis does not gain a deadline.
 */
const CITATION = pattern(
  String.raw`${START}số \d+[-–/][\p{L}\p{N}/.–-]*,? ngày \d{1,2}(?:[/.-]\d{1,2}[/.-]\d{4}| tháng \d{1,2} năm \d{4})`,
);

/**
 * Pieces of a date left over once every form has read the text: "ngày 20" in "trước ngày 20 tháng
 * cuối quý", "II/2025" in "quý I, II/2025". The grammar did not understand them, and ignoring them
 * would move the deadline, so they are errors.
 */
const STRAY_DATE_PARTS = [
  pattern(String.raw`${START}ngày \d{1,2}${END}`),
  pattern(String.raw`(?:[\p{L}\p{N}/.–-]+ ?)?/ ?\d{4}(?!\d)`),
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

/** Spans of the text already read, so that no two readings share a character. */
class Claims {
  private readonly spans: Array<{ start: number; end: number }> = [];

  /** Claims the match's span unless part of it is already claimed. */
  take(match: RegExpExecArray | RegExpMatchArray): boolean {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    if (this.spans.some((s) => start < s.end && s.start < end)) return false;
    this.spans.push({ start, end });
    return true;
  }
}

/**
 * Every period written in a normalised text, in reading order. A period that cannot exist
 * (31/02/2025, tháng 13, quý V) is an error here, quoting it: never dropped, never moved.
 */
export function findMentions(text: string, original: string): Mention[] {
  const claims = new Claims();
  for (const citation of text.matchAll(CITATION)) claims.take(citation);

  const found: Array<Mention & { start: number }> = [];
  for (const form of FORMS) {
    for (const match of text.matchAll(form.pattern)) {
      if (!claims.take(match)) continue;
      const reading = form.read(match.groups ?? {});
      if (!reading.periodIn(reading.year ?? ANY_LEAP_YEAR)) {
        throw new TimelineError(original, `${form.noun} không hợp lệ "${match[0]}" trong "${text}"`);
      }
      const { anchor, word } = anchorOf(text.slice(0, match.index));
      const phrase = word ? `${word} ${match[0]}` : match[0];
      found.push({ ...reading, fragment: match[0], anchor, phrase, start: match.index });
    }
  }

  for (const stray of STRAY_DATE_PARTS.flatMap((p) => [...text.matchAll(p)])) {
    if (claims.take(stray)) throw new TimelineError(original, `Không hiểu "${stray[0]}" trong "${text}"`);
  }
  return found.sort((a, b) => a.start - b.start);
}
