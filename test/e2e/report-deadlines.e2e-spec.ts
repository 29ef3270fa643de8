import pg from 'pg';
import type { NotificationPage, PlanView, ReportDeadlineNoticeEvent, ReportPage, ReportView } from '#contracts';
import { expectEventually, type ApiClient, type TestSystem } from '#testing';
import { dueInSeconds, FAST_DEADLINES_DONE_MS, startDeadlineSystem, type DeadlineSystem } from './support/deadlines.js';
import { userClient } from './support/users.js';

/**
 * Expected reports' deadlines watch themselves like tasks', end to end with every service a real
 * process: a plan asks each cell for a report due seconds after issue, "qua Ban Tuyên giáo"; one
 * cell reports in time and hears nothing more; the others are reminded, told they are late, then
 * escalated to their secretary, the Ban Tuyên giáo and the province's standing committee, each
 * step once, never early, through an emptied Redis and a restart of the reporting service.
 * Policy durations are seconds here.
 */
describe('report deadlines: reminded and escalated through a restart and an emptied Redis', () => {
  let bed: DeadlineSystem;
  let system: TestSystem;
  let province: ApiClient;
  let reporter: ApiClient;
  let lateCell: ApiClient;
  let monitoring: ApiClient;
  let db: pg.Client;
  const CELLS = 30;

  beforeAll(async () => {
    bed = await startDeadlineSystem('K');
    ({ system, db } = bed);
    province = await userClient(system, 'KP', 'secretary', 'tinh.bt.rd');
    reporter = await userClient(system, 'KD1C1', 'office', 'chibo1.rd');
    lateCell = await userClient(system, 'KD2C1', 'secretary', 'chibo2.rd');
    monitoring = await userClient(system, 'KBTG', 'office', 'btg.rd');
  }, 120_000);

  afterAll(() => bed?.stop(), 60_000);

  const count = (sql: string, params: unknown[] = []) => bed.count(sql, params);
  const told = (planId: string, step: string) =>
    count(
      `SELECT count(*)::int AS n FROM reporting.report_deadline_history h JOIN reporting.reports r ON r.id = h.report_id
       WHERE r.plan_id = $1 AND h.step = $2`,
      [planId, step],
    );
  const myReport = (client: ApiClient, planId: string) =>
    expectEventually(async () => {
      const page = await client.get<ReportPage>('/api/reports', { mine: 'true', planId });
      expect(page.total).toBe(1);
      return page.items[0];
    }, { timeoutMs: 30_000 });

  it('reminds, notices and escalates each late report once, never early, and spares the unit that reported', async () => {
    const { timeline, issueDate, dueAt } = dueInSeconds(14);
    const plan = await province.post<PlanView>('/api/plans', {
      symbol: '12-KH/TU',
      title: 'Kế hoạch có hạn báo cáo tính bằng giây',
      issueDate,
      tasks: [{ number: '1', title: 'Quán triệt đến đảng viên', implementing: { type: 'descendants', kind: 'chi_bo' }, timeline: 'Thường xuyên' }],
      reportingObligations: [
        {
          code: 'BC1',
          title: 'Báo cáo kết quả quán triệt',
          timeline,
          reporters: { type: 'descendants', kind: 'chi_bo' },
          through: 'Ban Tuyên giáo Tỉnh ủy',
          throughUnitCode: 'KBTG',
        },
      ],
    });
    await province.post(`/api/plans/${plan.id}/issue`);

    // One cell reports before its deadline: its steps are off.
    const own = await myReport(reporter, plan.id);
    expect(own.dueAt).toBe(new Date(dueAt).toISOString());
    await reporter.post<ReportView>(`/api/reports/${own.id}/submit`, { figures: {} });
    const others = CELLS - 1;

    await expectEventually(async () => expect(await told(plan.id, 'reminder:4')).toBe(others), { timeoutMs: 20_000 });
    await expectEventually(async () => expect(await told(plan.id, 'overdue')).toBe(others), { timeoutMs: 20_000 });

    // Every timer is lost; the sweep fires the rest (late by a second at most) and re-creates them.
    await system.redis!.flush();
    await expectEventually(async () => expect(await told(plan.id, 'escalation:1')).toBe(others), { timeoutMs: 20_000 });

    // The reporting service restarts (and Redis is emptied again while it is down).
    await system.processes.reporting.stop();
    await system.redis!.flush();
    await system.processes.reporting.start();
    await expectEventually(async () => expect(await told(plan.id, 'escalation:2')).toBe(others), { timeoutMs: 30_000 });
    await expectEventually(async () => expect(await told(plan.id, 'escalation:3')).toBe(others), { timeoutMs: 30_000 });
    // A few more sweeps and timers after the last step: nothing more is told.
    await expectEventually(async () => expect(Date.now()).toBeGreaterThan(dueAt + FAST_DEADLINES_DONE_MS), { timeoutMs: 20_000, intervalMs: 250 });
    for (const step of ['reminder:4', 'overdue', 'escalation:1', 'escalation:2', 'escalation:3']) {
      expect(await told(plan.id, step)).toBe(others);
    }

    // One notice per (step, target), never early, all published.
    const events = (
      await db.query(
        `SELECT subject, envelope->'data' AS data, envelope->>'occurredAt' AS occurred FROM reporting.outbox
         WHERE subject LIKE 'reporting.report.%' AND envelope->'data'->'plan'->>'id' = $1 AND envelope->'data' ? 'step'`,
        [plan.id],
      )
    ).rows as { subject: string; data: ReportDeadlineNoticeEvent; occurred: string }[];
    const of = (key: string) => events.filter((e) => e.data.step.key === key);
    expect(of('reminder:4').map((e) => e.subject)).toEqual(Array(others).fill('reporting.report.due-soon'));
    expect(of('overdue').map((e) => e.subject)).toEqual(Array(others).fill('reporting.report.overdue'));
    expect(of('escalation:1').map((e) => e.data.target.role)).toEqual(Array(others).fill('secretary'));
    expect(of('escalation:2').map((e) => [e.data.target.unitCode, e.data.target.role, e.data.items.length])).toEqual([['KBTG', 'office', others]]);
    expect(of('escalation:3').map((e) => [e.data.target.unitCode, e.data.target.role, e.data.items.length])).toEqual([['KP', 'secretary', others]]);
    expect(events.flatMap((e) => e.data.items.map((i) => i.unit.code))).not.toContain('KD1C1');
    for (const event of events) expect(Date.parse(event.occurred)).toBeGreaterThanOrEqual(Date.parse(event.data.step.scheduledAt));
    await expectEventually(async () => expect(await count(`SELECT count(*)::int AS n FROM reporting.outbox WHERE published_at IS NULL`)).toBe(0));

    // What people see: the late cell's report says who was told; the unit that reported heard nothing.
    const late = await myReport(lateCell, plan.id);
    const view = await lateCell.get<ReportView>(`/api/reports/${late.id}`);
    expect(view.deadline!.history.map((h) => [h.step, h.target.unitCode, h.target.role])).toEqual([
      ['reminder:4', 'KD2C1', 'office'],
      ['overdue', 'KD2C1', 'office'],
      ['escalation:1', 'KD2C1', 'secretary'],
      ['escalation:2', 'KBTG', 'office'],
      ['escalation:3', 'KP', 'secretary'],
    ]);
    expect((await reporter.get<ReportView>(`/api/reports/${own.id}`)).deadline).toMatchObject({ nextStep: null, history: [] });

    // And their inboxes: the late cell's secretary, the Ban Tuyên giáo, the province's secretary.
    const kinds = async (client: ApiClient) => (await client.get<NotificationPage>('/api/notifications', { pageSize: 100 })).items.map((n) => n.kind);
    await expectEventually(async () => {
      expect(await kinds(lateCell)).toEqual(expect.arrayContaining(['report.due-soon', 'report.overdue', 'report.escalated']));
      expect(await kinds(monitoring)).toContain('report.escalated');
      expect(await kinds(province)).toContain('report.escalated');
    }, { timeoutMs: 20_000 });
    expect((await kinds(reporter)).filter((kind) => kind.startsWith('report.'))).toEqual([]);
  }, 120_000);
});
