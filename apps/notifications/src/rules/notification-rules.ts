import {
  EventSubjects,
  type AssignmentStatusChangedEvent,
  type ExtensionDecidedEvent,
  type AssignmentsCreatedEvent,
  type EventEnvelope,
  type NotificationData,
  type NotificationKind,
  type NotificationUnit,
  type ReportAcceptedEvent,
  type ReportReturnedEvent,
} from '#contracts';
import type { LocalFacts, LocalPlan, LocalTask } from '../notices/local-facts.js';
import { OFFICE_ROLES } from '../notices/notice.js';
import { assignmentDeadline, reportDeadline } from './deadline-notices.js';
import { durableFor, localDate, type NotificationRule } from './rule.js';

// The rule type and date helper live in rule.js (the deadline rules need them too); kept
// reachable from here for the controller and tests.
export { localDate, type NotificationRule };

const unknownUnit = (id: string): NotificationUnit => ({ id, code: '', name: `đơn vị #${id}` });

interface AssignmentRef {
  assignmentId?: string | null;
  planId?: string;
  taskId?: string;
  plan?: { id: string; symbol: string; title: string };
  task?: { id: string; number: string; title: string; timeline?: string | null };
  unitId: string;
  dueAt?: string | null;
}

/**
 * The facts about one assignment: from the payload where it carries them, else from the local
 * copy of plans and tasks; units from the local copy of the tree. `extraUnitIds` are fetched in
 * the same query (an escalation's target).
 */
async function describe(
  ref: AssignmentRef,
  facts: LocalFacts,
  extraUnitIds: string[] = [],
): Promise<{ data: NotificationData; plan: LocalPlan | null; task: LocalTask | null; units: Map<string, NotificationUnit> }> {
  // What the event carries inline need not wait for the local copy.
  const task = await facts.task(ref.task?.id ?? ref.taskId, { required: !ref.task });
  const plan = await facts.plan(ref.plan?.id ?? ref.planId ?? task?.planId, { required: !ref.plan });
  const units = await facts.units([ref.unitId, plan?.issuerId, ...extraUnitIds]);
  const dueAt = ref.dueAt !== undefined ? ref.dueAt : (task?.dueAt ?? null);
  const planRef = ref.plan ?? (plan ? { id: plan.id, symbol: plan.symbol, title: plan.title } : null);
  const taskRef = ref.task
    ? { id: ref.task.id, number: ref.task.number, title: ref.task.title, timeline: ref.task.timeline ?? task?.timeline ?? null }
    : task
      ? { id: task.id, number: task.number, title: task.title, timeline: task.timeline }
      : null;
  return {
    plan,
    task,
    units,
    data: {
      assignmentId: ref.assignmentId ?? null,
      plan: planRef && { id: planRef.id, symbol: planRef.symbol, title: planRef.title },
      task: taskRef,
      unit: units.get(ref.unitId) ?? unknownUnit(ref.unitId),
      assigner: plan ? (units.get(plan.issuerId) ?? null) : null,
      dueAt,
      deadline: localDate(dueAt),
      note: null,
      escalation: null,
      extension: null,
      report: null,
    },
  };
}

/** Report reviews (issue 4): tell the reporting unit's office and secretary. */
function toReportingUnit(kind: NotificationKind, subject: string): NotificationRule {
  return {
    subject,
    kind,
    durable: durableFor(kind),
    async notices(event: EventEnvelope<string, ReportAcceptedEvent | ReportReturnedEvent>, facts) {
      const { data } = await describe(event.data, facts);
      // A returned report's reason is the note the unit must read.
      data.note = 'reason' in event.data ? event.data.reason : null;
      return [{ kind, unitId: event.data.unitId, roles: OFFICE_ROLES, data }];
    },
  };
}

