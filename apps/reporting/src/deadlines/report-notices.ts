import { EventSubjects } from '#contracts';
import { formatDuration } from '#config';
import { audienceFor, describeDue, lateText, type Step, type StepAudience } from '#deadlines';

/**
 * Who is told at each step of a report's deadline (audienceFor: the reporting unit, the monitoring
 * body the report goes through, the unit it goes to — never above the plan's issuer,
 * report-firing.sql.ts checks), under which subject, and why in words.
 */
export interface ReportStepNotice extends StepAudience {
  subject: typeof EventSubjects.reportDueSoon | typeof EventSubjects.reportOverdue | typeof EventSubjects.reportEscalated;
}

const SUBJECTS = {
  'due-soon': EventSubjects.reportDueSoon,
  overdue: EventSubjects.reportOverdue,
  escalated: EventSubjects.reportEscalated,
} as const;

export function reportNoticeFor(step: Step): ReportStepNotice {
  const audience = audienceFor(step);
  return { ...audience, subject: SUBJECTS[audience.history] };
}

export function reportReasonFor(step: Step, dueAt: number, now: number, period: string): string {
  const due = describeDue(dueAt);
  const late = lateText(dueAt, now);
  switch (step.kind) {
    case 'reminder':
      return `Sắp đến hạn nộp báo cáo ${period} (${due}, nhắc trước ${formatDuration(dueAt - step.at)})`;
    case 'overdue':
      return `Đã quá hạn nộp báo cáo ${period} (${due}) mà chưa nộp`;
    case 'escalation':
      if (step.level === 1) return `Báo cáo ${period} hạn ${due}, ${late} chưa nộp: báo Bí thư đơn vị báo cáo`;
      if (step.level === 2) return `Báo cáo ${period} hạn ${due}, ${late} chưa nộp: báo cơ quan theo dõi, tổng hợp`;
      return `Báo cáo ${period} hạn ${due}, ${late} chưa nộp: báo Ban Thường vụ đơn vị nhận báo cáo`;
  }
}
