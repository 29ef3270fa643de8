import { monthSpan } from '../local-time.js';
import { START, YEAR_JOIN, pattern, optionalNumber, type Form } from './form.js';

/** The second month of a range: "tháng 3-4/2025", "tháng 3 - tháng 4 năm 2025". */
const UNTIL_MONTH = String.raw`(?:\s?[–-]\s?(?:tháng )?(?<m2>\d{1,2})(?!\d))`;

/** "tháng 01/2026", "tháng 3 năm 2025", "tháng 12" (no year), "tháng 3-4/2025" (to the end of April). */
export const month: Form = {
  noun: 'Tháng',
  pattern: pattern(
    String.raw`${START}tháng (?<m>\d{1,2})${UNTIL_MONTH}?(?:${YEAR_JOIN}(?<y>\d{4}))?(?![\p{N}]|[/–-]\d)`,
  ),
  read(groups) {
    const from = Number(groups.m);
    const until = groups.m2 === undefined ? from : Number(groups.m2);
    return { year: optionalNumber(groups.y), periodIn: (year) => monthSpan(year, from, until) };
  },
};
