import { DateTime } from 'luxon';
import type { DeadlineStepRef, NoticeCapacity, Role } from '#contracts';
import { LOCAL_ZONE } from '#timeline';
import type { Step } from './deadline.policy.js';

/**
 * Who is told at each step, the same for every kind of deadline (an assignment's, a report's):
 * reminders and the overdue notice go to the unit that owes the work (its office), escalation 1 to
 * that unit's secretary, 2 to the monitoring body (or, without one inside the giver's subtree, the
 * giving unit's office), 3 to the giving unit's standing committee (its secretary). Never above the
 * unit that gave the work: each service resolves `targetUnit` in SQL under that rule.
 */
export interface StepAudience {
  history: 'due-soon' | 'overdue' | 'escalated';
  /** `owner`: the unit that owes the work; `monitoring`: the monitoring body; `giver`: the unit that gave it. */
  targetUnit: 'owner' | 'monitoring' | 'giver';
  role: Role;
  capacity: NoticeCapacity;
}

export function audienceFor(step: Step): StepAudience {
  if (step.kind === 'reminder') return { history: 'due-soon', targetUnit: 'owner', role: 'office', capacity: 'assigned-unit' };
  if (step.kind === 'overdue') return { history: 'overdue', targetUnit: 'owner', role: 'office', capacity: 'assigned-unit' };
  if (step.level === 1) return { history: 'escalated', targetUnit: 'owner', role: 'secretary', capacity: 'unit-head' };
  if (step.level === 2) return { history: 'escalated', targetUnit: 'monitoring', role: 'office', capacity: 'monitoring-body' };
  return { history: 'escalated', targetUnit: 'giver', role: 'secretary', capacity: 'standing-committee' };
}

/** Whole local days from the due day to today's date in Viet Nam (0 until the deadline has passed). */
export function daysOverdue(dueAt: number, now: number): number {
  if (now <= dueAt) return 0;
  const due = DateTime.fromMillis(dueAt, { zone: LOCAL_ZONE }).startOf('day');
  const today = DateTime.fromMillis(now, { zone: LOCAL_ZONE }).startOf('day');
  return Math.max(1, Math.round(today.diff(due, 'days').days));
}

/** "24/12/2026", or "25/12/2026 17:00" when the deadline is a time of day. */
export function describeDue(dueAt: number): string {
  const local = DateTime.fromMillis(dueAt, { zone: LOCAL_ZONE });
  const endOfDay = local.hour === 23 && local.minute === 59 && local.second === 59 && local.millisecond === 999;
  return endOfDay ? local.toFormat('dd/MM/yyyy') : local.plus({ milliseconds: 1 }).toFormat('dd/MM/yyyy HH:mm');
}

/** "quá hạn 3 ngày", or "đã quá hạn" on the due day itself (a time-of-day deadline). */
export function lateText(dueAt: number, now: number): string {
  const late = daysOverdue(dueAt, now);
  return late > 0 ? `quá hạn ${late} ngày` : 'đã quá hạn';
}

export function stepRef(step: Step): DeadlineStepRef {
  return { kind: step.kind, key: step.key, level: step.level, scheduledAt: new Date(step.at).toISOString() };
}
