import { randomUUID } from 'node:crypto';
import { loadConfig, reportingEnv } from '#config';
import { RATING_LEVELS, type AssignmentStatus, type EventEnvelope, type Figures, type UnitRecord } from '#contracts';
import { startServices, type ServiceTestBed } from '#testing';
import { AppModule } from '../app.module.js';
import { AssignmentEventsHandler } from '../assignments-sync/assignment-events.handler.js';
import { SCHEMA, migrations } from '../migrations/index.js';
import { PlanIssuedHandler } from '../obligations/plan-issued.handler.js';
import { RatingsService } from '../ratings/ratings.service.js';
import { ReportsService } from '../reports/reports.service.js';
import { actorOf, planEvent, unit } from '../testing/fixtures.js';
import { lockTreeExclusive } from '../tree/tree-lock.js';
import { applyUnitsChunk } from '../tree/units-copy.js';
import { rebuildAll, snapshotRollups } from './rollup.sql.js';

/** A small deterministic PRNG (mulberry32), so a failing run can be replayed from its seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(list: T[]) => list[Math.floor(next() * list.length)] };
}

const envelope = <T>(data: T, occurredAt = new Date().toISOString()): EventEnvelope<string, T> => ({
  id: randomUUID(), type: 'test', version: 1, occurredAt, correlationId: randomUUID(), causationId: null, data,
});

/**
 * Rebuild equals incremental: hundreds of random operations of every kind the service handles —
 * submissions, returns, resubmissions, acceptances, assignments created and finished (some late,
 * some out of order), ratings changed, units added midway, units moved between subtrees, a unit
 * changing kind — each maintained incrementally; at checkpoints every roll-up table is recomputed
 * from the facts alone and must be identical, row for row.
 */