export const NOTIFICATION_RULES: readonly NotificationRule[] = [
  {
    // A cascade step: every implementing unit hears of its new task (up to 1,000 per event).
    subject: EventSubjects.assignmentsCreated,
    kind: 'assignment.created',
    durable: 'notifications-assignment-created',
    async notices(event: EventEnvelope<string, AssignmentsCreatedEvent>, facts) {
      const { planId, taskId, assignments } = event.data;
      const task = await facts.task(taskId);
      const plan = await facts.plan(planId);
      const units = await facts.units([...assignments.map((a) => a.unitId), plan?.issuerId]);
      const planRef = plan && { id: plan.id, symbol: plan.symbol, title: plan.title };
      const taskRef = task && { id: task.id, number: task.number, title: task.title, timeline: task.timeline };
      const assigner = plan ? (units.get(plan.issuerId) ?? null) : null;
      return assignments.map((assignment) => ({
        kind: 'assignment.created' as const,
        unitId: assignment.unitId,
        roles: OFFICE_ROLES,
        data: {
          assignmentId: assignment.id,
          plan: planRef,
          task: taskRef,
          unit: units.get(assignment.unitId) ?? unknownUnit(assignment.unitId),
          assigner,
          dueAt: assignment.dueAt,
          deadline: localDate(assignment.dueAt),
          note: null,
          escalation: null,
          extension: null,
          report: null,
        },
      }));
    },
  },
  {
    // Work reported done: the unit that gave it (the plan's issuer) hears, with the result note.
    subject: EventSubjects.assignmentStatusChanged,
    kind: 'assignment.completed',
    durable: 'notifications-assignment-completed',
    async notices(event: EventEnvelope<string, AssignmentStatusChangedEvent>, facts) {
      const change = event.data;
      if (change.to !== 'done') return [];
      const { data, plan } = await describe(change, facts);
      if (!plan) return [];
      data.note = change.resultNote;
      return [{ kind: 'assignment.completed', unitId: plan.issuerId, roles: OFFICE_ROLES, data }];
    },
  },
  assignmentDeadline('assignment.due-soon', EventSubjects.assignmentDueSoon),
  assignmentDeadline('assignment.overdue', EventSubjects.assignmentOverdue),
  // Escalation: the unit escalated to, in the role the step names. Never muted.
  assignmentDeadline('assignment.escalated', EventSubjects.assignmentEscalated),
  {
    // A decision on an extension the unit asked for: the unit that asked hears it.
    subject: EventSubjects.extensionDecided,
    kind: 'extension.decided',
    durable: 'notifications-extension-decided',
    async notices(event: EventEnvelope<string, ExtensionDecidedEvent>) {
      const { extension, target } = event.data;
      const approved = extension.status === 'approved';
      const newDueAt = approved ? extension.decidedDueAt : null;
      const data: NotificationData = {
        assignmentId: extension.assignmentId,
        plan: extension.plan,
        task: { ...extension.task, timeline: null },
        unit: extension.unit,
        assigner: extension.assigner,
        dueAt: extension.currentDueAt,
        deadline: localDate(extension.currentDueAt),
        note: extension.decisionNote,
        escalation: null,
        extension: { approved, newDueAt, newDeadline: localDate(newDueAt) },
        report: null,
      };
      return [{ kind: 'extension.decided', unitId: target.unitId, roles: [target.role], data }];
    },
  },
  toReportingUnit('report.returned', EventSubjects.reportReturned),
  toReportingUnit('report.accepted', EventSubjects.reportAccepted),
  // An expected report not sent: the reporting unit's office and secretary are reminded, then told
  // it is overdue; escalations go up like an assignment's. Never muted.
  reportDeadline('report.due-soon', EventSubjects.reportDueSoon),
  reportDeadline('report.overdue', EventSubjects.reportOverdue),
  reportDeadline('report.escalated', EventSubjects.reportEscalated),
];

/**
 * Every rule's subject must be a released event (`EventSubjects`): a rule for a misspelt or
 * retired subject would create a durable consumer that never receives anything. Checked at boot.
 */
export function releasedRules(rules: readonly NotificationRule[], released: readonly string[]): NotificationRule[] {
  const unknown = rules.filter((rule) => !released.includes(rule.subject)).map((rule) => rule.subject);
  if (unknown.length > 0) throw new Error(`notification rules for unreleased subjects: ${unknown.join(', ')}`);
  return [...rules];
}
