import type { Deadline } from '#contracts';
import { endOfDayInstant, localDay, parseLocalDate, type LocalDay } from './local-time.js';
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

function occurrence(every: Recurring['every'], day: LocalDay): Occurrence {
  const dueDate = day.toISODate();
  return { key: occurrenceKey(every, dueDate), dueDate, dueAt: endOfDayInstant(day) };
}

/**
 * The occurrence after the one named `key` (`2024`, `2024-Q4`): the same day next year, or the end
 * of the next quarter. Computed from the key, not from a due date an extension may have moved.
 * Yearly days are the same in every year (the parser refuses 29/02), so nothing shifts.
 */
export function nextOccurrence(deadline: Recurring, key: string): Occurrence {
  const match = /^(\d{4})(?:-Q([1-4]))?$/.exec(key);
  if (!match) throw new TimelineError(key, `Kỳ không hợp lệ "${key}"`);
  const year = Number(match[1]);
  if (deadline.every === 'year') {
    const fallback = parseLocalDate(deadline.nextDueDate);
    const next = localDay(year + 1, deadline.month ?? fallback?.month ?? 12, deadline.day ?? fallback?.day ?? 31);
    if (!next) throw new TimelineError(key, `Không tính được kỳ tiếp theo sau ${key}`);
    return occurrence('year', next);
  }
  const quarter = Number(match[2] ?? 4);
  const next = localDay(quarter === 4 ? year + 1 : year, quarter === 4 ? 1 : quarter * 3 + 1, 1)!.endOf('quarter').startOf('day');
  return occurrence('quarter', next);
}
