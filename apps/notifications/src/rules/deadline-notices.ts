import type {
  DeadlineNoticeEvent,
  DeadlineStepRef,
  EventEnvelope,
  NoticeItem,
  NoticeTarget,
  NotificationData,
  NotificationKind,
  NotificationUnit,
  ReportDeadlineNoticeEvent,
  ReportNoticeItem,
} from '#contracts';
import { OFFICE_ROLES } from '../notices/notice.js';
import { durableFor, localDate, type NotificationRule } from './rule.js';

/** What assignment and report deadline events share: one fired step, one target, the items concerned. */
interface DeadlineStepEvent<Item extends { unit: NotificationUnit }> {
  step: DeadlineStepRef;
  dueAt: string;
  target: NoticeTarget;
  reason: string;
  items: Item[];
}

/** What is late, told by each kind of deadline event; `single` is the item when there is only one. */
type About<Item, E> = (event: E, single: Item | null) => Pick<NotificationData, 'assignmentId' | 'plan' | 'task' | 'assigner' | 'report'>;

const ESCALATIONS: readonly NotificationKind[] = ['assignment.escalated', 'report.escalated'];

/**
 * due-soon, overdue and escalated (issue 3): one event per step and target unit, listing the items
 * concerned (up to 1,000). The target's role comes with the event. A notice about one item names
 * its unit; one about many (an upper unit told of every overdue cell) names the target and counts
 * them in the note.
 */
function deadlineRule<Item extends { unit: NotificationUnit }, E extends DeadlineStepEvent<Item>>(
  kind: NotificationKind,
  subject: string,
  about: About<Item, E>,
): NotificationRule {
  const escalation = ESCALATIONS.includes(kind);
  return {
    subject,
    kind,
    durable: durableFor(kind),
    async notices(envelope: EventEnvelope<string, E>) {
      const { dueAt, target, reason, items, step } = envelope.data;
      const targetUnit: NotificationUnit = { id: target.unitId, code: target.unitCode, name: target.unitName };
      const single = items.length === 1 ? items[0]! : null;
      const data: NotificationData = {
        ...about(envelope.data, single),
        unit: single?.unit ?? targetUnit,
        dueAt,
        deadline: localDate(dueAt),
        note: single ? reason : `${reason} (${items.length} đơn vị)`,
        escalation: escalation ? { step: step.level, targetUnit } : null,
        extension: null,
      };
      // Reminders and overdue notices go to the unit's office and secretary (issue 5); an
      // escalation to the role its step names in the unit escalated to (never muted).
      const roles = escalation ? [target.role] : OFFICE_ROLES;
      return [{ kind, unitId: target.unitId, roles, data }];
    },
  };
}

/** `assignments.assignment.due-soon|overdue|escalated`: a task's deadline. */
export function assignmentDeadline(kind: NotificationKind, subject: string): NotificationRule {
  return deadlineRule<NoticeItem, DeadlineNoticeEvent>(kind, subject, ({ plan, task, assigningUnit }, single) => ({
    assignmentId: single?.assignmentId ?? null,
    plan,
    task: { ...task, timeline: null },
    assigner: assigningUnit,
    report: null,
  }));
}

/**
 * `reporting.report.due-soon|overdue|escalated`: an expected report's deadline, for one obligation
 * and period. No task: the obligation and period say what is owed, the receiving unit to whom.
 */
export function reportDeadline(kind: NotificationKind, subject: string): NotificationRule {
  return deadlineRule<ReportNoticeItem, ReportDeadlineNoticeEvent>(kind, subject, ({ plan, obligation, period, receivingUnit, items }, single) => ({
    assignmentId: null,
    plan,
    task: null,
    assigner: receivingUnit,
    report: {
      id: single?.reportId ?? null,
      obligation: { code: obligation.code, title: obligation.title },
      period: { key: period.key, label: period.label },
      count: items.length,
    },
  }));
}
