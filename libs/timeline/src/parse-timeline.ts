import { ANNIVERSARY, CYCLES, ONGOING, type Cycle } from './cues.js';
import { LOCAL_ZONE, endOfDayInstant, endOfLocalDay, isBefore, localDay, parseLocalDate, type LocalDay } from './local-time.js';
import { findMentions, type Mention } from './mentions.js';
import { normaliseTimelineText } from './normalise.js';
import { STRAY_TIME, extractTimeOfDay, extractWorkingDays, isValidTime, type TimeOfDay, type WorkingDaysReading } from './special-forms.js';
import { TimelineError } from './timeline-error.js';
import type { ParsedDeadline, TimelineContext } from './types.js';
import { WorkingDayCalendar } from './working-days.js';

/** Without a calendar from the caller: the public holidays alone, no admin overrides. */
const HOLIDAYS_ONLY = new WorkingDayCalendar();

/** The text as given (kept on the error) and as matched (quoted in messages, readable). */
interface Source {
  original: string;
  clean: string;
}

function failure(source: Source, message: string): TimelineError {
  return new TimelineError(source.original, message);
}

/** The reference day, read only when the text needs it (see parseTimeline). */
type Reference = () => LocalDay;

/**
 * Reads one "Thời gian thực hiện" text as a deadline. Texts with a deadline win over "Thường xuyên"
 * (the deadline is what the system must watch); a text that could mean two different deadlines, a
 * day that does not exist or a form it does not know is a TimelineError, never a guess.
 *
 * The reference date is checked only when the text needs it (no year written, or a recurrence), so
 * a plan form with a bad issue date still gets each timeline's own problems, not the same one again.
 */
export function parseTimeline(text: string, ctx: TimelineContext): ParsedDeadline {
  const source: Source = { original: text, clean: normaliseTimelineText(text) };
  const reference: Reference = () => {
    const day = parseLocalDate(ctx.referenceDate);
    if (!day) throw failure(source, `Ngày tham chiếu không hợp lệ "${ctx.referenceDate}" (cần dạng YYYY-MM-DD)`);
    return day;
  };

  const workingDays = extractWorkingDays(source.clean);
  if (workingDays) return countWorkingDays(workingDays, source, reference, ctx);
  const { text: rest, time } = extractTimeOfDay(source.clean);
  const stray = STRAY_TIME.exec(rest);
  if (stray) throw failure(source, `Không hiểu giờ "${stray[0]}" trong "${source.clean}" (viết giờ ngay trước ngày, ví dụ "trước 17 giờ ngày 25/12/2024")`);

  const mentions = findMentions(rest, source.original);
  if (time) return atTimeOfDay(time, mentions, reference, source);
  const vague = mentions.find((m) => m.anchor === 'vague');
  if (vague) throw failure(source, `Không xác định được ngày đến hạn "${vague.phrase}" trong "${source.clean}"`);
  const deadlines = mentions.filter((m) => m.anchor !== 'from');
  const cycle = cycleOf(source, mentions);

  if (deadlines.length === 0) {
    if (ONGOING.test(source.clean)) return { kind: 'ongoing' };
    if (cycle === 'quarter') return quarterly(reference());
    if (cycle === 'year') throw failure(source, `Thiếu ngày đến hạn hằng năm trong "${source.clean}"`);
    if (cycle) throw unsupportedCycle(source);
    if (mentions.length > 0) throw failure(source, `Chỉ có mốc bắt đầu, thiếu thời hạn trong "${source.clean}"`);
    throw failure(source, `Không hiểu thời hạn "${source.clean}"`);
  }
  if (cycle === undefined) return fixed(deadlines, reference, source);
  if (cycle === 'year') return yearly(deadlines, reference, source);
  if (cycle === 'quarter') {
    throw failure(source, `Hạn hằng quý không kèm ngày cụ thể được; cần sửa "${source.clean}"`);
  }
  throw unsupportedCycle(source);
}

