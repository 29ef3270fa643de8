import pg from 'pg';
import type { AssignmentDeadlines, AssignmentPage, DeadlineListPage, DeadlineNoticeEvent, OverdueByUnit, PlanView } from '#contracts';
import { expectEventually, type ApiClient, type TestSystem } from '#testing';
import { dueInSeconds, FAST_DEADLINES_DONE_MS, startDeadlineSystem, type DeadlineSystem } from './support/deadlines.js';
import { userClient } from './support/users.js';

/**
 * Deadlines watch themselves, end to end, with every service a real process: a plan whose
 * deadline falls seconds after issue reminds, notices and escalates step by step up a 3-level tree
 * (each cell's secretary, the province's monitoring board, the province's standing committee).
 * Midway the test's own Redis is emptied (every timer lost) and the assignments service restarted;
 * every step still arrives exactly once, never early. Policy durations are seconds here.
 */
describe('escalation up the tree, through an emptied Redis and a restart', () => {
  let bed: DeadlineSystem;
  let system: TestSystem;
  let province: ApiClient;
  let cell: ApiClient;
  let db: pg.Client;
  const CELLS = 30;

  beforeAll(async () => {
    bed = await startDeadlineSystem('S');
    ({ system, db } = bed);
    province = await userClient(system, 'SP', 'office', 'tinh.esc');
    cell = await userClient(system, 'SD1C1', 'secretary', 'chibo.esc');
  }, 120_000);

  afterAll(() => bed?.stop(), 60_000);

  const count = (sql: string, params: unknown[] = []) => bed.count(sql, params);
  const told = (planId: string, step: string) =>
    count(
      `SELECT count(*)::int AS n FROM assignments.assignment_history h JOIN assignments.due_items d ON d.id = h.due_item_id
       WHERE d.plan_id = $1 AND h.step = $2`,
      [planId, step],
    );

  it('reminds, notices and escalates each step exactly once, never early', async () => {
    const { timeline, issueDate, dueAt } = dueInSeconds(12);
    const plan = await province.post<PlanView>('/api/plans', {
      symbol: '9-KH/TU',
      title: 'Kế hoạch có thời hạn tính bằng giây',
      issueDate,
      tasks: [
        {
          number: '1',
          title: 'Báo cáo kết quả quán triệt',
          leadUnitCode: 'SBTG',
          implementing: { type: 'descendants', kind: 'chi_bo' },
          timeline,
        },
      ],
    });
    expect(plan.tasks[0].deadline).toMatchObject({ kind: 'fixed', dueAt: new Date(dueAt).toISOString() });
    await province.post(`/api/plans/${plan.id}/issue`);
    await expectEventually(async () => expect((await province.get<AssignmentPage>('/api/assignments', { planId: plan.id, pageSize: 1 })).total).toBe(CELLS));

    // The cell sees it due soon; then finishes it before the deadline: its steps are cancelled.
    const soon = await cell.get<DeadlineListPage>('/api/deadlines/due-soon');
    const mine = soon.items.find((item) => item.plan.id === plan.id)!;
    expect(mine).toMatchObject({ dueAt: new Date(dueAt).toISOString(), daysOverdue: 0 });
    await cell.post(`/api/assignments/${mine.assignmentId}/status`, { status: 'done', resultNote: 'Đã báo cáo' });
    const others = CELLS - 1;

    await expectEventually(async () => expect(await told(plan.id, 'reminder:4')).toBe(others), { timeoutMs: 20_000 });
    await expectEventually(async () => expect(await told(plan.id, 'overdue')).toBe(others), { timeoutMs: 20_000 });

    // Every timer is lost; the sweep fires the rest (late by a second at most) and re-creates them.
    await system.redis!.flush();
    await expectEventually(async () => expect(await told(plan.id, 'escalation:1')).toBe(others), { timeoutMs: 20_000 });

    // The service restarts (and Redis is emptied again while it is down).
    await system.processes.assignments.stop();
    await system.redis!.flush();
    await system.processes.assignments.start();
    await expectEventually(async () => expect(await told(plan.id, 'escalation:2')).toBe(others), { timeoutMs: 30_000 });
    await expectEventually(async () => expect(await told(plan.id, 'escalation:3')).toBe(others), { timeoutMs: 30_000 });
    // A few more sweeps and timers after the last step: nothing more is told.
    await expectEventually(async () => expect(Date.now()).toBeGreaterThan(dueAt + FAST_DEADLINES_DONE_MS), { timeoutMs: 20_000, intervalMs: 250 });
    for (const step of ['reminder:4', 'overdue', 'escalation:1', 'escalation:2', 'escalation:3']) {
      expect(await told(plan.id, step)).toBe(others);
    }

    // The outbox holds exactly one notice per (step, target), all published to the stream.
    const events = (
      await db.query(
        `SELECT subject, envelope->'data' AS data, envelope->>'occurredAt' AS occurred FROM assignments.outbox
         WHERE subject LIKE 'assignments.assignment.%' AND envelope->'data'->'plan'->>'id' = $1`,
        [plan.id],
      )
    ).rows as { subject: string; data: DeadlineNoticeEvent; occurred: string }[];
    const of = (key: string) => events.filter((e) => e.data.step.key === key);
    expect(of('reminder:4').map((e) => e.subject)).toEqual(Array(others).fill('assignments.assignment.due-soon'));
    expect(of('overdue')).toHaveLength(others);
    expect(of('escalation:1').map((e) => e.data.target.role)).toEqual(Array(others).fill('secretary'));
    expect(of('escalation:2').map((e) => [e.data.target.unitCode, e.data.target.role, e.data.items.length])).toEqual([['SBTG', 'office', others]]);
    expect(of('escalation:3').map((e) => [e.data.target.unitCode, e.data.target.role, e.data.items.length])).toEqual([['SP', 'secretary', others]]);
    // Never early: each notice was written at or after its step's instant.
    for (const event of events) expect(Date.parse(event.occurred)).toBeGreaterThanOrEqual(Date.parse(event.data.step.scheduledAt));
    expect(Date.parse(of('overdue')[0].data.step.scheduledAt)).toBe(dueAt + 1);
    await expectEventually(async () =>
      expect(await count(`SELECT count(*)::int AS n FROM assignments.outbox WHERE published_at IS NULL`)).toBe(0),
    );

    // What the units see through the API.
    const byUnit = await province.get<OverdueByUnit>('/api/deadlines/overdue/by-unit');
    expect(byUnit.children.filter((c) => c.unit.code.startsWith('SD')).map((c) => [c.unit.code, c.overdue])).toEqual([
      ['SD2', 10],
      ['SD3', 10],
      ['SD1', 9],
    ]);
    const page = await province.get<DeadlineListPage>('/api/deadlines/overdue/subtree', { pageSize: 10, page: 3 });
    expect([page.total, page.items.length]).toEqual([others, 9]);
    const history = await cell.get<AssignmentDeadlines>(`/api/assignments/${mine.assignmentId}/deadlines`);
    expect(history.history.map((h) => h.kind)).toEqual(['steps-cancelled']);
    const [other] = (await province.get<AssignmentPage>('/api/assignments', { planId: plan.id, unitCode: 'SD2C1' })).items;
    const seen = await province.get<AssignmentDeadlines>(`/api/assignments/${other.id}/deadlines`);
    expect(seen.history.map((h) => [h.step, h.target?.unitCode, h.target?.role])).toEqual([
      ['reminder:4', 'SD2C1', 'office'],
      ['overdue', 'SD2C1', 'office'],
      ['escalation:1', 'SD2C1', 'secretary'],
      ['escalation:2', 'SBTG', 'office'],
      ['escalation:3', 'SP', 'secretary'],
    ]);
  }, 120_000);

  it('counts "N ngày làm việc" on the calendar the admin keeps, and recounts when it changes', async () => {
    // Tết 2027 (library): 05/02–09/02. The admin adds Thursday 04/02 as a day off.
    const refused = await province.raw('PUT', '/api/calendar/2027/overrides', { overrides: [] });
    expect(refused.status).toBe(403);
    const year = await system.api.put<{ nonWorkingWeekdays: string[] }>('/api/calendar/2027/overrides', {
      overrides: [{ date: '2027-02-04', kind: 'day-off', note: 'Nghỉ Tết bổ sung' }],
    });
    expect(year.nonWorkingWeekdays).toEqual(expect.arrayContaining(['2027-02-04', '2027-02-05', '2027-02-08', '2027-02-09']));

    // Issued Wednesday 03/02/2027: 3 working days are 10, 11 and 12/02.
    const plan = await province.post<PlanView>('/api/plans', {
      symbol: '10-KH/TU',
      title: 'Kế hoạch tính thời hạn theo ngày làm việc',
      issueDate: '2027-02-03',
      tasks: [{ number: '1', title: 'Báo cáo nhanh', implementing: { type: 'units', unitCodes: ['SD1'] }, timeline: 'trong 3 ngày làm việc kể từ ngày ban hành' }],
    });
    expect(plan.tasks[0].deadline).toEqual({
      kind: 'fixed',
      dueAt: '2027-02-12T16:59:59.999Z',
      dueDate: '2027-02-12',
      workingDays: { count: 3, from: '2027-02-03' },
    });
    await province.post(`/api/plans/${plan.id}/issue`);
    const assignment = await expectEventually(async () => {
      const [found] = (await province.get<AssignmentPage>('/api/assignments', { planId: plan.id })).items;
      expect(found?.dueAt).toBe('2027-02-12T16:59:59.999Z');
      return found;
    });

    // Wednesday 10/02 becomes a day off too: the open deadline moves to Monday 15/02.
    await system.api.put('/api/calendar/2027/overrides', {
      overrides: [
        { date: '2027-02-04', kind: 'day-off', note: 'Nghỉ Tết bổ sung' },
        { date: '2027-02-10', kind: 'day-off', note: 'Nghỉ bù' },
      ],
    });
    const deadlines = await province.get<AssignmentDeadlines>(`/api/assignments/${assignment.id}/deadlines`);
    expect(deadlines.dueItems[0]).toMatchObject({ dueAt: '2027-02-15T16:59:59.999Z', workingDays: { count: 3, from: '2027-02-03' } });
    expect(deadlines.history.map((h) => h.kind)).toEqual(['deadline-changed']);
  }, 60_000);
});
