import type { DeadlineNoticeEvent, ExtensionDecidedEvent, NoticeTarget, Role, UnitRef } from '#contracts';

/**
 * Deadline and extension events shaped exactly as the assignments service publishes them, for the
 * notifications tests that publish them directly (building a real escalation takes days of
 * policy; the escalation e2e test in test/e2e drives the real one).
 */
export function deadlineEvent(options: {
  kind: 'due-soon' | 'overdue' | 'escalated';
  plan: { id: string; symbol: string; title: string };
  task: { id: string; number: string; title: string };
  assigningUnit: UnitRef;
  target: UnitRef;
  role: Role;
  level?: number;
  dueAt: string;
  items: { assignmentId: string; unit: UnitRef }[];
}): DeadlineNoticeEvent {
  const escalation = options.kind === 'escalated';
  const capacity: NoticeTarget['capacity'] = escalation ? (['unit-head', 'monitoring-body', 'standing-committee'] as const)[(options.level ?? 1) - 1] : 'assigned-unit';
  const kind = escalation ? 'escalation' : options.kind === 'due-soon' ? 'reminder' : 'overdue';
  return {
    step: { kind, key: escalation ? `escalation:${options.level ?? 1}` : kind, level: options.level ?? 0, scheduledAt: options.dueAt },
    plan: options.plan,
    task: options.task,
    dueAt: options.dueAt,
    occurrence: 'once',
    assigningUnit: options.assigningUnit,
    target: { unitId: options.target.id, unitCode: options.target.code, unitName: options.target.name, role: options.role, capacity },
    reason: options.kind === 'escalated' ? `Quá hạn; đôn đốc lần ${options.level ?? 1}` : 'Nhắc hạn',
    firedAt: new Date().toISOString(),
    items: options.items.map((item) => ({ ...item, dueItemId: item.assignmentId, daysOverdue: 0 })),
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