function unsupportedCycle(source: Source): TimelineError {
  return failure(source, `Chưa hỗ trợ thời hạn hằng tháng hoặc hằng tuần "${source.clean}"`);
}

/** The one repetition the text asks for, if any; two different ones cannot both be tracked. */
function cycleOf(source: Source, mentions: readonly Mention[]): Cycle | undefined {
  const cycles: Cycle[] = CYCLES.filter((c) => c.cue.test(source.clean)).map((c) => c.every);
  if (cycles.length === 0 && ANNIVERSARY.test(source.clean) && mentions.every((m) => m.year === undefined)) {
    cycles.push('year');
  }
  if (cycles.length > 1) throw failure(source, `Có nhiều chu kỳ khác nhau trong "${source.clean}"`);
  return cycles[0];
}

/** The due day of a period in one year: its last day, or the day before it begins for "trước". */
function dueIn(mention: Mention, year: number): LocalDay | undefined {
  const period = mention.periodIn(year);
  if (!period) return undefined;
  return mention.anchor === 'before' ? period.first.minus({ days: 1 }) : period.last;
}

function dueInOrFail(mention: Mention, year: number, source: Source): LocalDay {
  const due = dueIn(mention, year);
  if (!due) throw failure(source, `Ngày không hợp lệ "${mention.fragment}" trong năm ${year}, trong "${source.clean}"`);
  return due;
}

/**
 * A period written without a year takes the reference year, or the next one when that due day has
 * already passed: a plan issued in December that says "trước ngày 15/01" means next January.
 */
function fixedDueDay(mention: Mention, reference: Reference, source: Source): LocalDay {
  if (mention.year !== undefined) return dueInOrFail(mention, mention.year, source);
  const from = reference();
  const thisYear = dueInOrFail(mention, from.year, source);
  return isBefore(thisYear, from) ? dueInOrFail(mention, from.year + 1, source) : thisYear;
}

function fixed(deadlines: readonly Mention[], reference: Reference, source: Source): ParsedDeadline {
  const days = deadlines.map((m) => fixedDueDay(m, reference, source));
  const distinct = [...new Set(days.map((d) => d.toFormat('dd/MM/yyyy')))];
  if (distinct.length > 1) {
    throw failure(source, `Có nhiều thời hạn khác nhau (${distinct.join(', ')}) trong "${source.clean}"`);
  }
  const due = days[0];
  return { kind: 'fixed', dueAt: endOfDayInstant(due), dueDate: due.toISODate() };
}

/**
 * The due month and day of a yearly deadline. It must be the same in common and leap years:
 * "29/02" or "trước ngày 01/03" (28/02 or 29/02) would need a rule the data model cannot carry.
 */
function yearlyMonthDay(mention: Mention, source: Source): { month: number; day: number } {
  // The year written in a recurring text (if any) has been validated; only month and day repeat.
  const common = dueIn(mention, 2001);
  const leap = dueIn(mention, 2004);
  if (!common || !leap || common.month !== leap.month || common.day !== leap.day) {
    throw failure(
      source,
      `Ngày đến hạn hằng năm "${mention.phrase}" không giống nhau mọi năm (năm nhuận) trong "${source.clean}"`,
    );
  }
  return { month: common.month, day: common.day };
}

function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}

function nextYearly(month: number, day: number, reference: LocalDay): LocalDay {
  for (const year of [reference.year, reference.year + 1]) {
    const due = localDay(year, month, day);
    if (due && !isBefore(due, reference)) return due;
  }
  throw new Error(`unreachable: ${day}/${month} exists in every year`);
}

function yearly(deadlines: readonly Mention[], reference: Reference, source: Source): ParsedDeadline {
  const dues = deadlines.map((m) => yearlyMonthDay(m, source));
  const distinct = [...new Set(dues.map(({ month, day }) => `${twoDigits(day)}/${twoDigits(month)}`))];
  if (distinct.length > 1) {
    throw failure(source, `Có nhiều thời hạn hằng năm khác nhau (${distinct.join(', ')}) trong "${source.clean}"`);
  }
  const { month, day } = dues[0];
  const next = nextYearly(month, day, reference());
  return {
    kind: 'recurring',
    every: 'year',
    month,
    day,
    nextDueAt: endOfDayInstant(next),
    nextDueDate: next.toISODate(),
  };
}

