import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import { LOCAL_ZONE, parseLocalDate, type LocalDay } from './local-time.js';
import { TimelineError } from './timeline-error.js';

/**
 * An admin's correction of the calendar for one day: an official day off the law does not list
 * (the second day of Quốc khánh, a bridge day, a day off in lieu of a holiday on a weekend), or a
 * make-up working day (a Saturday worked to bridge a holiday).
 */
export interface CalendarOverride {
  /** Local `YYYY-MM-DD`. */
  date: string;
  kind: 'day-off' | 'working-day';
  note?: string | null;
}

export interface PublicHoliday {
  /** Local `YYYY-MM-DD`; a multi-day holiday (Tết) is listed once per day. */
  date: string;
  name: string;
}

/** Public holidays per year, from date-holidays (Viet Nam, lunar holidays included); computed once. */
const holidayCache = new Map<number, PublicHoliday[]>();
let holidaySource: Holidays | null = null;

/**
 * Viet Nam's public holidays in one year: Tết Dương lịch, Tết Nguyên Đán (the library's five days
 * from New Year's Eve), Giỗ Tổ Hùng Vương (10/3 lunar), 30/4, 1/5 and 2/9. Observances (3/2, 19/5 …)
 * are working days. The government's yearly decisions (extra Tết days, the second day of 2/9, days
 * in lieu) are not in any library: admins enter them as overrides.
 */
export function publicHolidays(year: number): PublicHoliday[] {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  holidaySource ??= new Holidays('VN');
  const names = new Map<string, string>();
  const spans: { days: string[]; name: string }[] = [];
  for (const holiday of holidaySource.getHolidays(year)) {
    if (holiday.type !== 'public') continue;
    // start/end are instants computed in the country's own zone, so reading them in
    // Asia/Ho_Chi_Minh gives the local days whatever the process TZ.
    let day = DateTime.fromJSDate(holiday.start, { zone: LOCAL_ZONE }).startOf('day');
    const end = DateTime.fromJSDate(holiday.end, { zone: LOCAL_ZONE });
    const span: string[] = [];
    while (day < end) {
      span.push(day.toISODate()!);
      day = day.plus({ days: 1 });
    }
    if (span.length === 1) names.set(span[0], holiday.name);
    else spans.push({ days: span, name: holiday.name });
  }
  // A span (Tết's five days from New Year's Eve): its first day keeps its name ("Giao thừa"), the
  // others are days off for the holiday inside it ("Nghỉ Tết Nguyên Đán").
  for (const span of spans) {
    const inner = span.days.map((d) => names.get(d)).find(Boolean);
    span.days.forEach((date, i) => {
      if (!names.has(date)) names.set(date, i === 0 ? span.name : `Nghỉ ${inner ?? span.name}`);
    });
  }
  const days = [...names].map(([date, name]) => ({ date, name })).sort((a, b) => a.date.localeCompare(b.date));
  holidayCache.set(year, days);
  return days;
}

/**
 * Which days state and Party agencies work: Monday to Friday, except public holidays, corrected by
 * the overrides. Pure and zone-independent (local calendar dates only).
 */
export class WorkingDayCalendar {
  private readonly overrides: Map<string, CalendarOverride['kind']>;

  constructor(overrides: readonly CalendarOverride[] = []) {
    this.overrides = new Map(overrides.map((o) => [o.date, o.kind]));
  }

  isWorkingDay(date: string): boolean {
    const day = parseLocalDate(date);
    if (!day) throw new TimelineError(date, `Ngày không hợp lệ "${date}" (cần dạng YYYY-MM-DD)`);
    return this.isWorking(day);
  }

  /**
   * The n-th working day after `from` (n ≥ 1). The day the period starts from is not counted
   * (Bộ luật Dân sự 2015, điều 147: "ngày đầu tiên của thời hạn không được tính"), so "trong 10 ngày
   * làm việc kể từ ngày ban hành" issued on a Friday counts from the Monday.
   */
  addWorkingDays(from: string, n: number): string {
    const start = parseLocalDate(from);
    if (!start) throw new TimelineError(from, `Ngày không hợp lệ "${from}" (cần dạng YYYY-MM-DD)`);
    if (!Number.isInteger(n) || n < 1) throw new TimelineError(String(n), `Số ngày làm việc không hợp lệ "${n}"`);
    let day: LocalDay = start;
    let counted = 0;
    while (counted < n) {
      day = day.plus({ days: 1 });
      if (this.isWorking(day)) counted++;
    }
    return day.toISODate();
  }

  private isWorking(day: LocalDay): boolean {
    const date = day.toISODate();
    const override = this.overrides.get(date);
    if (override) return override === 'working-day';
    if (day.weekday >= 6) return false;
    return !publicHolidays(day.year).some((h) => h.date === date);
  }
}
