import { jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { assignmentsEnv, loadConfig } from '#config';
import {
  DeadlineRpcPatterns,
  EventSubjects,
  QueueNames,
  RpcPatterns,
  type Actor,
  type AssignmentDeadlines,
  type AssignmentPage,
  type CalendarYear,
  type DeadlineListPage,
  type DeadlineNoticeEvent,
  type DeadlinePolicyView,
  type EventMap,
  type EventSubject,
  type ExtensionView,
  type IssuedTask,
  type OverdueByUnit,
  type PlanIssuedEvent,
  type UnitRecord,
} from '#contracts';
import { jobIdFor } from '#deadlines';
import { expectEventually, startRedisServer, startServices, type ServiceTestBed, type TestRedisServer } from '#testing';
import { AppModule } from '../app.module.js';
import { SCHEMA, migrations } from '../migrations/index.js';
import { DeadlineSweep } from './deadline-sweep.js';

/**
 * The deadline watch on real Postgres, NATS and BullMQ on a private redis-server. Time is a fake
 * clock: a test moves it to a step's instant and promotes that step's delayed job instead of
 * sleeping. Checks every step fires once, on time, for the right people, through restarts and
 * an emptied Redis; timers per distinct instant; extensions; recurring occurrences; the calendar.
 */
describe('deadlines: timers, firing, escalation', () => {
  let bed: ServiceTestBed;
  let redis: TestRedisServer;
  let nc: NatsConnection;
  let queue: Queue;
  let plansResponder: Subscription;
  const clock = { t: Date.parse('2030-11-01T01:00:00.000Z'), now: () => clock.t };

  const unit = (id: number, code: string, parentId: number | null, path: string, kind: string): UnitRecord => ({
    id: String(id), code, name: `Đơn vị ${code}`, kind, parentId: parentId ? String(parentId) : null, path,
  });
  const tree = [
    unit(1, 'TW', null, '1', 'central'),
    unit(9, 'BTGTW', 1, '1.9', 'ban'),
    unit(2, 'P', 1, '1.2', 'province'),
    unit(8, 'BTG', 2, '1.2.8', 'ban'),
    unit(3, 'D1', 2, '1.2.3', 'district'),
    unit(4, 'D2', 2, '1.2.4', 'district'),
    unit(5, 'D1C1', 3, '1.2.3.5', 'chi_bo'),
    unit(6, 'D1C2', 3, '1.2.3.6', 'chi_bo'),
    unit(7, 'D2C1', 4, '1.2.4.7', 'chi_bo'),
  ];
  const byCode = (code: string) => tree.find((u) => u.code === code)!;
  const actor = (code: string, role: Actor['role'] = 'office'): Actor => {
    const u = byCode(code);
    return { userId: randomUUID(), username: code, role, unitId: u.id, unitCode: u.code, unitPath: u.path };
  };

  // The deadline "trước ngày 25/12/2030" and its steps under the default policy (7d, 1d / 3d, 7d, 14d).
  const DUE = '2030-12-24T16:59:59.999Z';
  const R7 = Date.parse('2030-12-17T16:59:59.999Z');
  const R1 = Date.parse('2030-12-23T16:59:59.999Z');
  const OD = Date.parse('2030-12-24T17:00:00.000Z');
  const E1 = Date.parse('2030-12-27T17:00:00.000Z');
  const E2 = Date.parse('2030-12-31T17:00:00.000Z');
  const E3 = Date.parse('2031-01-07T17:00:00.000Z');
  const fixed = { kind: 'fixed', dueAt: DUE, dueDate: '2030-12-24' } as const;

  async function publish<S extends EventSubject>(subject: S, data: EventMap[S]) {
    const envelope = { id: randomUUID(), type: subject, version: 1, occurredAt: new Date().toISOString(), correlationId: randomUUID(), causationId: null, data };
    await jetstream(nc).publish(subject, JSON.stringify(envelope), { msgID: randomUUID() });
  }

  function task(overrides: Partial<IssuedTask>): IssuedTask {
    return {
      id: randomUUID(), number: '1', title: 'Quán triệt', timeline: 'trước ngày 25/12/2030', deadline: fixed, dueAt: DUE,
      target: { type: 'descendants', kind: 'chi_bo' }, parentAssignmentId: null, leadUnit: null, ...overrides,
    };
  }

  async function issue(tasks: IssuedTask[], issuer = 'P') {
    const u = byCode(issuer);
    const event: PlanIssuedEvent = {
      plan: { id: randomUUID(), symbol: `${Math.floor(Math.random() * 1e6)}-KH/TU`, title: 'Kế hoạch thử', issueDate: '2030-11-01' },
      issuer: { id: u.id, code: u.code, name: u.name, path: u.path },
      directoryVersion: 1,
      tasks,
    };
    await publish(EventSubjects.planIssued, event);
    const expected = tasks.length;
    await expectEventually(async () => {
      const [{ n }] = await bed.dataSource.query('SELECT count(DISTINCT task_id)::int AS n FROM due_items WHERE plan_id = $1', [event.plan.id]);
      expect(n).toBe(expected);
    });
    return event;
  }

  const count = async (sql: string, params: unknown[] = []): Promise<number> => (await bed.dataSource.query(sql, params))[0].n;
  const historyCount = (taskId: string, step: string) =>
    count(`SELECT count(*)::int AS n FROM assignment_history h JOIN due_items d ON d.id = h.due_item_id WHERE d.task_id = $1 AND h.step = $2`, [taskId, step]);
  const notices = async (taskId: string, subject: string): Promise<DeadlineNoticeEvent[]> =>
    (await bed.dataSource.query(`SELECT envelope FROM outbox WHERE subject = $1 AND envelope->'data'->'task'->>'id' = $2 ORDER BY seq`, [subject, taskId])).map(
      (row: { envelope: { data: DeadlineNoticeEvent } }) => row.envelope.data,
    );

  /** Moves the clock to `at` and promotes the timer of that instant (it must exist): no sleeping. */
  async function ring(at: number) {
    clock.t = at;
    const job = await queue.getJob(jobIdFor(at));
    expect(job).toBeDefined();
    expect(await job!.getState()).toBe('delayed');
    await job!.promote();
  }

  const sweep = () => bed.apps[0].get(DeadlineSweep).sweep();

  beforeAll(async () => {
    redis = await startRedisServer();
    bed = await startServices(
      [{ name: 'assignments', schema: SCHEMA, migrations, module: (env) => AppModule.forRoot(loadConfig(assignmentsEnv, env), { clock }) }],
      // The sweep is called by the tests, not by its interval.
      { REDIS_URL: redis.url, DEADLINE_SWEEP_INTERVAL: '1h' },
    );
    nc = await connect({ servers: bed.nats.url });
    queue = new Queue(QueueNames.assignmentDeadlines, { prefix: bed.config.QUEUE_PREFIX, connection: { url: redis.url } });
    // The plans service answers who issued a plan (for policy changes): P issues every plan here.
    plansResponder = nc.subscribe(RpcPatterns.plans.get, {
      callback: (_error, msg) => {
        const packet = msg.json<{ id: string; data: { planId: string } }>();
        const plan = { id: packet.data.planId, symbol: '1-KH/TU', issuingUnit: { id: '2', code: 'P', name: 'Đơn vị P' } };
        msg.respond(JSON.stringify({ id: packet.id, response: plan, isDisposed: true }));
      },
    });
    await publish(EventSubjects.unitsUpserted, { directoryVersion: 1, chunk: 0, chunkCount: 1, units: tree });
    await expectEventually(async () => expect(await count('SELECT count(*)::int AS n FROM units')).toBe(tree.length));
  }, 60_000);

  afterAll(async () => {
    plansResponder?.unsubscribe();
    await queue?.close();
    await nc?.close();
    await bed?.close();
    await redis?.destroy();
  });

  it('walks a deadline step by step, once each, to the right people, never early', async () => {
    const t = task({ leadUnit: { id: '8', code: 'BTG', name: 'Đơn vị BTG' } });
    await issue([t]);
    // Three cells, one deadline: one timer, for the first step (the 7-day reminder).
    expect(await queue.getJobCounts('delayed')).toEqual({ delayed: 1 });
    expect(await queue.getJob(jobIdFor(R7))).toBeDefined();

    // Promoted early (the clock is still at issue), the job goes back to wait for its instant.
    const early = (await queue.getJob(jobIdFor(R7)))!;
    await early.promote();
    await expectEventually(async () => expect(await early.getState()).toBe('delayed'));
    expect(await historyCount(t.id, 'reminder:604800')).toBe(0);

    const steps: [number, string, string][] = [
      [R7, 'reminder:604800', EventSubjects.assignmentDueSoon],
      [R1, 'reminder:86400', EventSubjects.assignmentDueSoon],
      [OD, 'overdue', EventSubjects.assignmentOverdue],
      [E1, 'escalation:1', EventSubjects.assignmentEscalated],
      [E2, 'escalation:2', EventSubjects.assignmentEscalated],
      [E3, 'escalation:3', EventSubjects.assignmentEscalated],
    ];
    for (const [at, step] of steps) {
      await ring(at);
      await expectEventually(async () => expect(await historyCount(t.id, step)).toBe(3));
    }
    // Ringing again, sweeping again: nothing fires twice.
    await sweep();
    for (const [, step] of steps) expect(await historyCount(t.id, step)).toBe(3);
    expect(await queue.getJobCounts('delayed', 'wait', 'active')).toEqual({ delayed: 0, wait: 0, active: 0 });

    // Who was told: each cell's office (reminders, overdue), each cell's secretary (1), the
    // task's lead body inside the issuer's subtree (2), the issuer's standing committee (3).
    const dueSoon = await notices(t.id, EventSubjects.assignmentDueSoon);
    expect(dueSoon).toHaveLength(6);
    expect(new Set(dueSoon.map((n) => `${n.target.unitCode}/${n.target.role}`))).toEqual(new Set(['D1C1/office', 'D1C2/office', 'D2C1/office']));
    const escalated = await notices(t.id, EventSubjects.assignmentEscalated);
    const byLevel = (level: number) => escalated.filter((n) => n.step.level === level);
    expect(byLevel(1).map((n) => [n.target.unitCode, n.target.role, n.items.length]).sort()).toEqual([
      ['D1C1', 'secretary', 1],
      ['D1C2', 'secretary', 1],
      ['D2C1', 'secretary', 1],
    ]);
    expect(byLevel(2).map((n) => [n.target.unitCode, n.target.role, n.target.capacity, n.items.length])).toEqual([['BTG', 'office', 'monitoring-body', 3]]);
    expect(byLevel(3).map((n) => [n.target.unitCode, n.target.role, n.target.capacity, n.items.length])).toEqual([['P', 'secretary', 'standing-committee', 3]]);
    expect(byLevel(3)[0]).toMatchObject({ dueAt: DUE, occurrence: 'once', assigningUnit: { code: 'P' }, step: { key: 'escalation:3', scheduledAt: new Date(E3).toISOString() } });
    // Escalation 3 at 00:00 on 08/01: the 15th day after the due day 24/12.
    expect(byLevel(3)[0].items.map((i) => i.daysOverdue)).toEqual([15, 15, 15]);
    // History says who, when and why.
    const [one] = await bed.dataSource.query(`SELECT id FROM assignments WHERE task_id = $1 AND unit_id = 5`, [t.id]);
    const deadlines = await bed.rpc<AssignmentDeadlines>(DeadlineRpcPatterns.assignmentDeadlines, { actor: actor('D1C1'), assignmentId: one.id });
    expect(deadlines.history.map((h) => [h.kind, h.step, h.target?.unitCode, h.target?.role])).toEqual([
      ['due-soon', 'reminder:604800', 'D1C1', 'office'],
      ['due-soon', 'reminder:86400', 'D1C1', 'office'],
      ['overdue', 'overdue', 'D1C1', 'office'],
      ['escalated', 'escalation:1', 'D1C1', 'secretary'],
      ['escalated', 'escalation:2', 'BTG', 'office'],
      ['escalated', 'escalation:3', 'P', 'secretary'],
    ]);
    expect(deadlines.history[5].reason).toContain('Ban Thường vụ');
    expect(deadlines.dueItems).toEqual([expect.objectContaining({ status: 'open', nextStep: null, escalationLevel: 3 })]);
  });

  it('never escalates above the issuer: a lead body outside its subtree falls back to the issuer', async () => {
    clock.t = Date.parse('2030-11-01T01:00:00.000Z');
    const t = task({ target: { type: 'direct-subordinates' }, leadUnit: { id: '9', code: 'BTGTW', name: 'Ban ở Trung ương' } });
    await issue([t]);
    clock.t = E2;
    await sweep(); // catches up: reminders overtaken, overdue, escalation 1 and 2, each once
    expect(await historyCount(t.id, 'reminder:604800')).toBe(0);
    // P's direct subordinates: D1, D2 and its board BTG.
    expect(await historyCount(t.id, 'overdue')).toBe(3);
    expect(await historyCount(t.id, 'escalation:2')).toBe(3);
    const level2 = (await notices(t.id, EventSubjects.assignmentEscalated)).filter((n) => n.step.level === 2);
    expect(level2.map((n) => [n.target.unitCode, n.target.role, n.items.length])).toEqual([['P', 'office', 3]]);
  });

  it('stops a finished assignment’s steps; the others go on', async () => {
    clock.t = Date.parse('2030-11-01T01:00:00.000Z');
    const t = task({ number: '2' });
    const plan = await issue([t]);
    const [mine] = await bed.dataSource.query(`SELECT id FROM assignments WHERE task_id = $1 AND unit_id = 5`, [t.id]);
    await bed.rpc(RpcPatterns.assignments.transition, { actor: actor('D1C1'), assignmentId: mine.id, status: 'done', resultNote: 'Xong' });
    await ring(R7);
    await expectEventually(async () => expect(await historyCount(t.id, 'reminder:604800')).toBe(2));
    const history = await bed.rpc<AssignmentDeadlines>(DeadlineRpcPatterns.assignmentDeadlines, { actor: actor('D1C1'), assignmentId: mine.id });
    expect(history.history.map((h) => h.kind)).toEqual(['steps-cancelled']);
    expect(history.dueItems[0]).toMatchObject({ status: 'done', nextStep: null });
    expect(plan.plan.id).toBeDefined();
  });

  it('keeps firing exactly once through a Redis restart and an emptied Redis', async () => {
    clock.t = Date.parse('2030-11-01T01:00:00.000Z');
    const t = task({ number: '3' });
    await issue([t]);
    // Restart (AOF on): the timer survives and rings.
    await redis.stop();
    await redis.start();
    await expectEventually(async () => expect(await queue.getJob(jobIdFor(R7))).toBeDefined(), { timeoutMs: 20_000 });
    await ring(R7);
    await expectEventually(async () => expect(await historyCount(t.id, 'reminder:604800')).toBe(3), { timeoutMs: 20_000 });

    // Emptied: every timer is gone. The sweep re-creates the next one ahead of time…
    await expectEventually(async () => expect(await queue.getJob(jobIdFor(R1))).toBeDefined());
    await redis.flush();
    expect(await queue.getJob(jobIdFor(R1))).toBeUndefined();
    clock.t = R1 - 3_600_000;
    await sweep();
    expect(await queue.getJob(jobIdFor(R1))).toBeDefined();
    await ring(R1);
    await expectEventually(async () => expect(await historyCount(t.id, 'reminder:86400')).toBe(3));

    // …and fires what fell due while its timer was missing, late but once, never early.
    await expectEventually(async () => expect(await queue.getJob(jobIdFor(OD))).toBeDefined());
    await redis.flush();
    clock.t = OD - 1;
    await sweep();
    expect(await historyCount(t.id, 'overdue')).toBe(0);
    clock.t = OD + 5_000;
    await sweep();
    await sweep();
    expect(await historyCount(t.id, 'overdue')).toBe(3);
    expect(await count(`SELECT count(*)::int AS n FROM outbox WHERE subject = $1 AND envelope->'data'->'task'->>'id' = $2`, [EventSubjects.assignmentOverdue, t.id])).toBe(3);
  }, 60_000);

  it('keeps one timer per distinct instant, not per assignment (2,000 cells, one deadline)', async () => {
    clock.t = Date.parse('2030-11-01T01:00:00.000Z');
    const cells = Array.from({ length: 2000 }, (_, i) => unit(10_000 + i, `BIG${i}`, 4, `1.2.4.${10_000 + i}`, 'big_cell'));
    await publish(EventSubjects.unitsUpserted, { directoryVersion: 2, chunk: 0, chunkCount: 1, units: cells });
    await expectEventually(async () => expect(await count(`SELECT count(*)::int AS n FROM units WHERE kind = 'big_cell'`)).toBe(2000));
    await redis.flush();
    const t = task({ number: '4', target: { type: 'descendants', kind: 'big_cell' }, deadline: { kind: 'fixed', dueAt: '2030-12-19T16:59:59.999Z', dueDate: '2030-12-19' }, dueAt: '2030-12-19T16:59:59.999Z' });
    await issue([t]);
    await expectEventually(async () => expect(await count('SELECT count(*)::int AS n FROM due_items WHERE task_id = $1', [t.id])).toBe(2000));
    expect(await queue.getJobCounts('delayed')).toEqual({ delayed: 1 });
    const at = Date.parse('2030-12-12T16:59:59.999Z');
    await ring(at);
    await expectEventually(async () => expect(await historyCount(t.id, 'reminder:604800')).toBe(2000));
    // One event per cell (each is told), in one set-based firing.
    expect(await count(`SELECT count(*)::int AS n FROM outbox WHERE subject = $1 AND envelope->'data'->'task'->>'id' = $2`, [EventSubjects.assignmentDueSoon, t.id])).toBe(2000);
    expect(await queue.getJobCounts('delayed')).toEqual({ delayed: 1 });
  }, 60_000);

  it('extends a deadline on approval: steps start over, linked child plans are re-checked', async () => {
    clock.t = Date.parse('2030-11-01T01:00:00.000Z');
    const parentTask = task({ number: '5', target: { type: 'direct-subordinates' } });
    await issue([parentTask]);
    const [parent] = await bed.dataSource.query(`SELECT id FROM assignments WHERE task_id = $1 AND unit_id = 3`, [parentTask.id]);
    // D1 issues its own plan implementing it, due 20/12.
    const childTask = task({
      number: '1', target: { type: 'direct-subordinates' }, parentAssignmentId: parent.id,
      deadline: { kind: 'fixed', dueAt: '2030-12-19T16:59:59.999Z', dueDate: '2030-12-19' }, dueAt: '2030-12-19T16:59:59.999Z',
    });
    await issue([childTask], 'D1');

    const refused = await bed.rpcError(DeadlineRpcPatterns.requestExtension, { actor: actor('D2'), assignmentId: parent.id, newDueDate: '2031-01-15', reason: 'x' });
    expect(refused.status).toBe(404);
    const early = await bed.rpcError(DeadlineRpcPatterns.requestExtension, { actor: actor('D1'), assignmentId: parent.id, newDueDate: '2030-12-01', reason: 'Muốn sớm' });
    expect(early).toMatchObject({ status: 400, code: 'EXTENSION.INVALID' });
    const requested = await bed.rpc<ExtensionView>(DeadlineRpcPatterns.requestExtension, {
      actor: actor('D1'), assignmentId: parent.id, newDueDate: '2031-01-15', reason: 'Chờ hướng dẫn của Trung ương',
    });
    expect(requested).toMatchObject({ status: 'pending', requestedDate: '2031-01-15', currentDueAt: DUE });
    expect((await bed.rpcError(DeadlineRpcPatterns.requestExtension, { actor: actor('D1'), assignmentId: parent.id, newDueDate: '2031-01-20', reason: 'again' })).code).toBe('EXTENSION.PENDING');
    // Only the assigning unit decides.
    expect((await bed.rpcError(DeadlineRpcPatterns.decideExtension, { actor: actor('D1'), extensionId: requested.id, approve: true })).status).toBe(403);
    const incoming = await bed.rpc<{ items: ExtensionView[] }>(DeadlineRpcPatterns.listExtensions, { actor: actor('P'), direction: 'incoming', status: 'pending' });
    expect(incoming.items.map((e) => e.id)).toContain(requested.id);

    const approved = await bed.rpc<ExtensionView>(DeadlineRpcPatterns.decideExtension, { actor: actor('P'), extensionId: requested.id, approve: true, dueDate: '2031-01-10', note: 'Đồng ý đến 10/01' });
    expect(approved).toMatchObject({ status: 'approved', decidedDueAt: '2031-01-10T16:59:59.999Z' });
    const view = await bed.rpc<AssignmentDeadlines>(DeadlineRpcPatterns.assignmentDeadlines, { actor: actor('D1'), assignmentId: parent.id });
    expect(view.dueItems[0]).toMatchObject({ dueAt: '2031-01-10T16:59:59.999Z', nextStep: 'reminder:604800', nextAt: '2031-01-03T16:59:59.999Z', escalationLevel: 0 });
    expect(view.history.map((h) => h.kind)).toEqual(['extension-requested', 'extension-approved', 'deadline-changed']);
    expect(await queue.getJob(jobIdFor(Date.parse('2031-01-03T16:59:59.999Z')))).toBeDefined();
    const [{ envelope }] = await bed.dataSource.query(`SELECT envelope FROM outbox WHERE subject = $1 AND envelope->'data'->>'assignmentId' = $2`, [
      EventSubjects.assignmentDeadlineChanged,
      parent.id,
    ]);
    expect(envelope.data).toMatchObject({
      previousDueAt: DUE,
      dueAt: '2031-01-10T16:59:59.999Z',
      reason: 'extension',
      linkedChildren: [{ taskId: childTask.id, assignments: 2, latestDueAt: '2030-12-19T16:59:59.999Z', exceedsParent: false }],
      targets: [{ unitCode: 'D1', role: 'office', capacity: 'plan-issuer' }],
    });
    for (const subject of [EventSubjects.extensionRequested, EventSubjects.extensionDecided]) {
      expect(await count(`SELECT count(*)::int AS n FROM outbox WHERE subject = $1 AND envelope->'data'->'extension'->>'id' = $2`, [subject, requested.id])).toBe(1);
    }
    // Child ≤ parent: a cell of D1 cannot be granted more time than D1 itself has.
    const [cell] = await bed.dataSource.query(`SELECT id FROM assignments WHERE task_id = $1 AND unit_id = 5`, [childTask.id]);
    const ask = await bed.rpc<ExtensionView>(DeadlineRpcPatterns.requestExtension, { actor: actor('D1C1'), assignmentId: cell.id, newDueDate: '2031-02-01', reason: 'Thiếu người' });
    const tooLate = await bed.rpcError(DeadlineRpcPatterns.decideExtension, { actor: actor('D1'), extensionId: ask.id, approve: true });
    expect(tooLate).toMatchObject({ status: 409, code: 'EXTENSION.EXCEEDS_PARENT' });
    const no = await bed.rpc<ExtensionView>(DeadlineRpcPatterns.decideExtension, { actor: actor('D1'), extensionId: ask.id, approve: false, note: 'Không' });
    expect(no.status).toBe('refused');
  });

  it('gives each recurring occurrence its own due item', async () => {
    clock.t = Date.parse('2030-10-01T01:00:00.000Z');
    const t = task({
      number: '6', timeline: 'Định kỳ hằng năm (trước ngày 25/11)', target: { type: 'units', unitIds: ['5'] },
      deadline: { kind: 'recurring', every: 'year', month: 11, day: 24, nextDueAt: '2030-11-24T16:59:59.999Z', nextDueDate: '2030-11-24' },
      dueAt: '2030-11-24T16:59:59.999Z',
    });
    await issue([t]);
    clock.t = Date.parse('2030-11-24T17:00:00.000Z');
    await sweep();
    const [row] = await bed.dataSource.query(`SELECT id FROM assignments WHERE task_id = $1`, [t.id]);
    let view = await bed.rpc<AssignmentDeadlines>(DeadlineRpcPatterns.assignmentDeadlines, { actor: actor('D1C1'), assignmentId: row.id });
    expect(view.dueItems.map((d) => [d.occurrence, d.dueAt, d.status, d.nextStep])).toEqual([
      ['2030', '2030-11-24T16:59:59.999Z', 'open', 'escalation:1'],
      ['2031', '2031-11-24T16:59:59.999Z', 'open', 'reminder:604800'],
    ]);
    // The 2030 report is in (late): that occurrence stops; 2031 goes on.
    await bed.rpc(DeadlineRpcPatterns.completeOccurrence, { actor: actor('D1C1'), assignmentId: row.id, dueItemId: view.dueItems[0].id, note: 'Đã gửi báo cáo năm 2030' });
    view = await bed.rpc<AssignmentDeadlines>(DeadlineRpcPatterns.assignmentDeadlines, { actor: actor('D1C1'), assignmentId: row.id });
    expect(view.dueItems.map((d) => [d.occurrence, d.status])).toEqual([
      ['2030', 'done'],
      ['2031', 'open'],
    ]);
  });

  it('lists due-soon and overdue work per unit, and overdue counts per child unit', async () => {
    clock.t = Date.parse('2031-01-02T03:00:00.000Z');
    const overdue = await bed.rpc<DeadlineListPage>(DeadlineRpcPatterns.overdue, { actor: actor('D1C2'), pageSize: 50 });
    expect(overdue.total).toBeGreaterThan(0);
    expect(overdue.items.every((i) => i.unit.code === 'D1C2' && i.daysOverdue > 0)).toBe(true);
    const days = overdue.items.map((i) => i.daysOverdue);
    expect(days).toEqual([...days].sort((a, b) => b - a));

    const byUnit = await bed.rpc<OverdueByUnit>(DeadlineRpcPatterns.overdueByUnit, { actor: actor('P') });
    const d1 = byUnit.children.find((c) => c.unit.code === 'D1')!;
    const d1Subtree = await bed.rpc<DeadlineListPage>(DeadlineRpcPatterns.overdueSubtree, { actor: actor('P'), unitCode: 'D1', pageSize: 1 });
    expect(d1.overdue).toBe(d1Subtree.total);
    expect(byUnit.total).toBe(byUnit.own + byUnit.children.reduce((s, c) => s + c.overdue, 0));
    expect(byUnit.children.map((c) => c.unit.code)).toEqual(expect.arrayContaining(['D1', 'D2', 'BTG']));
    const page2 = await bed.rpc<DeadlineListPage>(DeadlineRpcPatterns.overdueSubtree, { actor: actor('P'), page: 2, pageSize: 5 });
    expect(page2.items).toHaveLength(5);
    // A cell sees nothing of its sibling.
    const sibling = await bed.rpc<DeadlineListPage>(DeadlineRpcPatterns.overdueSubtree, { actor: actor('D1C1'), unitCode: 'D1C2' });
    expect(sibling.total).toBe(0);

    clock.t = Date.parse('2031-01-05T03:00:00.000Z');
    const soon = await bed.rpc<DeadlineListPage>(DeadlineRpcPatterns.dueSoon, { actor: actor('D1'), withinDays: 7 });
    expect(soon.items.map((i) => i.dueAt)).toEqual(['2031-01-10T16:59:59.999Z']);
  });

  it('sets a plan’s own policy and reschedules its open work', async () => {
    clock.t = Date.parse('2030-11-01T01:00:00.000Z');
    const t = task({ number: '7' });
    const plan = await issue([t]);
    expect((await bed.rpcError(DeadlineRpcPatterns.setPolicy, { actor: actor('D1'), planId: plan.plan.id, policy: { reminders: ['2d'], escalations: [] } })).status).toBe(403);
    const bad = await bed.rpcError(DeadlineRpcPatterns.setPolicy, { actor: actor('P'), planId: plan.plan.id, policy: { reminders: ['2 days'], escalations: ['5d', '1d'] } });
    expect(bad.fields?.map((f) => f.path)).toEqual(['reminders[0]', 'escalations']);
    const set = await bed.rpc<DeadlinePolicyView>(DeadlineRpcPatterns.setPolicy, { actor: actor('P'), planId: plan.plan.id, policy: { reminders: ['2d'], escalations: ['12h'] } });
    expect(set).toMatchObject({ source: 'plan', reminders: ['2d'], escalations: ['12h'] });
    const [item] = await bed.dataSource.query('SELECT next_step, next_at FROM due_items WHERE task_id = $1 LIMIT 1', [t.id]);
    expect([item.next_step, item.next_at.toISOString()]).toEqual(['reminder:172800', '2030-12-22T16:59:59.999Z']);
    expect(await queue.getJob(jobIdFor(Date.parse('2030-12-22T16:59:59.999Z')))).toBeDefined();
    const reset = await bed.rpc<DeadlinePolicyView>(DeadlineRpcPatterns.setPolicy, { actor: actor('P'), planId: plan.plan.id, policy: null });
    expect(reset).toMatchObject({ source: 'default', reminders: ['7d', '1d'], escalations: ['3d', '7d', '14d'] });
    // Each change is announced (the reporting service applies it to the plan's reports), in order.
    const announced = (await bed.dataSource.query(
      `SELECT envelope->'data' AS data FROM outbox WHERE subject = $1 AND envelope->'data'->>'planId' = $2 ORDER BY seq`,
      [EventSubjects.deadlinePolicyChanged, plan.plan.id],
    )).map((row: { data: { policy: unknown; changedAt: string } }) => row.data);
    expect(announced.map((a: { policy: unknown }) => a.policy)).toEqual([{ remindersMs: [172_800_000], escalationsMs: [43_200_000] }, null]);
    expect(Date.parse(announced[1].changedAt)).toBeGreaterThanOrEqual(Date.parse(announced[0].changedAt));
  });

  it('recounts working-day deadlines when an admin changes the calendar', async () => {
    clock.t = Date.parse('2030-11-01T01:00:00.000Z');
    // Issued Friday 2030-11-01, 3 working days → Wednesday 06/11.
    const t = task({
      number: '8', timeline: 'trong 3 ngày làm việc',
      deadline: { kind: 'fixed', dueAt: '2030-11-06T16:59:59.999Z', dueDate: '2030-11-06', workingDays: { count: 3, from: '2030-11-01' } },
      dueAt: '2030-11-06T16:59:59.999Z', target: { type: 'units', unitIds: ['5'] },
    });
    await issue([t]);
    expect((await bed.rpcError(DeadlineRpcPatterns.setCalendarOverrides, { actor: actor('P'), year: 2030, overrides: [] })).status).toBe(403);
    const invalid = await bed.rpcError(DeadlineRpcPatterns.setCalendarOverrides, { actor: actor('TW', 'admin'), year: 2030, overrides: [{ date: '2031-01-01', kind: 'day-off' }] });
    expect(invalid.fields).toEqual([{ path: 'overrides[0].date', message: 'Ngày 2031-01-01 không thuộc năm 2030' }]);
    const year = await bed.rpc<CalendarYear>(DeadlineRpcPatterns.setCalendarOverrides, {
      actor: actor('TW', 'admin'), year: 2030, overrides: [{ date: '2030-11-05', kind: 'day-off', note: 'Nghỉ bù' }, { date: '2030-11-09', kind: 'working-day', note: 'Làm bù' }],
    });
    expect(year.nonWorkingWeekdays).toContain('2030-11-05');
    expect(year.workingWeekendDays).toEqual(['2030-11-09']);
    expect(year.holidays.map((h) => h.date)).toContain('2030-09-02');
    const [row] = await bed.dataSource.query(`SELECT d.due_at, d.next_step FROM due_items d WHERE d.task_id = $1`, [t.id]);
    expect(row.due_at.toISOString()).toBe('2030-11-07T16:59:59.999Z');
    const overrides = await bed.rpc<{ overrides: unknown[] }>(DeadlineRpcPatterns.calendarOverrides, { fromYear: 2030, toYear: 2030 });
    expect(overrides.overrides).toHaveLength(2);
  });

  it('keeps the existing views consistent with due dates moved by extensions', async () => {
    const page = await bed.rpc<AssignmentPage>(RpcPatterns.assignments.inbox, { actor: actor('D1'), pageSize: 100 });
    expect(page.items.some((a) => a.dueAt === '2031-01-10T16:59:59.999Z')).toBe(true);
  });
});
