import { DateTime } from 'luxon';
import type { Deadline } from '#contracts';
import { LOCAL_ZONE, endOfLocalDay } from '#timeline';

/**
 * The reporting periods of an obligation. A one-off deadline is one period keyed by its due date
 * ("2024-12-24"); a yearly one is a period per year ("2026", due each year on the same day); a
 * quarterly one a period per quarter ("2026-Q4", due at the quarter's end). Dates are local.
 */
export interface PeriodSpec {
  key: string;
  label: string;
  /** Local YYYY-MM-DD of the last day to report. */
  dueDate: string;
  /** UTC instant of the deadline: the end of that day, unless a fixed deadline names a time. */
  dueAt: string;
}

const ROMAN = ['I', 'II', 'III', 'IV'];
/** More than a lifetime of periods: a guard against a clock or data error, never reached in use. */
const MAX_PERIODS = 200;

function dmy(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

function spec(key: string, label: string, dueDate: string): PeriodSpec {
  return { key, label, dueDate, dueAt: endOfLocalDay(dueDate) };
}

function yearly(year: number, month: number, day: number): PeriodSpec {
  const due = DateTime.fromObject({ year, month, day }, { zone: LOCAL_ZONE });
  return spec(String(year), `Năm ${year}`, due.toISODate()!);
}

function quarterly(year: number, quarter: number): PeriodSpec {
  const due = DateTime.fromObject({ year, month: quarter * 3, day: 1 }, { zone: LOCAL_ZONE }).endOf('month');
  return spec(`${year}-Q${quarter}`, `Quý ${ROMAN[quarter - 1]}/${year}`, due.toISODate()!);
}

/** The first period: the fixed date, or the first occurrence on or after the plan's issue date. */
export function firstPeriod(deadline: Deadline): PeriodSpec {
  switch (deadline.kind) {
    case 'fixed':
      // The deadline's own instant: the end of the day, or a time of day ("trước 17 giờ ngày 25/12").
      return { ...spec(deadline.dueDate, `Hạn ${dmy(deadline.dueDate)}`, deadline.dueDate), dueAt: deadline.dueAt };
    case 'recurring': {
      const next = DateTime.fromISO(deadline.nextDueDate, { zone: LOCAL_ZONE });
      if (deadline.every === 'year') return yearly(next.year, deadline.month ?? next.month, deadline.day ?? next.day);
      return quarterly(next.year, Math.ceil(next.month / 3));
    }
    case 'ongoing':
      throw new Error('an ongoing timeline has no reporting period');
  }
}

export function nextPeriod(deadline: Deadline, previous: PeriodSpec): PeriodSpec | null {
  if (deadline.kind !== 'recurring') return null;
  if (deadline.every === 'year') {
    const due = DateTime.fromISO(previous.dueDate, { zone: LOCAL_ZONE });
    return yearly(due.year + 1, due.month, due.day);
  }
  const [year, q] = previous.key.split('-Q').map(Number);
  return q === 4 ? quarterly(year + 1, 1) : quarterly(year, q + 1);
}

/**
 * Every period that should be open at `now`: from the first through the current one (the first
 * whose deadline has not passed), never beyond `until`. A period opens when the previous one's
 * deadline passes, so units always have exactly one period ahead of them.
 */
export function periodsOpenAt(deadline: Deadline, until: string | null, now: Date): PeriodSpec[] {
  const periods: PeriodSpec[] = [firstPeriod(deadline)];
  for (;;) {
    const last = periods[periods.length - 1];
    if (new Date(last.dueAt) >= now || periods.length >= MAX_PERIODS) break;
    const next = nextPeriod(deadline, last);
    if (!next || (until !== null && next.dueDate > until)) break;
    periods.push(next);
  }
  return periods;
}

/** The period before `key` in the obligation's sequence (for "compared with the previous year"). */
export function previousPeriodKey(key: string): string | null {
  if (/^\d{4}$/.test(key)) return String(Number(key) - 1);
  const quarter = /^(\d{4})-Q([1-4])$/.exec(key);
  if (quarter) {
    const [year, q] = [Number(quarter[1]), Number(quarter[2])];
    return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
  }
  return null;
}
