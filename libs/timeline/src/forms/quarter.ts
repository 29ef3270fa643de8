import { monthSpan } from '../local-time.js';
import { END, QUARTER_WORD, START, YEAR_JOIN, pattern, optionalNumber, type Form } from './form.js';

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

/** 1–4, or NaN for anything else ("V", "0", "IIII"), which then fails validation with a message. */
function quarterNumber(written: string): number {
  const lower = written.toLowerCase();
  if (/^\d+$/.test(lower)) return Number(lower);
  return ROMAN[lower] ?? Number.NaN;
}

/**
 * "quý IV/2024", "quý II năm 2023", "quý 2/2025", "quý I" (no year). Any roman-looking or numeric
 * token after "quý" is captured so that "quý V/2024" is an error rather than unrecognised text.
 */
export const quarter: Form = {
  noun: 'Quý',
  pattern: pattern(String.raw`${START}${QUARTER_WORD} (?<q>[ivx]+|\d+)${END}(?:${YEAR_JOIN}(?<y>\d{4}))?(?!\d)`),
  read(groups) {
    const q = quarterNumber(groups.q ?? '');
    return {
      year: optionalNumber(groups.y),
      periodIn: (year) => (q >= 1 && q <= 4 ? monthSpan(year, 3 * q - 2, 3 * q) : undefined),
    };
  },
};
