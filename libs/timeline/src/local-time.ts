import { DateTime } from 'luxon';
import { TimelineError } from './timeline-error.js';

/**
 * Deadlines are Viet Nam calendar days (UTC+7, no daylight saving). Every luxon call names this
 * zone explicitly so results never depend on the process TZ or on luxon's Settings.defaultZone.
 */
export const LOCAL_ZONE = 'Asia/Ho_Chi_Minh';

/** A calendar day in Viet Nam: a valid luxon DateTime at local midnight. */
export type LocalDay = DateTime<true>;

/** The day, or undefined when the calendar has no such day (31/02, 29/02/2025, month 13). */
export function localDay(year: number, month: number, day: number): LocalDay | undefined {
  try {
    const value = DateTime.fromObject({ year, month, day }, { zone: LOCAL_ZONE });
    return value.isValid ? value : undefined;
  } catch {
    // Settings.throwOnInvalid makes luxon throw instead of returning an invalid DateTime.
    return undefined;
  }
}

/** First day of firstMonth to last day of lastMonth in one year; months outside 1–12 give undefined. */
export function monthSpan(
  year: number,
  firstMonth: number,
  lastMonth: number,
): { first: LocalDay; last: LocalDay } | undefined {
  if (firstMonth > lastMonth) return undefined;
  const first = localDay(year, firstMonth, 1);
  const lastMonthStart = localDay(year, lastMonth, 1);
  if (!first || !lastMonthStart) return undefined;
  return { first, last: lastMonthStart.endOf('month').startOf('day') };
}

export function isBefore(a: LocalDay, b: LocalDay): boolean {
  return a.toMillis() < b.toMillis();
}

/** Strict local 'YYYY-MM-DD' (luxon's fromISO alone would also accept '2025-03' or week dates). */
export function parseLocalDate(date: string): LocalDay | undefined {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return parts ? localDay(Number(parts[1]), Number(parts[2]), Number(parts[3])) : undefined;
}

/** UTC ISO instant of 23:59:59.999 local time on that day: a deadline is met until the day ends. */
export function endOfDayInstant(day: LocalDay): string {
  return day.endOf('day').toJSDate().toISOString();
}

/** UTC ISO instant of the last millisecond of a local 'YYYY-MM-DD'. */
export function endOfLocalDay(date: string): string {
  const day = parseLocalDate(date);
  if (!day) throw new TimelineError(date, `Ngày không hợp lệ "${date}" (cần dạng YYYY-MM-DD)`);
  return endOfDayInstant(day);
}

/** 'dd/mm/yyyy' of an instant as seen in Viet Nam, the way the documents write dates. */
export function formatLocalDate(isoInstant: string): string {
  // An instant without an offset would be read in some zone by guesswork; refuse it instead.
  const hasOffset = /T.*(?:Z|[+-]\d{2}(?::?\d{2})?)$/i.test(isoInstant);
  const instant = DateTime.fromISO(isoInstant, { zone: LOCAL_ZONE });
  if (!hasOffset || !instant.isValid) {
    throw new TimelineError(isoInstant, `Thời điểm không hợp lệ "${isoInstant}" (cần dạng ISO có múi giờ)`);
  }
  return instant.toFormat('dd/MM/yyyy');
}