describe('roll-ups: rebuild from the facts equals the incremental result', () => {
  let bed: ServiceTestBed;
  const seed = Number(process.env.ROLLUP_SEED ?? 20261121);
  const random = prng(seed);

  beforeAll(async () => {
    bed = await startServices([{ name: 'reporting', schema: SCHEMA, migrations, module: (env) => AppModule.forRoot(loadConfig(reportingEnv, env)) }]);
  }, 60_000);
  afterAll(() => bed?.close());

  it(`holds through a random history (seed ${seed})`, async () => {
    const get = <T>(type: new (...args: never[]) => T) => bed.apps[0].get(type);
    const [plans, assignmentEvents, reports, ratings] = [get(PlanIssuedHandler), get(AssignmentEventsHandler), get(ReportsService), get(RatingsService)];
    const ds = bed.dataSource;

    // The tree: a province, 4 grassroots committees, 3–5 cells under each.
    let version = 1;
    let nextId = 100;
    const units = new Map<string, UnitRecord>();
    const add = (u: UnitRecord) => units.set(u.id, u);
    add(unit(1, 'TW', null, 'central'));
    add(unit(2, 'P', '1', 'province'));
    const districts = [3, 4, 5, 6].map((id) => unit(id, `D${id}`, '1.2', 'co_so'));
    districts.forEach(add);
    for (const d of districts) for (let i = 0; i < 3 + random.int(3); i++) add(unit(nextId, `C${nextId++}`, d.path, 'chi_bo'));
    await ds.transaction((m) => applyUnitsChunk(m, { directoryVersion: version, chunk: 0, chunkCount: 1, units: [...units.values()] }));

    const P = units.get('2')!;
    const event = planEvent(P, version);
    const planId = event.plan.id;
    const periods = [event.yearly.previous, event.yearly.current];
    await ds.transaction((m) => plans.handle(envelope(event), m));

    const cells = () => [...units.values()].filter((u) => u.kind === 'chi_bo');
    const parentOf = (u: UnitRecord) => units.get(u.parentId!)!;
    const assignments: { id: string; unit: string; due: string | null }[] = [];
    const past = Date.now() - 10 * 86_400_000;
    const future = Date.now() + 30 * 86_400_000;

    const operations: Record<string, () => Promise<unknown>> = {
      async submit() {
        const cell = random.pick(cells());
        const period = random.pick(periods);
        const [report] = await ds.query(`SELECT id, status FROM reports WHERE unit_id = $1 AND period_key = $2`, [cell.id, period]);
        if (!report || !['pending', 'draft', 'returned'].includes(report.status)) return;
        const members = 1 + random.int(60);
        const figures: Figures = { dang_vien: members, quan_triet: random.int(members + 1) };
        if (random.next() < 0.8) figures.vi_pham = random.int(Math.ceil(members / 5));
        if (random.next() < 0.7) figures.hoi_nghi = random.next() < 0.6;
        if (random.next() < 0.7) figures.ty_le_sinh_hoat = random.int(1001) / 10;
        if (random.next() < 0.3) figures.ghi_chu = 'Không có vướng mắc';
        await reports.submit({ actor: actorOf(cell), reportId: report.id, figures, idempotencyKey: randomUUID() });
      },
      async review() {
        const [report] = await ds.query(
          `SELECT r.id, r.unit_id::text AS unit_id FROM reports r WHERE r.status IN ('submitted', 'resubmitted') ORDER BY r.id LIMIT 1 OFFSET $1`,
          [random.int(5)],
        );
        if (!report) return;
        const decision = random.next() < 0.4 ? 'return' : 'accept';
        await reports.review({ actor: actorOf(parentOf(units.get(report.unit_id)!)), reportId: report.id, decision, reason: 'Số liệu chưa khớp' });
      },
      async assign() {
        const taskId = randomUUID();
        const chosen = cells().filter(() => random.next() < 0.5);
        const due = random.next() < 0.2 ? null : new Date(random.next() < 0.5 ? past : future).toISOString();
        const batch = chosen.map((c) => ({ id: randomUUID(), unitId: c.id, dueAt: due }));
        batch.forEach((a) => assignments.push({ id: a.id, unit: a.unitId, due }));
        await ds.transaction((m) => assignmentEvents.created(envelope({ planId, taskId, assignments: batch }), m));
      },
      async progress() {
        if (!assignments.length) return;
        const a = random.pick(assignments);
        const [row] = await ds.query('SELECT status FROM assignments WHERE id = $1', [a.id]);
        const order: AssignmentStatus[] = ['new', 'acknowledged', 'in_progress', 'done'];
        const from = row.status as AssignmentStatus;
        if (from === 'done') return;
        const to = order[order.indexOf(from) + 1 + random.int(order.length - 1 - order.indexOf(from))];
        const at = new Date(a.due ? new Date(a.due).getTime() + (random.next() < 0.5 ? -1 : 1) * 86_400_000 : Date.now()).toISOString();
        await ds.transaction((m) =>
          assignmentEvents.statusChanged(envelope({ assignmentId: a.id, planId, taskId: randomUUID(), unitId: a.unit, from, to, resultNote: null, changedBy: 'x' }, at), m),
        );
      },
      async rate() {
        const target = random.pick([...cells(), ...districts.map((d) => units.get(d.id)!)]);
        await ratings.rate({ actor: actorOf(P), unitCode: target.code, period: event.yearly.current, level: random.pick([...RATING_LEVELS]) });
      },
      async addUnit() {
        const district = units.get(random.pick(districts).id)!;
        const cell = unit(nextId, `C${nextId++}`, district.path, 'chi_bo');
        add(cell);
        version++;
        await ds.transaction((m) => applyUnitsChunk(m, { directoryVersion: version, chunk: 0, chunkCount: 1, units: [cell] }));
      },
      async move() {
        const cell = random.pick(cells());
        const to = units.get(random.pick(districts).id)!;
        if (cell.parentId === to.id) return;
        const moved = { ...cell, parentId: to.id, path: `${to.path}.${cell.id}` };
        add(moved);
        version++;
        await ds.transaction((m) => applyUnitsChunk(m, { directoryVersion: version, chunk: 0, chunkCount: 1, units: [moved] }));
      },
      async changeKind() {
        const district = units.get(random.pick(districts).id)!;
        const changed = { ...district, kind: district.kind === 'co_so' ? 'dang_bo_bo_phan' : 'co_so' };
        add(changed);
        version++;
        await ds.transaction((m) => applyUnitsChunk(m, { directoryVersion: version, chunk: 0, chunkCount: 1, units: [changed] }));
      },
    };
    const weights: [string, number][] = [['submit', 30], ['review', 15], ['assign', 6], ['progress', 25], ['rate', 12], ['addUnit', 4], ['move', 6], ['changeKind', 2]];
    const total = weights.reduce((sum, [, w]) => sum + w, 0);
    const choose = () => {
      let r = random.int(total);
      for (const [name, w] of weights) if ((r -= w) < 0) return name;
      return weights[0][0];
    };

    const done: Record<string, number> = {};
    for (let step = 1; step <= 400; step++) {
      const name = choose();
      await operations[name]();
      done[name] = (done[name] ?? 0) + 1;
      if (step % 100 === 0) {
        const before = await snapshotRollups(ds.manager);
        const result = await ds.transaction(async (m) => {
          await lockTreeExclusive(m);
          return rebuildAll(m);
        });
        expect({ step, differences: result.differences }).toEqual({ step, differences: 0 });
        expect(await snapshotRollups(ds.manager)).toEqual(before);
      }
    }
    // The history did exercise everything it claims to.
    for (const [name] of weights) expect({ name, count: done[name] ?? 0 }).toEqual({ name, count: expect.any(Number) });
    const [{ returned, resubmitted, late }] = await ds.query(
      `SELECT (SELECT count(*) FROM report_versions WHERE review->>'decision' = 'returned')::int AS returned,
         (SELECT count(*) FROM report_versions WHERE status = 'resubmitted')::int AS resubmitted,
         (SELECT count(*) FROM assignments WHERE status = 'done' AND done_at > due_at)::int AS late`,
    );
    expect(Math.min(returned, resubmitted, late, done.move ?? 0, done.addUnit ?? 0)).toBeGreaterThan(0);
  }, 120_000);
});
