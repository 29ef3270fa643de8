import { randomUUID } from 'node:crypto';
import { EventSubjects, NOTIFICATION_KINDS, UNMUTABLE_KINDS, type EventEnvelope, type NotificationUnit } from '#contracts';
import { RetryLater } from '#messaging';
import type { LocalFacts, LocalPlan, LocalTask } from '../notices/local-facts.js';
import { chooseChannels, DEFAULT_PREFERENCES } from '../preferences/preferences.policy.js';
import { deadlineEvent, extensionDecided, reportDeadlineEvent } from './deadline-event.fixture.js';
import { NOTIFICATION_RULES, localDate, releasedRules } from './notification-rules.js';

const released = Object.values(EventSubjects);
const rule = (subject: string) => NOTIFICATION_RULES.find((r) => r.subject === subject)!;

const plan: LocalPlan = { id: randomUUID(), symbol: '301-KH/TU', title: 'Kế hoạch', issuerId: '2' };
const task: LocalTask = { id: randomUUID(), planId: plan.id, number: '1.2', title: 'Quán triệt', timeline: 'quý IV/2026', dueAt: '2026-12-31T16:59:59.999Z' };
const unitsById: Record<string, NotificationUnit> = {
  '2': { id: '2', code: 'P', name: 'Tỉnh ủy' },
  '3': { id: '3', code: 'C1', name: 'Xã Một' },
  '4': { id: '4', code: 'C2', name: 'Xã Hai' },
};

/** The local copies as a fake: only what the rules read. */
function facts(overrides: Partial<Record<'plan' | 'task', unknown>> = {}): LocalFacts {
  return {
    plan: async (id: string | null | undefined) => ('plan' in overrides ? overrides.plan : id === plan.id ? plan : null),
    task: async (id: string | null | undefined) => ('task' in overrides ? overrides.task : id === task.id ? task : null),
    units: async (ids: (string | null | undefined)[]) =>
      new Map(ids.filter((id): id is string => !!id && id in unitsById).map((id) => [id, unitsById[id]!])),
  } as unknown as LocalFacts;
}

const envelope = <T>(type: string, data: T): EventEnvelope<string, T> => ({
  id: randomUUID(), type, version: 1, occurredAt: new Date().toISOString(), correlationId: 'c', causationId: null, data,
});

describe('releasedRules', () => {
  it('accepts rules whose subjects are all released, and refuses one that is not (it would consume nothing)', () => {
    expect(releasedRules(NOTIFICATION_RULES, released).map((r) => r.kind)).toEqual(
      expect.arrayContaining(['assignment.created', 'assignment.escalated', 'extension.decided', 'report.returned', 'report.overdue']),
    );
    const spine = [EventSubjects.assignmentsCreated, EventSubjects.assignmentStatusChanged];
    expect(() => releasedRules(NOTIFICATION_RULES, spine)).toThrow(/unreleased subjects: assignments.assignment.due-soon/);
  });

  it('has one rule and one permanent durable name per kind, and a rule for every kind', () => {
    expect(new Set(NOTIFICATION_RULES.map((r) => r.kind)).size).toBe(NOTIFICATION_RULES.length);
    expect(NOTIFICATION_RULES.map((r) => r.kind).sort()).toEqual([...NOTIFICATION_KINDS].sort());
    expect(rule(EventSubjects.reportOverdue).durable).toBe('notifications-report-overdue');
    expect(NOTIFICATION_RULES.map((r) => r.durable)).toEqual(NOTIFICATION_RULES.map((r) => `notifications-${r.kind.replace('.', '-')}`));
  });
});

