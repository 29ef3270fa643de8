import { randomUUID } from 'node:crypto';
import { EventSubjects, type EventEnvelope, type NotificationUnit } from '#contracts';
import { RetryLater } from '#messaging';
import type { LocalFacts, LocalPlan, LocalTask } from '../notices/local-facts.js';
import { PROVISIONAL_SUBJECTS } from './provisional-events.js';
import { NOTIFICATION_RULES, activeRules, localDate } from './notification-rules.js';

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

describe('activeRules', () => {
  it('registers only the subjects released (EventSubjects), plus the provisional ones asked for', () => {
    // A fixed release list, so the test does not change each time another service adds events.
    const spine = [EventSubjects.assignmentsCreated, EventSubjects.assignmentStatusChanged];
    expect(activeRules(NOTIFICATION_RULES, spine, '').map((r) => r.kind)).toEqual(['assignment.created', 'assignment.completed']);
    const withEscalation = activeRules(NOTIFICATION_RULES, spine, ` ${PROVISIONAL_SUBJECTS.assignmentEscalated} ,`);
    expect(withEscalation.map((r) => r.kind)).toEqual(['assignment.created', 'assignment.completed', 'assignment.escalated']);
    // Once a subject is released, its entry turns on by itself.
    expect(activeRules(NOTIFICATION_RULES, [...spine, PROVISIONAL_SUBJECTS.assignmentOverdue], '').map((r) => r.kind)).toContain('assignment.overdue');
    expect(activeRules(NOTIFICATION_RULES, released, '').map((r) => r.kind)).toEqual(expect.arrayContaining(['report.returned', 'report.accepted']));
  });

  it('refuses a provisional subject no rule knows (a typo would otherwise consume nothing)', () => {
    expect(() => activeRules(NOTIFICATION_RULES, released, 'assignments.assignment.escalate')).toThrow(/no notification rule for assignments.assignment.escalate/);
  });

  it('has one rule and one permanent durable name per kind', () => {
    expect(new Set(NOTIFICATION_RULES.map((r) => r.kind)).size).toBe(NOTIFICATION_RULES.length);
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
          note: null, escalation: null, extension: null,
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

  it('escalations: the target unit in the roles named (one or several), with the step', async () => {
    const escalated = rule(PROVISIONAL_SUBJECTS.assignmentEscalated);
    const data = { assignmentId: 'a1', planId: plan.id, taskId: task.id, unitId: '3', dueAt: task.dueAt, step: 1, targetUnitId: '2' };
    const [one] = await escalated.notices(envelope('x', { ...data, targetRole: 'secretary' }), facts());
    expect(one).toMatchObject({ kind: 'assignment.escalated', unitId: '2', roles: ['secretary'], data: { escalation: { step: 1, targetUnit: { code: 'P' } } } });
    const [several] = await escalated.notices(envelope('x', { ...data, targetRoles: ['office', 'inspector', 'king'] }), facts());
    expect(several!.roles).toEqual(['office', 'inspector']);
    const [fallback] = await escalated.notices(envelope('x', data), facts());
    expect(fallback!.roles).toEqual(['office', 'secretary']);
  });

  it('uses what the event carries inline without waiting for the local copy', async () => {
    const event = envelope(PROVISIONAL_SUBJECTS.reportAccepted, {
      reportId: 'r', unitId: '3', note: 'Tốt', plan: { id: 'p9', symbol: '9-KH/HU', title: 'Khác' }, task: { id: 't9', number: '3', title: 'Báo cáo' },
    });
    const [notice] = await rule(PROVISIONAL_SUBJECTS.reportAccepted).notices(event, facts({ plan: null, task: null }));
    expect(notice!.data).toMatchObject({ plan: { symbol: '9-KH/HU' }, task: { number: '3', timeline: null }, note: 'Tốt', assigner: null });
  });

  it('extension decisions carry the new deadline', async () => {
    const event = envelope(PROVISIONAL_SUBJECTS.extensionDecided, {
      assignmentId: 'a1', planId: plan.id, taskId: task.id, unitId: '3', dueAt: task.dueAt, approved: true, newDueAt: '2027-01-31T16:59:59.999Z',
    });
    const [notice] = await rule(PROVISIONAL_SUBJECTS.extensionDecided).notices(event, facts());
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
