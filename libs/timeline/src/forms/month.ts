import { monthSpan } from '../local-time.js';
import { START, YEAR_JOIN, pattern, optionalNumber, type Form } from './form.js';

/** "tháng 01/2026", "tháng 3 năm 2025", "tháng 12" (no year). "tháng 3-4/2025" is not one month. */
export const month: Form = {
  noun: 'Tháng',
  pattern: pattern(String.raw`${START}tháng (?<m>\d{1,2})(?:${YEAR_JOIN}(?<y>\d{4}))?(?![\p{N}]|[/–-]\d)`),
  read(groups) {
    const m = Number(groups.m);
    return { year: optionalNumber(groups.y), periodIn: (year) => monthSpan(year, m, m) };
  },
};