describe('notices', () => {
  it('new assignments: each assigned unit\'s office and secretary, with plan, task, unit and deadline', async () => {
    const event = envelope(EventSubjects.assignmentsCreated, {
      planId: plan.id, taskId: task.id,
      assignments: [{ id: 'a1', unitId: '3', dueAt: '2026-12-31T16:59:59.999Z' }, { id: 'a2', unitId: '4', dueAt: null }],
    });
    const notices = await rule(EventSubjects.assignmentsCreated).notices(event, facts());
    expect(notices).toEqual([
      {
        kind: 'assignment.created', unitId: '3', roles: ['office', 'secretary'],
        data: {
          assignmentId: 'a1', plan: { id: plan.id, symbol: '301-KH/TU', title: 'Kế hoạch' },
          task: { id: task.id, number: '1.2', title: 'Quán triệt', timeline: 'quý IV/2026' },
          unit: unitsById['3'], assigner: unitsById['2'], dueAt: '2026-12-31T16:59:59.999Z', deadline: '31/12/2026',
          note: null, escalation: null, extension: null, report: null,
        },
      },
      expect.objectContaining({ unitId: '4', data: expect.objectContaining({ assignmentId: 'a2', deadline: null }) }),
    ]);
  });

  it('status changes: only "done" is told, to the unit that gave the work', async () => {
    const change = (to: string) =>
      envelope(EventSubjects.assignmentStatusChanged, {
        assignmentId: 'a1', planId: plan.id, taskId: task.id, unitId: '3', from: 'in_progress', to, resultNote: 'Xong', changedBy: 'u',
      });
    const completed = rule(EventSubjects.assignmentStatusChanged);
    expect(await completed.notices(change('acknowledged'), facts())).toEqual([]);
    const [notice] = await completed.notices(change('done'), facts());
    expect(notice).toMatchObject({ kind: 'assignment.completed', unitId: '2', data: { unit: { code: 'C1' }, note: 'Xong', deadline: '31/12/2026' } });
  });

  const refs = {
    plan: { id: plan.id, symbol: '301-KH/TU', title: 'Kế hoạch' },
    task: { id: task.id, number: '1.2', title: 'Quán triệt' },
    p: { id: '2', code: 'P', name: 'Tỉnh ủy' },
    c1: { id: '3', code: 'C1', name: 'Xã Một' },
    c2: { id: '4', code: 'C2', name: 'Xã Hai' },
  };

  it('reminders and overdue notices: the unit\'s office and secretary, about its assignment', async () => {
    const event = deadlineEvent({
      kind: 'overdue', plan: refs.plan, task: refs.task, assigningUnit: refs.p, target: refs.c1, role: 'office',
      dueAt: '2026-12-24T16:59:59.999Z', items: [{ assignmentId: 'a1', unit: refs.c1 }],
    });
    const [notice] = await rule(EventSubjects.assignmentOverdue).notices(envelope(EventSubjects.assignmentOverdue, event), facts());
    expect(notice).toMatchObject({
      kind: 'assignment.overdue', unitId: '3', roles: ['office', 'secretary'],
      data: { assignmentId: 'a1', unit: { code: 'C1' }, assigner: { code: 'P' }, deadline: '24/12/2026', escalation: null, report: null },
    });
  });

  it('escalations: the unit escalated to, in the role the step names, with the step and how many units', async () => {
    const event = deadlineEvent({
      kind: 'escalated', level: 3, plan: refs.plan, task: refs.task, assigningUnit: refs.p, target: refs.p, role: 'secretary',
      dueAt: '2026-12-24T16:59:59.999Z', items: [{ assignmentId: 'a1', unit: refs.c1 }, { assignmentId: 'a2', unit: refs.c2 }],
    });
    const [notice] = await rule(EventSubjects.assignmentEscalated).notices(envelope(EventSubjects.assignmentEscalated, event), facts());
    expect(notice).toMatchObject({
      kind: 'assignment.escalated', unitId: '2', roles: ['secretary'],
      data: { assignmentId: null, unit: { code: 'P' }, escalation: { step: 3, targetUnit: { code: 'P' } }, note: expect.stringContaining('(2 đơn vị)') },
    });
  });

  describe('report deadlines', () => {
    const report = (kind: 'due-soon' | 'overdue' | 'escalated', target: NotificationUnit, role: 'office' | 'secretary', reports: [string, NotificationUnit][], level?: number) =>
      reportDeadlineEvent({
        kind, level, plan: refs.plan, target, role, receivingUnit: refs.p, dueAt: '2026-07-10T16:59:59.999Z',
        obligation: { id: 'o1', code: 'BC1', title: 'Sơ kết 6 tháng' }, period: { key: '2026-H1', label: '6 tháng đầu năm 2026' },
        items: reports.map(([reportId, unit]) => ({ reportId, unit })),
      });
    const noticeOf = async (subject: string, event: ReturnType<typeof report>) => (await rule(subject).notices(envelope(subject, event), facts()))[0]!;

    it('a reminder: the reporting unit\'s office and secretary, about its report, the period and where it goes', async () => {
      const notice = await noticeOf(EventSubjects.reportDueSoon, report('due-soon', refs.c1, 'office', [['r1', refs.c1]]));
      expect(notice).toEqual({
        kind: 'report.due-soon', unitId: '3', roles: ['office', 'secretary'],
        data: {
          assignmentId: null, plan: refs.plan, task: null, unit: refs.c1, assigner: refs.p,
          dueAt: '2026-07-10T16:59:59.999Z', deadline: '10/07/2026', note: 'Nhắc hạn', escalation: null, extension: null,
          report: { id: 'r1', obligation: { code: 'BC1', title: 'Sơ kết 6 tháng' }, period: { key: '2026-H1', label: '6 tháng đầu năm 2026' }, count: 1 },
        },
      });
    });

    it('overdue, about many reports: names the target and counts them', async () => {
      const notice = await noticeOf(EventSubjects.reportOverdue, report('overdue', refs.p, 'office', [['r1', refs.c1], ['r2', refs.c2]]));
      expect(notice).toMatchObject({
        kind: 'report.overdue', unitId: '2', roles: ['office', 'secretary'],
        data: { unit: { code: 'P' }, note: 'Quá hạn (2 đơn vị)', escalation: null, report: { id: null, count: 2 } },
      });
    });

    it('an escalation: only the role the step names, in the unit escalated to, with the step; never muted', async () => {
      const notice = await noticeOf(EventSubjects.reportEscalated, report('escalated', refs.c1, 'secretary', [['r1', refs.c1]], 1));
      expect(notice).toMatchObject({
        kind: 'report.escalated', unitId: '3', roles: ['secretary'],
        data: { unit: { code: 'C1' }, escalation: { step: 1, targetUnit: { code: 'C1' } }, report: { id: 'r1', count: 1 } },
      });
      const many = await noticeOf(EventSubjects.reportEscalated, report('escalated', refs.p, 'office', [['r1', refs.c1], ['r2', refs.c2]], 2));
      expect(many).toMatchObject({ unitId: '2', roles: ['office'], data: { unit: { code: 'P' }, escalation: { step: 2 }, note: expect.stringContaining('(2 đơn vị)') } });
      expect(UNMUTABLE_KINDS).toContain('report.escalated');
      const everythingOff = { ...DEFAULT_PREFERENCES, inApp: false, email: false, mutedKinds: [notice.kind] };
      expect(chooseChannels(notice.kind, everythingOff, true)).toEqual({ inApp: true, email: 'immediate' });
      expect(chooseChannels('report.overdue', { ...DEFAULT_PREFERENCES, mutedKinds: ['report.overdue'] }, true)).toBeNull();
    });
  });

  it('report reviews: the reporting unit, with the reason a report was returned', async () => {
    const event = envelope(EventSubjects.reportReturned, {
      reportId: 'r', planId: plan.id, obligationId: 'o', obligationCode: 'BC1', periodKey: '2026', unitId: '3',
      dueAt: '2026-11-24T16:59:59.999Z', version: 1, reviewedBy: 'u', reviewerUnitId: '2', reason: 'Thiếu số liệu',
    });
    const [notice] = await rule(EventSubjects.reportReturned).notices(event, facts());
    expect(notice).toMatchObject({ kind: 'report.returned', unitId: '3', roles: ['office', 'secretary'], data: { note: 'Thiếu số liệu', plan: { symbol: '301-KH/TU' } } });
  });

  it('extension decisions carry the new deadline', async () => {
    const event = extensionDecided({
      assignmentId: 'a1', plan: refs.plan, task: refs.task, unit: refs.c1, assigner: refs.p,
      currentDueAt: '2026-12-24T16:59:59.999Z', approved: true, decidedDueAt: '2027-01-31T16:59:59.999Z', note: 'Đồng ý',
    });
    const [notice] = await rule(EventSubjects.extensionDecided).notices(envelope(EventSubjects.extensionDecided, event), facts());
    expect(notice).toMatchObject({ unitId: '3', roles: ['office'], data: { note: 'Đồng ý', deadline: '24/12/2026' } });
    expect(notice!.data.extension).toEqual({ approved: true, newDueAt: '2027-01-31T16:59:59.999Z', newDeadline: '31/01/2027' });
  });

  it('waits (RetryLater) when a young event needs a plan the copy does not have yet', async () => {
    const { LocalFacts } = await import('../notices/local-facts.js');
    const event = envelope('x', {});
    const manager = { query: async () => [] } as never;
    await expect(new LocalFacts(manager, event).plan(randomUUID())).rejects.toBeInstanceOf(RetryLater);
    const old = { ...event, occurredAt: new Date(Date.now() - 3600_000).toISOString() };
    await expect(new LocalFacts(manager, old).plan(randomUUID())).resolves.toBeNull();
    await expect(new LocalFacts(manager, event).plan(randomUUID(), { required: false })).resolves.toBeNull();
  });
});

describe('localDate', () => {
  it('is the Viet Nam calendar day as dd/mm/yyyy, or null', () => {
    expect(localDate('2026-12-24T16:59:59.999Z')).toBe('24/12/2026');
    expect(localDate('2026-12-24T17:00:00.000Z')).toBe('25/12/2026');
    expect(localDate('2026-12-24T16:59:59.999+00:00')).toBe('24/12/2026');
    expect(localDate(null)).toBeNull();
    expect(localDate('not a date')).toBeNull();
  });
});