/** Quarterly deadlines fall on quarter ends; the next one is the end of the reference's quarter. */
function quarterly(reference: LocalDay): ParsedDeadline {
  const next = reference.endOf('quarter').startOf('day');
  return { kind: 'recurring', every: 'quarter', nextDueAt: endOfDayInstant(next), nextDueDate: next.toISODate() };
}

/**
 * "trước 17 giờ ngày 25/12/2024": due at that instant on one named day. The work is in time until
 * the clock strikes, so dueAt is the millisecond before (as "end of day" is 23:59:59.999).
 */
function atTimeOfDay(time: TimeOfDay, mentions: readonly Mention[], reference: Reference, source: Source): ParsedDeadline {
  if (!isValidTime(time)) throw failure(source, `Giờ không hợp lệ "${time.fragment}" trong "${source.clean}"`);
  const days = mentions.filter((m) => m.anchor !== 'from');
  const single = days.length === 1 && days[0].anchor === 'by' ? days[0] : undefined;
  const period = single?.periodIn(single.year ?? 2000);
  if (!single || !period || period.first.toMillis() !== period.last.toMillis()) {
    throw failure(source, `Giờ "${time.fragment}" phải đi kèm đúng một ngày cụ thể trong "${source.clean}"`);
  }
  if (CYCLES.some((c) => c.cue.test(source.clean))) {
    throw failure(source, `Thời hạn định kỳ không kèm giờ được; cần sửa "${source.clean}"`);
  }
  const day = fixedDueDay(single, reference, source);
  const instant = day.set({ hour: time.hour, minute: time.minute, second: time.second, millisecond: 0 }).minus({ milliseconds: 1 });
  return { kind: 'fixed', dueAt: instant.toJSDate().toISOString(), dueDate: instant.setZone(LOCAL_ZONE).toISODate()! };
}

/**
 * "trong 10 ngày làm việc (kể từ ngày ban hành)": the 10th working day after the issue date, or
 * after a date written with "kể từ" ("10 ngày làm việc kể từ ngày 15/3/2025"), on the caller's
 * calendar (public holidays and the admin's overrides). Nothing else may name a deadline.
 */
function countWorkingDays(reading: WorkingDaysReading, source: Source, reference: Reference, ctx: TimelineContext): ParsedDeadline {
  if (reading.count < 1) throw failure(source, `Số ngày làm việc không hợp lệ "${reading.fragment}" trong "${source.clean}"`);
  if (CYCLES.some((c) => c.cue.test(source.clean))) {
    throw failure(source, `Chưa hỗ trợ thời hạn định kỳ tính bằng ngày làm việc "${source.clean}"`);
  }
  const mentions = findMentions(reading.rest, source.original);
  const others = mentions.filter((m) => m.anchor !== 'from');
  if (others.length) {
    throw failure(source, `Có nhiều thời hạn khác nhau ("${reading.fragment}" và "${others[0].phrase}") trong "${source.clean}"`);
  }
  if (mentions.length > 1) throw failure(source, `Có nhiều mốc bắt đầu trong "${source.clean}"`);
  let from: LocalDay;
  if (mentions.length === 1) {
    const start = mentions[0];
    const period = start.periodIn(start.year ?? reference().year);
    if (!period || period.first.toMillis() !== period.last.toMillis()) {
      throw failure(source, `Mốc bắt đầu "${start.phrase}" phải là một ngày cụ thể trong "${source.clean}"`);
    }
    from = period.first;
  } else {
    from = reference();
  }
  const fromDate = from.toISODate();
  const dueDate = (ctx.calendar ?? HOLIDAYS_ONLY).addWorkingDays(fromDate, reading.count);
  return { kind: 'fixed', dueAt: endOfLocalDay(dueDate), dueDate, workingDays: { count: reading.count, from: fromDate } };
}
