import { jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import {
  EventSubjects,
  RpcPatterns,
  type Actor,
  type AssignmentPage,
  type AssignmentView,
  type EventMap,
  type EventSubject,
  type PlanIssuedEvent,
  type UnitRecord,
} from '#contracts';
import { assignmentsEnv, loadConfig } from '#config';
import { expectEventually, startServices, type ServiceTestBed } from '#testing';
import { AppModule } from './app.module.js';
import { SCHEMA, migrations } from './migrations/index.js';

/**
 * The assignments service on real Postgres and NATS, fed the events its peers publish: the tree
 * from the directory, plans from the plans service. Checks the cascade, its wait for the tree
 * version it was issued against, idempotence under redelivery, and subtree-limited reads.
 */
describe('assignments service', () => {
  let bed: ServiceTestBed;
  let nc: NatsConnection;

  const unit = (id: number, code: string, parentId: number | null, path: string, kind: string): UnitRecord => ({
    id: String(id), code, name: `Đơn vị ${code}`, kind, parentId: parentId ? String(parentId) : null, path,
  });
  const tree = [
    unit(1, 'TW', null, '1', 'central'),
    unit(2, 'P', 1, '1.2', 'province'),
    unit(3, 'D1', 2, '1.2.3', 'district'),
    unit(4, 'D2', 2, '1.2.4', 'district'),
    unit(5, 'D1C1', 3, '1.2.3.5', 'chi_bo'),
    unit(6, 'D1C2', 3, '1.2.3.6', 'chi_bo'),
    unit(7, 'D2C1', 4, '1.2.4.7', 'chi_bo'),
  ];
  const actor = (u: UnitRecord, role: Actor['role'] = 'office'): Actor => ({
    userId: randomUUID(), username: u.code, role, unitId: u.id, unitCode: u.code, unitPath: u.path,
  });

  async function publish<S extends EventSubject>(subject: S, data: EventMap[S], id = randomUUID()) {
    const envelope = { id, type: subject, version: 1, occurredAt: new Date().toISOString(), correlationId: randomUUID(), causationId: null, data };
    await jetstream(nc).publish(subject, JSON.stringify(envelope), { msgID: randomUUID() });
    return envelope;
  }

  const planEvent = (directoryVersion: number): PlanIssuedEvent => ({
    plan: { id: randomUUID(), symbol: '1-KH/TU', title: 'Kế hoạch thử', issueDate: '2026-11-21' },
    issuer: { id: '2', code: 'P', name: 'Đơn vị P', path: '1.2' },
    directoryVersion,
    tasks: [
      { id: randomUUID(), number: '1', title: 'Cụ thể hóa', timeline: 'quý IV/2026', deadline: { kind: 'fixed', dueAt: '2026-12-31T16:59:59.999Z', dueDate: '2026-12-31' }, dueAt: '2026-12-31T16:59:59.999Z', target: { type: 'direct-subordinates' }, parentAssignmentId: null },
      { id: randomUUID(), number: '2', title: 'Quán triệt', timeline: 'Thường xuyên', deadline: { kind: 'ongoing' }, dueAt: null, target: { type: 'descendants', kind: 'chi_bo' }, parentAssignmentId: null },
      { id: randomUUID(), number: '3', title: 'Báo cáo', timeline: 'trước ngày 25/12/2026', deadline: { kind: 'fixed', dueAt: '2026-12-24T16:59:59.999Z', dueDate: '2026-12-24' }, dueAt: '2026-12-24T16:59:59.999Z', target: { type: 'units', unitIds: ['5', '1'] }, parentAssignmentId: null },
    ],
  });

  const countFor = async (planId: string) =>
    (await bed.rpc<AssignmentPage>(RpcPatterns.assignments.list, { actor: actor(tree[0], 'admin'), planId, pageSize: 1 })).total;

  beforeAll(async () => {
    bed = await startServices([{ name: 'assignments', schema: SCHEMA, migrations, module: (env) => AppModule.forRoot(loadConfig(assignmentsEnv, env)) }]);
    nc = await connect({ servers: bed.nats.url });
    await publish(EventSubjects.unitsUpserted, { directoryVersion: 1, chunk: 0, chunkCount: 1, units: tree });
  });

  afterAll(async () => {
    await nc?.close();
    await bed?.close();
  });

  it('waits for the tree version a plan was issued against, then creates one assignment per (task, unit)', async () => {
    const event = planEvent(2);
    await publish(EventSubjects.planIssued, event);
    // Version 2 (a new cell under D1) has not arrived: nothing may be created from an old tree.
    await expectEventually(async () => {
      const [{ n }] = await bed.dataSource.query('SELECT count(*)::int AS n FROM directory_versions');
      expect(n).toBe(1);
    });
    expect(await countFor(event.plan.id)).toBe(0);

    await publish(EventSubjects.unitsUpserted, { directoryVersion: 2, chunk: 0, chunkCount: 1, units: [unit(8, 'D1C3', 3, '1.2.3.8', 'chi_bo')] });
    // Task 1 → D1, D2; task 2 → 4 cells; task 3 → unit 5 only (unit 1 is above the issuer).
    await expectEventually(async () => expect(await countFor(event.plan.id)).toBe(7), { timeoutMs: 20_000 });
    const [{ n: events }] = await bed.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox WHERE subject = $1 AND envelope->'data'->>'planId' = $2`,
      [EventSubjects.assignmentsCreated, event.plan.id],
    );
    expect(events).toBe(3);
  });

  it('creates nothing twice when the same plan event arrives again', async () => {
    const event = planEvent(1);
    const envelope = await publish(EventSubjects.planIssued, event);
    await expectEventually(async () => expect(await countFor(event.plan.id)).toBe(7));
    // Same envelope id (a redelivery) and a fresh envelope id for the same plan (a re-issue bug):
    // the inbox stops the first, the (task, unit) unique key the second.
    await publish(EventSubjects.planIssued, event, envelope.id);
    await publish(EventSubjects.planIssued, event);
    await expectEventually(async () => {
      const [{ n }] = await bed.dataSource.query(`SELECT count(*)::int AS n FROM inbox WHERE consumer = 'assignments-plan-issued'`);
      expect(n).toBe(3);
    });
    expect(await countFor(event.plan.id)).toBe(7);
  });

  it('shows each unit its inbox and its subtree, nothing else, and lets only the unit update its work', async () => {
    const [cell1, cell2, district1] = [tree[4], tree[5], tree[2]];
    const inbox = await bed.rpc<AssignmentPage>(RpcPatterns.assignments.inbox, { actor: actor(cell1), pageSize: 50 });
    expect(inbox.items.every((a) => a.unit.code === 'D1C1')).toBe(true);
    // Sorted by deadline, ongoing work last.
    const dues = inbox.items.map((a) => a.dueAt);
    expect(dues[dues.length - 1]).toBeNull();
    expect(dues.filter(Boolean)).toEqual([...dues.filter(Boolean)].sort());

    const subtree = await bed.rpc<AssignmentPage>(RpcPatterns.assignments.list, { actor: actor(district1), pageSize: 200 });
    expect(new Set(subtree.items.map((a) => a.unit.code))).toEqual(new Set(['D1', 'D1C1', 'D1C2', 'D1C3']));

    const mine = inbox.items[0];
    const sibling = await bed.rpcError(RpcPatterns.assignments.get, { actor: actor(cell2), assignmentId: mine.id });
    expect(sibling).toMatchObject({ status: 404, code: 'ASSIGNMENT.NOT_FOUND' });
    const upper = await bed.rpcError(RpcPatterns.assignments.transition, { actor: actor(district1), assignmentId: mine.id, status: 'in_progress' });
    expect(upper.status).toBe(403);
    const inspector = await bed.rpcError(RpcPatterns.assignments.transition, { actor: actor(cell1, 'inspector'), assignmentId: mine.id, status: 'in_progress' });
    expect(inspector.status).toBe(403);

    const noNote = await bed.rpcError(RpcPatterns.assignments.transition, { actor: actor(cell1), assignmentId: mine.id, status: 'done' });
    expect(noNote).toMatchObject({ status: 409, code: 'ASSIGNMENT.RESULT_REQUIRED' });
    const done = await bed.rpc<AssignmentView>(RpcPatterns.assignments.transition, { actor: actor(cell1), assignmentId: mine.id, status: 'done', resultNote: 'Xong' });
    expect(done).toMatchObject({ status: 'done', resultNote: 'Xong' });
    const back = await bed.rpcError(RpcPatterns.assignments.transition, { actor: actor(cell1), assignmentId: mine.id, status: 'in_progress' });
    expect(back).toMatchObject({ status: 409, code: 'ASSIGNMENT.INVALID_TRANSITION' });
    const [{ n }] = await bed.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox WHERE subject = $1 AND envelope->'data'->>'assignmentId' = $2`,
      [EventSubjects.assignmentStatusChanged, mine.id],
    );
    expect(n).toBe(1);

    const filtered = await bed.rpc<AssignmentPage>(RpcPatterns.assignments.inbox, { actor: actor(cell1), status: 'done' });
    expect(filtered.items.map((a) => a.id)).toEqual([mine.id]);
  });
});
