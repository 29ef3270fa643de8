import { monthSpan } from '../local-time.js';
import { END, QUARTER_WORD, START, YEAR_JOIN, pattern, optionalNumber, type Form } from './form.js';

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

/** 1–4, or NaN for anything else ("V", "0", "IIII"), which then fails validation with a message. */
function quarterNumber(written: string): number {
  const lower = written.toLowerCase();
  if (/^\d+$/.test(lower)) return Number(lower);
  return ROMAN[lower] ?? Number.NaN;
}

/** The second quarter of a range: "quý I - II/2025", "quý 1-2/2025" (one digit: "quý 1-2025" is a year). */
const UNTIL_QUARTER = String.raw`(?:\s?[–-]\s?(?:${QUARTER_WORD} )?(?<q2>[ivx]+|\d)${END})`;

/**
 * "quý IV/2024", "quý II năm 2023", "quý 2/2025", "quý I" (no year), "quý I - II/2025" (to the end
 * of the second). Any roman-looking or numeric token after "quý" is captured so that "quý V/2024"
 * is an error rather than unrecognised text.
 */
export const quarter: Form = {
  noun: 'Quý',
  pattern: pattern(
    String.raw`${START}${QUARTER_WORD} (?<q>[ivx]+|\d+)${END}${UNTIL_QUARTER}?(?:${YEAR_JOIN}(?<y>\d{4}))?(?!\d)`,
  ),
  read(groups) {
    const from = quarterNumber(groups.q ?? '');
    const until = groups.q2 === undefined ? from : quarterNumber(groups.q2);
    const valid = from >= 1 && until <= 4; // NaN fails both; a reversed range fails in monthSpan
    return {
      year: optionalNumber(groups.y),
      periodIn: (year) => (valid ? monthSpan(year, 3 * from - 2, 3 * until) : undefined),
    };
  },
};
