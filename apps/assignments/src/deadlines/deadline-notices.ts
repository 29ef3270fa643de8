import { DateTime } from 'luxon';
import { EventSubjects, type DeadlineStepRef, type HistoryEventKind, type NoticeCapacity, type Role } from '#contracts';
import { formatDuration } from '#config';
import { LOCAL_ZONE } from '#timeline';
import type { Step } from './deadline.policy.js';

/**
 * Who is told at each step, and why, in words. Never above the plan's issuer: the assigning unit
 * is the plan's issuer, the lead body counts only inside its subtree (firing.sql.ts checks), and
 * there are three escalation levels at most.
 */
export interface StepNotice {
  subject: typeof EventSubjects.assignmentDueSoon | typeof EventSubjects.assignmentOverdue | typeof EventSubjects.assignmentEscalated;
  history: HistoryEventKind;
  /** Which unit, resolved in SQL per assignment: its own unit, the monitoring body, the assigning unit. */
  targetUnit: 'assigned' | 'monitoring' | 'assigning';
  role: Role;
  capacity: NoticeCapacity;
}

export function noticeFor(step: Step): StepNotice {
  if (step.kind === 'reminder') {
    return { subject: EventSubjects.assignmentDueSoon, history: 'due-soon', targetUnit: 'assigned', role: 'office', capacity: 'assigned-unit' };
  }
  if (step.kind === 'overdue') {
    return { subject: EventSubjects.assignmentOverdue, history: 'overdue', targetUnit: 'assigned', role: 'office', capacity: 'assigned-unit' };
  }
  const escalated = { subject: EventSubjects.assignmentEscalated, history: 'escalated' } as const;
  if (step.level === 1) return { ...escalated, targetUnit: 'assigned', role: 'secretary', capacity: 'unit-head' };
  if (step.level === 2) return { ...escalated, targetUnit: 'monitoring', role: 'office', capacity: 'monitoring-body' };
  return { ...escalated, targetUnit: 'assigning', role: 'secretary', capacity: 'standing-committee' };
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

export function reasonFor(step: Step, dueAt: number, now: number): string {
  const due = describeDue(dueAt);
  const late = daysOverdue(dueAt, now);
  const lateText = late > 0 ? `quá hạn ${late} ngày` : 'đã quá hạn';
  switch (step.kind) {
    case 'reminder':
      return `Sắp đến hạn ${due} (nhắc trước ${formatDuration(dueAt - step.at)})`;
    case 'overdue':
      return `Đã quá hạn ${due} mà chưa hoàn thành`;
    case 'escalation':
      if (step.level === 1) return `Hạn ${due}, ${lateText}: báo Bí thư đơn vị được giao`;
      if (step.level === 2) return `Hạn ${due}, ${lateText}: báo cơ quan chủ trì, theo dõi của đơn vị giao nhiệm vụ`;
      return `Hạn ${due}, ${lateText}: báo Ban Thường vụ đơn vị giao nhiệm vụ`;
  }
}

export function stepRef(step: Step): DeadlineStepRef {
  return { kind: step.kind, key: step.key, level: step.level, scheduledAt: new Date(step.at).toISOString() };
}
