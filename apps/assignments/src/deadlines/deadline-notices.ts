import { EventSubjects } from '#contracts';
import { formatDuration } from '#config';
import { audienceFor, describeDue, lateText, type Step, type StepAudience } from '#deadlines';

/**
 * Who is told at each step of an assignment's deadline (audienceFor: the assigned unit, the task's
 * lead body, the assigning unit — never above the plan's issuer, firing.sql.ts checks), under which
 * subject, and why in words.
 */
export interface StepNotice extends StepAudience {
  subject: typeof EventSubjects.assignmentDueSoon | typeof EventSubjects.assignmentOverdue | typeof EventSubjects.assignmentEscalated;
}

const SUBJECTS = {
  'due-soon': EventSubjects.assignmentDueSoon,
  overdue: EventSubjects.assignmentOverdue,
  escalated: EventSubjects.assignmentEscalated,
} as const;

export function noticeFor(step: Step): StepNotice {
  const audience = audienceFor(step);
  return { ...audience, subject: SUBJECTS[audience.history] };
}

export function reasonFor(step: Step, dueAt: number, now: number): string {
  const due = describeDue(dueAt);
  const late = lateText(dueAt, now);
  switch (step.kind) {
    case 'reminder':
      return `Sắp đến hạn ${due} (nhắc trước ${formatDuration(dueAt - step.at)})`;
    case 'overdue':
      return `Đã quá hạn ${due} mà chưa hoàn thành`;
    case 'escalation':
      if (step.level === 1) return `Hạn ${due}, ${late}: báo Bí thư đơn vị được giao`;
      if (step.level === 2) return `Hạn ${due}, ${late}: báo cơ quan chủ trì, theo dõi của đơn vị giao nhiệm vụ`;
      return `Hạn ${due}, ${late}: báo Ban Thường vụ đơn vị giao nhiệm vụ`;
  }
}
