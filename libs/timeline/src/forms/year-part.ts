import { monthSpan } from '../local-time.js';
import { START, pattern, optionalNumber, type Form, type PeriodReading } from './form.js';

/** "năm 2024-2025" spans two years; reading only 2024 would move the deadline, so it is no match. */
const NOT_A_YEAR_RANGE = String.raw`(?![\p{N}]|\s?[–-]\s?\d)`;

function wholeYear(groups: Record<string, string | undefined>): PeriodReading {
  return { year: optionalNumber(groups.y), periodIn: (year) => monthSpan(year, 1, 12) };
}

/**
 * "6 tháng đầu năm 2025" (January–June), "9 tháng (đầu) năm 2025", "6 tháng cuối năm" (July–December).
 * Without "đầu"/"cuối" the count runs from January, as in "9 tháng năm 2025".
 */
export const monthsOfYear: Form = {
  noun: 'Tháng',
  pattern: pattern(
    String.raw`${START}(?<n>\d{1,2}) tháng (?:\(?(?<side>đầu|cuối)\)? )?năm(?: (?<y>\d{4}))?(?!\d)`,
  ),
  read(groups) {
    const n = Number(groups.n);
    const fromEnd = groups.side?.toLowerCase() === 'cuối';
    return {
      year: optionalNumber(groups.y),
      periodIn: (year) => (n >= 1 && n <= 12 ? monthSpan(year, fromEnd ? 13 - n : 1, fromEnd ? 12 : n) : undefined),
    };
  },
};

/** "cả năm 2025", "cuối năm", "cả năm" (no year): due at the end of December. */
export const allYear: Form = {
  noun: 'Năm',
  pattern: pattern(String.raw`${START}(?:cả|cuối) năm(?: (?<y>\d{4}))?${NOT_A_YEAR_RANGE}`),
  read: wholeYear,
};

/** "năm 2025" on its own; checked last so that "tháng 3 năm 2025" is read as the month. */
export const namedYear: Form = {
  noun: 'Năm',
  pattern: pattern(String.raw`${START}năm (?<y>\d{4})${NOT_A_YEAR_RANGE}`),
  read: wholeYear,
};
