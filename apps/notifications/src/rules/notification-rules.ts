import {
  EventSubjects,
  ROLES,
  type AssignmentStatusChangedEvent,
  type AssignmentsCreatedEvent,
  type EventEnvelope,
  type NotificationData,
  type NotificationKind,
  type NotificationUnit,
  type Role,
} from '#contracts';
import { formatLocalDate } from '#timeline';
import type { LocalFacts, LocalPlan, LocalTask } from '../notices/local-facts.js';
import { OFFICE_ROLES, type Notice } from '../notices/notice.js';
import {
  PROVISIONAL_SUBJECTS,
  type AssignmentDeadlineEvent,
  type AssignmentEscalatedEvent,
  type ExtensionDecidedEvent,
  type PlanRefPayload,
  type ReportReviewedEvent,
  type TaskRefPayload,
} from './provisional-events.js';

/**
 * Subject → template key (kind) → who is told. One entry per event type: adding an event is adding
 * an entry. `notices` reads only the event and this service's own copies (LocalFacts).
 */
export interface NotificationRule {
  subject: string;
  kind: NotificationKind;
  /** Durable consumer name `notifications-<kind>`: PERMANENT once released. */
  durable: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  notices(event: EventEnvelope<string, any>, facts: LocalFacts): Promise<Notice[]>;
}

/** dd/mm/yyyy in Viet Nam, or null (ongoing work, or an instant we cannot read). */
export function localDate(instant: string | null | undefined): string | null {
  if (!instant) return null;
  try {
    return formatLocalDate(instant);
  } catch {
    return null;
  }
}

const unknownUnit = (id: string): NotificationUnit => ({ id, code: '', name: `đơn vị #${id}` });

interface AssignmentRef {
  assignmentId?: string | null;
  planId?: string;
  taskId?: string;
  plan?: PlanRefPayload;
  task?: TaskRefPayload;
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
    },
  };
}

/** Deadline and report events: tell the implementing unit's office and secretary. */
function toImplementingUnit(kind: NotificationKind, subject: string): NotificationRule {
  return {
    subject,
    kind,
    durable: `notifications-${kind.replace('.', '-')}`,
    async notices(event: EventEnvelope<string, AssignmentDeadlineEvent | ReportReviewedEvent>, facts) {
      const { data } = await describe(event.data, facts);
      // A returned report's reason (reporting's `reason`) is the note the unit must read.
      const payload = event.data as { note?: string | null; reason?: string | null };
      data.note = payload.note ?? payload.reason ?? null;
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
  toImplementingUnit('assignment.due-soon', PROVISIONAL_SUBJECTS.assignmentDueSoon),
  toImplementingUnit('assignment.overdue', PROVISIONAL_SUBJECTS.assignmentOverdue),
  {
    // Escalation: the unit escalated to, in the roles the escalation names. Never muted.
    subject: PROVISIONAL_SUBJECTS.assignmentEscalated,
    kind: 'assignment.escalated',
    durable: 'notifications-assignment-escalated',
    async notices(event: EventEnvelope<string, AssignmentEscalatedEvent>, facts) {
      const escalation = event.data;
      const { data, units } = await describe(escalation, facts, [escalation.targetUnitId]);
      const named = escalation.targetRoles ?? (escalation.targetRole ? [escalation.targetRole] : []);
      const roles = named.filter((role): role is Role => (ROLES as readonly string[]).includes(role));
      data.escalation = {
        step: escalation.step,
        targetUnit: units.get(escalation.targetUnitId) ?? unknownUnit(escalation.targetUnitId),
      };
      return [{ kind: 'assignment.escalated', unitId: escalation.targetUnitId, roles: roles.length ? roles : OFFICE_ROLES, data }];
    },
  },
  {
    subject: PROVISIONAL_SUBJECTS.extensionDecided,
    kind: 'extension.decided',
    durable: 'notifications-extension-decided',
    async notices(event: EventEnvelope<string, ExtensionDecidedEvent>, facts) {
      const decision = event.data;
      const { data } = await describe(decision, facts);
      data.note = decision.note ?? null;
      data.extension = { approved: decision.approved, newDueAt: decision.newDueAt ?? null, newDeadline: localDate(decision.newDueAt) };
      return [{ kind: 'extension.decided', unitId: decision.unitId, roles: OFFICE_ROLES, data }];
    },
  },
  toImplementingUnit('report.returned', PROVISIONAL_SUBJECTS.reportReturned),
  toImplementingUnit('report.accepted', PROVISIONAL_SUBJECTS.reportAccepted),
];

/**
 * The rules to register: those whose subject `EventSubjects` lists (released), plus any named in
 * NOTIFICATIONS_PROVISIONAL_EVENTS. A provisional name no rule knows is a configuration error.
 */
export function activeRules(
  rules: readonly NotificationRule[],
  released: readonly string[],
  provisionalSetting: string,
): NotificationRule[] {
  const provisional = provisionalSetting
    .split(',')
    .map((subject) => subject.trim())
    .filter(Boolean);
  const unknown = provisional.filter((subject) => !rules.some((rule) => rule.subject === subject));
  if (unknown.length > 0) {
    throw new Error(
      `NOTIFICATIONS_PROVISIONAL_EVENTS: no notification rule for ${unknown.join(', ')} (known: ${rules.map((r) => r.subject).join(', ')})`,
    );
  }
  return rules.filter((rule) => released.includes(rule.subject) || provisional.includes(rule.subject));
}
