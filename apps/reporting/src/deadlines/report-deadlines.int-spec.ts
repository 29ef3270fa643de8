import { jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { loadConfig, reportingEnv } from '#config';
import {
  EventSubjects,
  QueueNames,
  RpcPatterns,
  type EventMap,
  type EventSubject,
  type IssuedObligation,
  type PlanIssuedEvent,
  type ReportDeadlineNoticeEvent,
  type ReportPage,
  type ReportView,
} from '#contracts';
import { jobIdFor } from '#deadlines';
import { expectEventually, startServices, type ServiceTestBed } from '#testing';
import { parseTimeline } from '#timeline';
import { AppModule } from '../app.module.js';
import { SCHEMA, migrations } from '../migrations/index.js';
import { actorOf, unit } from '../testing/fixtures.js';
import { ReportDeadlineSweep } from './report-deadline-sweep.js';

/**
 * Expected reports' deadlines on real Postgres, NATS and BullMQ (the test bed's private
 * redis-server), watched by the same machinery as assignments': a fake clock moves to each step's
 * instant and the step's delayed job is promoted instead of sleeping. Every step fires once, on
 * time, to the right people, only for reports not yet submitted; the plan's own policy applies;
 * an emptied Redis loses no step.
 */
describe('report deadlines: reminded and escalated like assignments', () => {
  let bed: ServiceTestBed;
  let nc: NatsConnection;
  let queue: Queue;
  const clock = { t: Date.parse('2030-11-01T01:00:00.000Z'), now: () => clock.t };

  const TW = unit(1, 'TW', null, 'central');
  const P = unit(2, 'P', '1', 'province', 'Tỉnh ủy P');
  const BTG = unit(8, 'BTG', '1.2', 'ban', 'Ban Tuyên giáo Tỉnh ủy');
  const D1 = unit(3, 'D1', '1.2', 'district');
  const D2 = unit(4, 'D2', '1.2', 'district');
  const c11 = unit(5, 'D1C1', '1.2.3', 'chi_bo');
  const c12 = unit(6, 'D1C2', '1.2.3', 'chi_bo');
  const c21 = unit(7, 'D2C1', '1.2.4', 'chi_bo');

  // "trước ngày 25/12/2030" and its steps under the default policy (7d, 1d / 3d, 7d, 14d).
  const TIMELINE = 'trước ngày 25/12/2030';
  const DUE = '2030-12-24T16:59:59.999Z';
  const R7 = Date.parse('2030-12-17T16:59:59.999Z');
  const R1 = Date.parse('2030-12-23T16:59:59.999Z');
  const OD = Date.parse('2030-12-24T17:00:00.000Z');
  const E1 = Date.parse('2030-12-27T17:00:00.000Z');
  const E2 = Date.parse('2030-12-31T17:00:00.000Z');
  const E3 = Date.parse('2031-01-07T17:00:00.000Z');

  async function publish<S extends EventSubject>(subject: S, data: EventMap[S]) {
    const envelope = { id: randomUUID(), type: subject, version: 1, occurredAt: new Date().toISOString(), correlationId: randomUUID(), causationId: null, data };
    await jetstream(nc).publish(subject, JSON.stringify(envelope), { msgID: envelope.id });
    return envelope.id;
  }

  /** A plan of P asking every cell for one report, to P through BTG (`cells` of them under P). */
  async function issuePlan(cells = 3): Promise<PlanIssuedEvent> {
    const obligation: IssuedObligation = {
      id: randomUUID(),
      code: 'BC1',
      title: 'Báo cáo kết quả quán triệt',
      timeline: TIMELINE,
      deadline: parseTimeline(TIMELINE, { referenceDate: '2030-11-01' }),
      target: { type: 'descendants', kind: 'chi_bo' },
      to: { id: P.id, code: P.code, name: P.name },
      through: 'Ban Tuyên giáo Tỉnh ủy',
      throughUnit: { id: BTG.id, code: BTG.code, name: BTG.name },
      indicators: [],
      until: null,
      adHoc: false,
    };
    const event: PlanIssuedEvent = {
      plan: { id: randomUUID(), symbol: `${Math.floor(Math.random() * 1e6)}-KH/TU`, title: 'Kế hoạch thử', issueDate: '2030-11-01' },
      issuer: { id: P.id, code: P.code, name: P.name, path: P.path },
      directoryVersion: 1,
      tasks: [],
      reportingObligations: [obligation],
      indicators: [],
      targets: [],
    };
    await publish(EventSubjects.planIssued, event);
    await expectEventually(async () => expect(await count('SELECT count(*)::int AS n FROM reports WHERE plan_id = $1', [event.plan.id])).toBe(cells));
    return event;
  }

  const count = async (sql: string, params: unknown[] = []): Promise<number> => (await bed.dataSource.query(sql, params))[0].n;
  const told = (planId: string, step: string) =>
    count('SELECT count(*)::int AS n FROM report_deadline_history h JOIN reports r ON r.id = h.report_id WHERE r.plan_id = $1 AND h.step = $2', [planId, step]);
  const notices = async (planId: string, subject: string): Promise<ReportDeadlineNoticeEvent[]> =>
    (await bed.dataSource.query(`SELECT envelope FROM outbox WHERE subject = $1 AND envelope->'data'->'plan'->>'id' = $2 ORDER BY seq`, [subject, planId])).map(
      (row: { envelope: { data: ReportDeadlineNoticeEvent } }) => row.envelope.data,
    );
  const reportOf = async (cell: typeof P, planId: string) =>
    (await bed.rpc<ReportPage>(RpcPatterns.reporting.listReports, { actor: actorOf(cell), mine: true, planId })).items[0];

  /** Moves the clock to `at` and promotes the timer of that instant (it must exist): no sleeping. */
  async function ring(at: number) {
    clock.t = at;
    const job = await queue.getJob(jobIdFor(at));
    expect(job).toBeDefined();
    await job!.promote();
  }

  const sweep = () => bed.apps[0].get(ReportDeadlineSweep).sweep();

  beforeAll(async () => {
    bed = await startServices(
      [{ name: 'reporting', schema: SCHEMA, migrations, module: (env) => AppModule.forRoot(loadConfig(reportingEnv, env), { clock }) }],
      // The sweep is called by the tests, not by its interval.
      { DEADLINE_SWEEP_INTERVAL: '1h' },
    );
    nc = await connect({ servers: bed.nats.url });
    queue = new Queue(QueueNames.reportDeadlines, { prefix: bed.config.QUEUE_PREFIX, connection: { url: bed.redis!.url } });
    await publish(EventSubjects.unitsUpserted, { directoryVersion: 1, chunk: 0, chunkCount: 1, units: [TW, P, BTG, D1, D2, c11, c12, c21] });
    await expectEventually(async () => expect(await count('SELECT count(*)::int AS n FROM units')).toBe(8));
  }, 60_000);

  afterAll(async () => {
    await queue?.close();
    await nc?.close();
    await bed?.close();
  });

  it('walks a report deadline step by step, once each, to the right people, and spares the unit that reported', async () => {
    const { plan } = await issuePlan();
    // Three reports, one deadline: one timer, for the first step (the 7-day reminder).
    expect(await count('SELECT count(DISTINCT next_at)::int AS n FROM reports WHERE plan_id = $1', [plan.id])).toBe(1);
    expect(await queue.getJob(jobIdFor(R7))).toBeDefined();

    // Promoted early (the clock still at issue), nothing fires.
    await (await queue.getJob(jobIdFor(R7)))!.promote();
    await expectEventually(async () => expect(await (await queue.getJob(jobIdFor(R7)))?.getState()).toBe('delayed'));
    expect(await told(plan.id, 'reminder:604800')).toBe(0);

    // D1C2 reports in time: it is reminded of nothing.
    const own = await reportOf(c12, plan.id);
    await bed.rpc<ReportView>(RpcPatterns.reporting.submitReport, { actor: actorOf(c12), reportId: own.id, figures: {} });

    const steps: [number, string][] = [
      [R7, 'reminder:604800'],
      [R1, 'reminder:86400'],
      [OD, 'overdue'],
      [E1, 'escalation:1'],
      [E2, 'escalation:2'],
      [E3, 'escalation:3'],
    ];
    for (const [at, step] of steps) {
      await ring(at);
      await expectEventually(async () => expect(await told(plan.id, step)).toBe(2));
    }
    // Sweeping again: nothing fires twice.
    await sweep();
    for (const [, step] of steps) expect(await told(plan.id, step)).toBe(2);

    const dueSoon = await notices(plan.id, EventSubjects.reportDueSoon);
    expect(dueSoon.map((n) => `${n.target.unitCode}/${n.target.role}/${n.step.key}`).sort()).toEqual([
      'D1C1/office/reminder:604800',
      'D1C1/office/reminder:86400',
      'D2C1/office/reminder:604800',
      'D2C1/office/reminder:86400',
    ]);
    const overdue = await notices(plan.id, EventSubjects.reportOverdue);
    expect(overdue.map((n) => n.target.unitCode).sort()).toEqual(['D1C1', 'D2C1']);
    expect(overdue[0]).toMatchObject({
      obligation: { code: 'BC1', title: 'Báo cáo kết quả quán triệt' },
      period: { key: '2030-12-24', label: 'Hạn 24/12/2030' },
      dueAt: DUE,
      receivingUnit: { code: 'P' },
      reason: 'Đã quá hạn nộp báo cáo Hạn 24/12/2030 (24/12/2030) mà chưa nộp',
    });
    const escalated = await notices(plan.id, EventSubjects.reportEscalated);
    const byLevel = (level: number) => escalated.filter((n) => n.step.level === level).map((n) => [n.target.unitCode, n.target.role, n.target.capacity, n.items.length]);
    expect(byLevel(1).sort()).toEqual([
      ['D1C1', 'secretary', 'unit-head', 1],
      ['D2C1', 'secretary', 'unit-head', 1],
    ]);
    // The monitoring body the reports go through ("qua Ban Tuyên giáo"), then the addressee's standing committee.
    expect(byLevel(2)).toEqual([['BTG', 'office', 'monitoring-body', 2]]);
    expect(byLevel(3)).toEqual([['P', 'secretary', 'standing-committee', 2]]);
    expect(escalated.find((n) => n.step.level === 3)!.items.map((i) => [i.unit.code, i.daysOverdue])).toEqual([
      ['D1C1', 15],
      ['D2C1', 15],
    ]);

    // The report itself says who was told, and that nothing is pending.
    const late = await reportOf(c11, plan.id);
    const view = await bed.rpc<ReportView>(RpcPatterns.reporting.getReport, { actor: actorOf(c11), reportId: late.id });
    expect(view.deadline).toMatchObject({ nextStep: null, nextAt: null, escalationLevel: 3 });
    expect(view.deadline!.history.map((h) => `${h.step}→${h.target.unitCode}`)).toEqual([
      'reminder:604800→D1C1',
      'reminder:86400→D1C1',
      'overdue→D1C1',
      'escalation:1→D1C1',
      'escalation:2→BTG',
      'escalation:3→P',
    ]);
    const reported = await bed.rpc<ReportView>(RpcPatterns.reporting.getReport, { actor: actorOf(c12), reportId: own.id });
    expect(reported.deadline).toMatchObject({ nextStep: null, history: [] });
  });

  it("follows the plan's own policy, announced by the assignments service, and the latest one only", async () => {
    clock.t = Date.parse('2030-11-01T01:00:00.000Z');
    const { plan } = await issuePlan();
    const changed = (policy: EventMap['assignments.deadline-policy.changed']['policy'], changedAt: string) =>
      publish(EventSubjects.deadlinePolicyChanged, { planId: plan.id, policy, changedAt });
    await changed({ remindersMs: [2 * 86_400_000], escalationsMs: [86_400_000] }, '2030-11-01T02:00:00.000Z');
    // An older change delivered late is ignored.
    const older = await changed(null, '2030-11-01T01:30:00.000Z');
    const R2 = Date.parse('2030-12-22T16:59:59.999Z');
    // Both handled: the plan's reports are due for re-evaluation now (a timer at the fake "now",
    // which BullMQ would run years from the real now: the sweep stands in for it).
    await expectEventually(async () => {
      expect(await count('SELECT count(*)::int AS n FROM inbox WHERE event_id = $1', [older])).toBe(1);
      expect(await count('SELECT count(*)::int AS n FROM reports WHERE plan_id = $1 AND next_at = $2', [plan.id, new Date(clock.t)])).toBe(3);
    });
    await sweep();
    const rows = await bed.dataSource.query('SELECT DISTINCT next_step, next_at FROM reports WHERE plan_id = $1', [plan.id]);
    expect(rows).toEqual([{ next_step: 'reminder:172800', next_at: new Date(R2) }]);
    await ring(R2);
    await expectEventually(async () => expect(await told(plan.id, 'reminder:172800')).toBe(3));
    expect(await told(plan.id, 'reminder:604800')).toBe(0);
  });

  it('loses no step when Redis is emptied: the sweep fires what is due and re-creates the timers ahead', async () => {
    clock.t = Date.parse('2030-11-01T01:00:00.000Z');
    const { plan } = await issuePlan();
    await bed.redis!.flush();
    expect(await queue.getJob(jobIdFor(R7))).toBeUndefined();
    // The sweep re-creates the timers due within its horizon (24 h).
    clock.t = R7 - 3_600_000;
    await sweep();
    expect(await queue.getJob(jobIdFor(R7))).toBeDefined();

    // Emptied again past the deadline: the sweep fires the overdue notice once (the reminders it overtook are skipped).
    await bed.redis!.flush();
    clock.t = OD + 1000;
    await sweep();
    expect(await told(plan.id, 'overdue')).toBe(3);
    expect(await told(plan.id, 'reminder:86400')).toBe(0);
    await sweep();
    expect(await told(plan.id, 'overdue')).toBe(3);
    expect(await queue.getJob(jobIdFor(E1))).toBeDefined();
  });

  it('watches the report of a unit added while the period is open', async () => {
    clock.t = Date.parse('2030-11-01T01:00:00.000Z');
    const { plan } = await issuePlan();
    const c22 = unit(9, 'D2C2', '1.2.4', 'chi_bo');
    await publish(EventSubjects.unitsUpserted, { directoryVersion: 2, chunk: 0, chunkCount: 1, units: [c22] });
    await expectEventually(async () => expect(await count('SELECT count(*)::int AS n FROM reports WHERE plan_id = $1', [plan.id])).toBe(4));
    await sweep();
    const rows = await bed.dataSource.query('SELECT DISTINCT next_step, next_at FROM reports WHERE plan_id = $1', [plan.id]);
    expect(rows).toEqual([{ next_step: 'reminder:604800', next_at: new Date(R7) }]);
  });

  it('stops chasing the report of a unit that moved out of the issuing subtree', async () => {
    clock.t = Date.parse('2030-11-01T01:00:00.000Z');
    const { plan } = await issuePlan(4); // D2C2 joined in the test before
    const watched = (code: string) =>
      count('SELECT count(*)::int AS n FROM reports r JOIN units u ON u.id = r.unit_id WHERE r.plan_id = $1 AND u.code = $2 AND r.next_at IS NOT NULL', [plan.id, code]);
    expect(await watched('D2C1')).toBe(1);
    // D2C1 now belongs to another province, outside P.
    await publish(EventSubjects.unitsUpserted, { directoryVersion: 3, chunk: 0, chunkCount: 1, units: [{ ...c21, parentId: TW.id, path: `${TW.path}.${c21.id}` }] });
    await expectEventually(async () => expect(await watched('D2C1')).toBe(0));
    expect(await watched('D1C1')).toBe(1);
  });
});
