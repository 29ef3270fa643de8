import type { DeadlineNoticeEvent, ExtensionDecidedEvent, NoticeTarget, ReportDeadlineNoticeEvent, Role, UnitRef } from '#contracts';

type StepKind = 'due-soon' | 'overdue' | 'escalated';

/** What every deadline event is built from: the step, the plan, the deadline, who is told. */
interface StepOptions {
  kind: StepKind;
  plan: { id: string; symbol: string; title: string };
  target: UnitRef;
  role: Role;
  level?: number;
  dueAt: string;
}

/** A fired step as the deadline machinery fills it in: the step, who is told in what capacity, why, when. */
function firedStep(options: StepOptions): Pick<DeadlineNoticeEvent, 'step' | 'plan' | 'dueAt' | 'target' | 'reason' | 'firedAt'> {
  const escalation = options.kind === 'escalated';
  const level = options.level ?? (escalation ? 1 : 0);
  const capacity: NoticeTarget['capacity'] = escalation ? (['unit-head', 'monitoring-body', 'standing-committee'] as const)[level - 1] : 'assigned-unit';
  const kind = escalation ? 'escalation' : options.kind === 'due-soon' ? 'reminder' : 'overdue';
  const { target } = options;
  return {
    step: { kind, key: escalation ? `escalation:${level}` : kind, level: options.level ?? 0, scheduledAt: options.dueAt },
    plan: options.plan,
    dueAt: options.dueAt,
    target: { unitId: target.id, unitCode: target.code, unitName: target.name, role: options.role, capacity },
    reason: escalation ? `Quá hạn; đôn đốc lần ${level}` : options.kind === 'overdue' ? 'Quá hạn' : 'Nhắc hạn',
    firedAt: new Date().toISOString(),
  };
}

/**
 * Deadline and extension events shaped exactly as the assignments service publishes them, for the
 * notifications tests that publish them directly (building a real escalation takes days of
 * policy; the escalation e2e test in test/e2e drives the real one).
 */
export function deadlineEvent(
  options: StepOptions & { task: { id: string; number: string; title: string }; assigningUnit: UnitRef; items: { assignmentId: string; unit: UnitRef }[] },
): DeadlineNoticeEvent {
  return {
    ...firedStep(options),
    task: options.task,
    occurrence: 'once',
    assigningUnit: options.assigningUnit,
    items: options.items.map((item) => ({ ...item, dueItemId: item.assignmentId, daysOverdue: 0 })),
  };
}

/** A report deadline event as the reporting service publishes it: one obligation and period, one target. */
export function reportDeadlineEvent(
  options: StepOptions & {
    obligation: ReportDeadlineNoticeEvent['obligation'];
    period: ReportDeadlineNoticeEvent['period'];
    receivingUnit: UnitRef;
    items: { reportId: string; unit: UnitRef }[];
  },
): ReportDeadlineNoticeEvent {
  return {
    ...firedStep(options),
    obligation: options.obligation,
    period: options.period,
    receivingUnit: options.receivingUnit,
    items: options.items.map((item) => ({ ...item, daysOverdue: options.kind === 'due-soon' ? 0 : 3 })),
  };
}

export function extensionDecided(options: {
  assignmentId: string;
  plan: { id: string; symbol: string; title: string };
  task: { id: string; number: string; title: string };
  unit: UnitRef;
  assigner: UnitRef;
  currentDueAt: string;
  approved: boolean;
  decidedDueAt: string | null;
  note: string | null;
}): ExtensionDecidedEvent {
  return {
    extension: {
      id: options.assignmentId,
      assignmentId: options.assignmentId,
      dueItemId: options.assignmentId,
      occurrence: 'once',
      plan: options.plan,
      task: options.task,
      unit: options.unit,
      assigner: options.assigner,
      reason: 'Cần thêm thời gian',
      currentDueAt: options.currentDueAt,
      requestedDate: '2027-01-31',
      status: options.approved ? 'approved' : 'refused',
      decidedDueAt: options.decidedDueAt,
      decisionNote: options.note,
      requestedBy: 'u',
      decidedBy: 'v',
      createdAt: new Date().toISOString(),
      decidedAt: new Date().toISOString(),
    },
    target: { unitId: options.unit.id, unitCode: options.unit.code, unitName: options.unit.name, role: 'office', capacity: 'assigned-unit' },
  };
}
