import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { directoryEnv, loadConfig, serviceEnv } from '#config';
import {
  EventSubjects,
  RpcPatterns,
  type Actor,
  type EventEnvelope,
  type ImportUnitsResult,
  type PlanInput,
  type PlanIssuedEvent,
  type PlanPage,
  type PlanView,
} from '#contracts';
import { expectEventually, startServices, type ServiceTestBed } from '#testing';
import { AppModule as DirectoryModule } from '../../directory/src/app.module.js';
import { SCHEMA as DIRECTORY_SCHEMA, migrations as directoryMigrations } from '../../directory/src/migrations/index.js';
import { AppModule } from './app.module.js';
import { SCHEMA, migrations } from './migrations/index.js';

/**
 * The plans service with the real directory it resolves units through, on real Postgres and
 * NATS: drafting with field-level errors, subtree rules, and issuing through the outbox into the
 * JetStream stream.
 */
describe('plans service', () => {
  let bed: ServiceTestBed;
  let admin: Actor;
  let province: Actor;
  let district: Actor;

  const draft = (overrides: Partial<PlanInput> = {}): PlanInput => ({
    symbol: '301-KH/TU',
    title: 'Kế hoạch thực hiện Quy định số 144-QĐ/TW',
    issueDate: '2026-11-21',
    tasks: [
      { number: '1', title: 'Quán triệt', leadUnitCode: 'P', implementing: { type: 'direct-subordinates' }, timeline: 'Hoàn thành trong quý IV/2026' },
      { number: '1.1', title: 'Hội nghị', implementing: { type: 'units', unitCodes: ['D1'] }, timeline: 'trước ngày 25/12/2026' },
      { number: '2', title: 'Báo cáo hằng năm', implementing: { type: 'descendants', kind: 'chi_bo' }, timeline: 'Định kỳ hằng năm (trước ngày 25/11)' },
    ],
    ...overrides,
  });

  const actorFor = (username: string, password: string) => bed.actorFor(username, password);

  beforeAll(async () => {
    bed = await startServices(
      [
        { name: 'plans', schema: SCHEMA, migrations, module: (env) => AppModule.forRoot(loadConfig(serviceEnv, env)) },
        { name: 'directory', schema: DIRECTORY_SCHEMA, migrations: directoryMigrations, module: (env) => DirectoryModule.forRoot(loadConfig(directoryEnv, env)) },
      ],
      { JWT_SECRET: 'x'.repeat(40), ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: 'mat-khau-quan-tri' },
    );
    admin = await actorFor('admin', 'mat-khau-quan-tri');
    const rows = [
      { code: 'P', name: 'Tỉnh ủy', parentCode: 'TW', kind: 'province' },
      { code: 'P2', name: 'Tỉnh ủy khác', parentCode: 'TW', kind: 'province' },
      { code: 'D1', name: 'Huyện ủy 1', parentCode: 'P', kind: 'district' },
      { code: 'D2', name: 'Huyện ủy 2', parentCode: 'P', kind: 'district' },
      { code: 'D1C1', name: 'Chi bộ 1', parentCode: 'D1', kind: 'chi_bo' },
    ];
    await bed.rpc<ImportUnitsResult>(RpcPatterns.directory.importUnits, { actor: admin, rows });
    for (const [username, unitCode] of [['tinh', 'P'], ['huyen', 'D1']]) {
      await bed.rpc(RpcPatterns.directory.createUser, { actor: admin, username, password: 'mat-khau-123', fullName: username, unitCode, role: 'office' });
    }
    province = await actorFor('tinh', 'mat-khau-123');
    district = await actorFor('huyen', 'mat-khau-123');
  });

  afterAll(() => bed?.close());

  it('drafts a plan with resolved units and parsed deadlines', async () => {
    const plan = await bed.rpc<PlanView>(RpcPatterns.plans.create, { actor: province, plan: draft() });
    expect(plan).toMatchObject({ status: 'draft', symbol: '301-KH/TU', number: 301, documentKind: 'KH', issuerCode: 'TU', issuingUnit: { code: 'P' } });
    expect(plan.tasks.map((t) => [t.number, t.deadline.kind])).toEqual([['1', 'fixed'], ['1.1', 'fixed'], ['2', 'recurring']]);
    expect(plan.tasks[0].leadUnit).toMatchObject({ code: 'P', name: 'Tỉnh ủy' });
    expect(plan.tasks[2].deadline).toMatchObject({ kind: 'recurring', every: 'year', month: 11, day: 24, nextDueDate: '2026-11-24' });
  });

  it('reports every problem at once, with field paths and the text quoted', async () => {
    const error = await bed.rpcError(RpcPatterns.plans.create, {
      actor: province,
      plan: draft({
        symbol: '302-KH/TU',
        tasks: [
          { number: '1', title: 'A', implementing: { type: 'units', unitCodes: ['NOPE', 'P2'] }, timeline: 'trước ngày 31/02/2025' },
          { number: '2', title: 'B', timeline: 'quý V/2024' },
        ],
      }),
    });
    expect(error).toMatchObject({ status: 400, code: 'PLAN.INVALID' });
    // Timeline errors come first (no other service is asked until the plan reads well).
    expect(error.fields!.map((f) => f.path)).toEqual(['tasks[0].timeline', 'tasks[1].timeline']);
    expect(error.fields![0].message).toContain('31/02/2025');

    const units = await bed.rpcError(RpcPatterns.plans.create, {
      actor: province,
      plan: draft({ symbol: '303-KH/TU', tasks: [{ number: '1', title: 'A', implementing: { type: 'units', unitCodes: ['NOPE', 'P2'] }, timeline: 'Thường xuyên' }] }),
    });
    expect(units.fields).toEqual([
      { path: 'tasks[0].implementing.unitCodes[0]', message: expect.stringContaining('NOPE') },
      { path: 'tasks[0].implementing.unitCodes[1]', message: expect.stringContaining('không trực thuộc') },
    ]);
  });

  it('keeps each unit to its subtree: no plans for a parent, no reading a parent’s plans', async () => {
    const forParent = await bed.rpcError(RpcPatterns.plans.create, { actor: district, plan: draft({ issuingUnitCode: 'P' }) });
    expect(forParent.fields).toContainEqual({ path: 'issuingUnitCode', message: expect.any(String) });
    const provincePlans = await bed.rpc<PlanPage>(RpcPatterns.plans.list, { actor: province });
    expect(provincePlans.total).toBe(1);
    const districtPlans = await bed.rpc<PlanPage>(RpcPatterns.plans.list, { actor: district });
    expect(districtPlans.total).toBe(0);
    const hidden = await bed.rpcError(RpcPatterns.plans.get, { actor: district, planId: provincePlans.items[0].id });
    expect(hidden).toMatchObject({ status: 404, code: 'PLAN.NOT_FOUND' });
    const member = await bed.rpcError(RpcPatterns.plans.issue, { actor: { ...province, role: 'inspector' }, planId: provincePlans.items[0].id });
    expect(member.status).toBe(403);
  });

  it('refuses a second plan with the same symbol from the same unit', async () => {
    const error = await bed.rpcError(RpcPatterns.plans.create, { actor: province, plan: draft() });
    expect(error).toMatchObject({ status: 409, code: 'PLAN.SYMBOL_TAKEN' });
  });

  it('issues once, freezes the plan and publishes plans.plan.issued to the stream', async () => {
    const [plan] = (await bed.rpc<PlanPage>(RpcPatterns.plans.list, { actor: province })).items;
    const updated = await bed.rpc<PlanView>(RpcPatterns.plans.update, { actor: province, planId: plan.id, plan: draft({ title: 'Tên mới' }) });
    expect(updated.title).toBe('Tên mới');
    const issued = await bed.rpc<PlanView>(RpcPatterns.plans.issue, { actor: province, planId: plan.id });
    expect(issued.status).toBe('issued');
    expect(await bed.rpcError(RpcPatterns.plans.issue, { actor: province, planId: plan.id })).toMatchObject({ status: 409 });
    expect(await bed.rpcError(RpcPatterns.plans.update, { actor: province, planId: plan.id, plan: draft() })).toMatchObject({
      status: 409,
      code: 'PLAN.ALREADY_ISSUED',
    });

    const nc = await connect({ servers: bed.nats.url });
    try {
      const jsm = await jetstreamManager(nc);
      const stored = await expectEventually(async () => {
        const message = await jsm.streams.getMessage(bed.config.NATS_STREAM, { last_by_subj: EventSubjects.planIssued });
        if (!message) throw new Error('plans.plan.issued not in the stream yet');
        return message;
      });
      const event = stored.json<EventEnvelope<string, PlanIssuedEvent>>();
      expect(event.data.plan.id).toBe(plan.id);
      expect(event.data.issuer).toMatchObject({ code: 'P' });
      expect(event.data.directoryVersion).toBeGreaterThanOrEqual(2);
      expect(event.data.tasks.map((t) => t.target)).toEqual([
        { type: 'direct-subordinates' },
        { type: 'units', unitIds: [expect.any(String)] },
        { type: 'descendants', kind: 'chi_bo' },
      ]);
      // The lead / monitoring body travels with each task: escalation step 2 tells it.
      expect(event.data.tasks.map((t) => t.leadUnit?.code ?? null)).toEqual(['P', null, null]);
      expect(stored.header.get('Nats-Msg-Id')).toBe(event.id);
    } finally {
      await nc.close();
    }
  });
});
