import type { Deadline } from '#contracts';
import { endOfDayInstant, localDay, parseLocalDate } from './local-time.js';
import { TimelineError } from './timeline-error.js';

type Recurring = Extract<Deadline, { kind: 'recurring' }>;

/** One occurrence of a recurring deadline: its own due item for every unit. */
export interface Occurrence {
  /** `2025` for a yearly deadline, `2025-Q4` for a quarterly one: unique per assignment. */
  key: string;
  dueDate: string;
  dueAt: string;
}

export function occurrenceKey(every: Recurring['every'], dueDate: string): string {
  const day = parseLocalDate(dueDate);
  if (!day) throw new TimelineError(dueDate, `Ngày không hợp lệ "${dueDate}"`);
  return every === 'year' ? String(day.year) : `${day.year}-Q${day.quarter}`;
}

/**
 * The occurrence after the one due on `dueDate`: the same day next year, or the end of the next
 * quarter. Yearly days are the same in every year (the parser refuses 29/02), so nothing moves.
 */
export function nextOccurrence(deadline: Recurring, dueDate: string): Occurrence {
  const day = parseLocalDate(dueDate);
  if (!day) throw new TimelineError(dueDate, `Ngày không hợp lệ "${dueDate}"`);
  const next =
    deadline.every === 'year'
      ? localDay(day.year + 1, deadline.month ?? day.month, deadline.day ?? day.day)
      : day.plus({ months: 3 }).endOf('quarter').startOf('day');
  if (!next) throw new TimelineError(dueDate, `Không tính được kỳ tiếp theo sau ${dueDate}`);
  const nextDate = next.toISODate()!;
  return { key: occurrenceKey(deadline.every, nextDate), dueDate: nextDate, dueAt: endOfDayInstant(next) };
}
