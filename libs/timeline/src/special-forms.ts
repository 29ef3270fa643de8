import { END, START } from './forms/form.js';

/**
 * Two forms that change how a deadline is computed rather than which day it names, read off the
 * text before the period grammar sees it:
 * - a time of day before a date ("trước 17 giờ ngày 25/12/2024", "16h30 ngày 20/11", "10:30:15
 *   ngày 21/11/2026"): the deadline is that instant, not the end of the day;
 * - a count of working days ("trong 10 ngày làm việc", "05 ngày làm việc kể từ ngày ban hành"):
 *   the deadline is counted on the working-day calendar from the issue date (or a date written
 *   after "kể từ").
 */

export interface TimeOfDay {
  hour: number;
  minute: number;
  second: number;
  /** As written, for messages. */
  fragment: string;
}

const TIME = String.raw`(?<h>\d{1,2})(?:\s?(?:giờ|h)(?:\s?(?<m>\d{1,2})(?:\s?phút)?)?|:(?<m2>\d{2})(?::(?<s>\d{2}))?)`;
/** The time, with the word tying it to the date ("trước", "lúc"), when a date follows it. */
const TIME_BEFORE_DATE = new RegExp(
  String.raw`${START}(?:(?:trước|lúc|vào lúc|vào|chậm nhất|hạn chót) )?${TIME}${END},?\s(?=(?:ngày\s)?\d{1,2}(?:[/.-]\d{1,2}|\stháng))`,
  'iu',
);
/** Any time of day left anywhere else: the grammar would ignore it and move the deadline, so it is an error. */
export const STRAY_TIME = new RegExp(String.raw`${START}\d{1,2}\s?(?:giờ|h)(?:\s?\d{1,2})?${END}|${START}\d{1,2}:\d{2}${END}`, 'iu');

export function extractTimeOfDay(text: string): { text: string; time: TimeOfDay | null } {
  const match = TIME_BEFORE_DATE.exec(text);
  if (!match?.groups) return { text, time: null };
  const g = match.groups;
  const time = {
    hour: Number(g.h),
    minute: Number(g.m ?? g.m2 ?? 0),
    second: Number(g.s ?? 0),
    fragment: match[0].trim().replace(/,$/, ''),
  };
  return { text: `${text.slice(0, match.index)}${text.slice(match.index + match[0].length)}`, time };
}

export function isValidTime({ hour, minute, second }: TimeOfDay): boolean {
  return hour <= 23 && minute <= 59 && second <= 59;
}

const WORKING_DAYS = new RegExp(String.raw`${START}(?<n>\d{1,3}) ngày làm việc${END}`, 'iu');
/** "kể từ ngày ban hành", "kể từ ngày ký": counted from the plan's own date (the reference). */
const FROM_ISSUE = new RegExp(String.raw`${START}(?:kể )?từ (?:ngày )?(?:ban hành|ký|nhận được)(?: kế hoạch| văn bản)?(?: này)?${END}`, 'iu');

export interface WorkingDaysReading {
  count: number;
  fragment: string;
  /** The text with the count (and "kể từ ngày ban hành") taken out. */
  rest: string;
}

export function extractWorkingDays(text: string): WorkingDaysReading | null {
  const match = WORKING_DAYS.exec(text);
  if (!match?.groups) return null;
  const rest = `${text.slice(0, match.index)}${text.slice(match.index + match[0].length)}`.replace(FROM_ISSUE, '');
  return { count: Number(match.groups.n), fragment: match[0], rest };
}
