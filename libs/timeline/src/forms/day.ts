import { localDay } from '../local-time.js';
import { END, QUARTER_WORD, START, pattern, optionalNumber, type Form, type PeriodReading } from './form.js';

function oneDay(day: number, month: number, year: number | undefined): PeriodReading {
  return {
    year,
    periodIn(y) {
      const date = localDay(y, month, day);
      return date && { first: date, last: date };
    },
  };
}

function readDay(groups: Record<string, string | undefined>): PeriodReading {
  return oneDay(Number(groups.d), Number(groups.m), optionalNumber(groups.y));
}

/**
 * A day not glued to other date digits: "1/3-30/6/2025" must not yield "3-30" or a yearless "1/3",
 * and "25/12/24" must not be read as 25/12 of some other year. Such texts fall through to an error.
 * Nor right after "tháng"/"quý": "tháng 3-4" is March to April, not 3 April.
 */
const NOT_AFTER_DATE_DIGITS = String.raw`(?<![\p{L}\p{N}]|\d[/.-]|(?:tháng|${QUARTER_WORD}) )`;
const NOT_BEFORE_DATE_DIGITS = String.raw`(?![\p{N}]|[/.-]\d)`;

/** "25/12/2024", "15-3-2025", "25/11" (no year). The separator must repeat before the year. */
export const numericDate: Form = {
  noun: 'Ngày',
  pattern: pattern(
    NOT_AFTER_DATE_DIGITS +
      String.raw`(?<d>\d{1,2})(?<sep>[/-])(?<m>\d{1,2})(?:\k<sep>(?<y>\d{4}))?` +
      NOT_BEFORE_DATE_DIGITS,
  ),
  read: readDay,
};

/** "25.12.2024". Only with a year: "2.5" is far more often a number than 2 May. */
export const dottedDate: Form = {
  noun: 'Ngày',
  pattern: pattern(NOT_AFTER_DATE_DIGITS + String.raw`(?<d>\d{1,2})\.(?<m>\d{1,2})\.(?<y>\d{4})` + NOT_BEFORE_DATE_DIGITS),
  read: readDay,
};

/** "ngày 25 tháng 12 năm 2024", "ngày 25 tháng 12". */
export const wordedDate: Form = {
  noun: 'Ngày',
  pattern: pattern(String.raw`${START}ngày (?<d>\d{1,2}) tháng (?<m>\d{1,2})(?:,? năm (?<y>\d{4}))?(?!\d)`),
  read: readDay,
};

/** Days the documents name instead of writing: "vào dịp sinh nhật Bác" is 19/05. */
export const namedDay: Form = {
  noun: 'Ngày',
  pattern: pattern(String.raw`${START}sinh nhật (?:bác(?: hồ)?|chủ tịch hồ chí minh)${END}`),
  read: () => oneDay(19, 5, undefined),
};
