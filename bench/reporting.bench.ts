import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Actor, EventEnvelope, UnitRecord } from '#contracts';
import type { EventBus } from '#messaging';
import { createServiceDataSource, migrateSchema } from '#persistence';
import { systemClock } from '#deadlines';
import { REPO_ROOT, createTestDatabase } from '#testing';
import { AssignmentEventsHandler } from '../apps/reporting/src/assignments-sync/assignment-events.handler.js';
import { ExportsService } from '../apps/reporting/src/exports/exports.service.js';
import { DEFAULT_REPORT_TEMPLATE } from '../apps/reporting/src/exports/report-template.js';
import { SCHEMA, migrations } from '../apps/reporting/src/migrations/index.js';
import { ReportDeadlineFiring } from '../apps/reporting/src/deadlines/report-deadline-firing.js';
import { ReportPolicies } from '../apps/reporting/src/deadlines/report-policies.js';
import type { ReportDeadlineQueue } from '../apps/reporting/src/deadlines/report-deadline-queue.js';
import { PeriodOpener } from '../apps/reporting/src/obligations/period-opener.js';
import { PlanIssuedHandler } from '../apps/reporting/src/obligations/plan-issued.handler.js';
import { ProgressService } from '../apps/reporting/src/progress/progress.service.js';
import { ReportsRepository } from '../apps/reporting/src/reports/reports.repository.js';
import { ReportsService } from '../apps/reporting/src/reports/reports.service.js';
import { SubmissionBatcher } from '../apps/reporting/src/reports/submission-batcher.js';
import { rebuildAll } from '../apps/reporting/src/rollup/rollup.sql.js';
import { planEvent } from '../apps/reporting/src/testing/fixtures.js';
import { lockTreeExclusive } from '../apps/reporting/src/tree/tree-lock.js';
import { applyUnitsChunk } from '../apps/reporting/src/tree/units-copy.js';

/**
 * The reporting service's read side on a tree of 100,000 cells (province → 50 districts → 20
 * communes each → 100 cells each), every cell with an assignment and two expected yearly reports:
 * how long a subtree summary and a page of the progress tree take at each level, how long the
 * writes take (tree copy, expected reports, assignments, status changes, submissions), and a full
 * rebuild, which must find no difference. Services run in-process on a fresh database, so the
 * times are the service's own (no NATS hop). `npm run bench:reporting`; BENCH_CELLS scales it.
 */
const log = (line: string) => console.log(`[bench] ${line}`);
const CELLS_PER_COMMUNE = Math.max(1, Math.round(Number(process.env.BENCH_CELLS ?? 100_000) / 1000));
const DISTRICTS = 50;
const COMMUNES = 20;
const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS ?? 3000);
const DONE = Number(process.env.BENCH_DONE ?? 5000);
const SAMPLES = 30;

const bus = { subscribe: () => undefined, published: () => undefined } as unknown as EventBus;
const envelope = <T>(data: T, occurredAt = new Date().toISOString()): EventEnvelope<string, T> => ({
  id: randomUUID(), type: 'bench', version: 1, occurredAt, correlationId: randomUUID(), causationId: null, data,
});
const actor = (u: UnitRecord): Actor => ({ userId: randomUUID(), username: u.code, role: 'office', unitId: u.id, unitCode: u.code, unitPath: u.path });

async function time<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => Number(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(1));
  return { p50: at(0.5), p95: at(0.95), max: at(1) };
}

async function sample(work: () => Promise<unknown>) {
  await work();
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i++) samples.push((await time(work))[1]);
  return stats(samples);
}

const db = await createTestDatabase('bench_reporting');
const ds: DataSource = await createServiceDataSource({ url: db.url, schema: SCHEMA, migrations, poolSize: 4 }).initialize();
try {
  await migrateSchema(ds, SCHEMA);

  // The tree, as the directory sends it: 1,000 units per event.
  let id = 1;
  const units: UnitRecord[] = [];
  const add = (code: string, parent: UnitRecord | null, kind: string, name: string) => {
    const n = id++;
    const u: UnitRecord = { id: String(n), code, name, kind, parentId: parent?.id ?? null, path: parent ? `${parent.path}.${n}` : String(n) };
    units.push(u);
    return u;
  };
  const root = add('TW', null, 'central', 'Trung ương');
  const province = add('P', root, 'province', 'Tỉnh ủy');
  const districts: UnitRecord[] = [];
  const communes: UnitRecord[] = [];
  const cells: UnitRecord[] = [];
  for (let d = 1; d <= DISTRICTS; d++) {
    const district = add(`D${d}`, province, 'district', `Huyện ủy ${d}`);
    districts.push(district);
    for (let c = 1; c <= COMMUNES; c++) {
      const commune = add(`D${d}X${c}`, district, 'commune', `Đảng ủy xã ${c} huyện ${d}`);
      communes.push(commune);
      for (let k = 1; k <= CELLS_PER_COMMUNE; k++) cells.push(add(`D${d}X${c}C${k}`, commune, 'chi_bo', `Chi bộ ${k} xã ${c} huyện ${d}`));
    }
  }
  const [, treeMs] = await time(async () => {
    for (let start = 0, chunk = 0; start < units.length; start += 1000, chunk++) {
      await ds.transaction((m) =>
        applyUnitsChunk(m, { directoryVersion: 1, chunk, chunkCount: Math.ceil(units.length / 1000), units: units.slice(start, start + 1000) }),
      );
    }
  });
  log(`tree copy: ${units.length} units (${cells.length} cells) in ${treeMs.toFixed(0)} ms`);

  const event = planEvent(province, 1);
  const planId = event.plan.id;
  // The expansion is measured; the reports' deadline timers (Redis) are not part of it.
  const policies = new ReportPolicies({ defaultPolicy: { remindersMs: [7 * 86_400_000], escalationsMs: [3 * 86_400_000] } });
  const noTimers = { ensure: async () => true } as unknown as ReportDeadlineQueue;
  const issuePlan = new PlanIssuedHandler(bus, new PeriodOpener(policies), noTimers, systemClock);
  const [, issueMs] = await time(() => ds.transaction((m) => issuePlan.handle(envelope(event), m)));
  const [{ n: expected }] = await ds.query('SELECT count(*)::int AS n FROM reports');
  log(`plan issued: ${expected} expected reports (2 yearly periods × cells + 1 per district) in ${issueMs.toFixed(0)} ms`);

  const handler = new AssignmentEventsHandler(bus);
  const ids = cells.map(() => randomUUID());
  const taskId = randomUUID();
  const due = new Date(Date.now() + 20 * 86_400_000).toISOString();
  const [, assignMs] = await time(async () => {
    for (let start = 0; start < cells.length; start += 1000) {
      const assignments = cells.slice(start, start + 1000).map((c, i) => ({ id: ids[start + i], unitId: c.id, dueAt: due }));
      await ds.transaction((m) => handler.created(envelope({ planId, taskId, assignments }), m));
    }
  });
  log(`assignments: ${cells.length} in ${cells.length / 1000} events, ${assignMs.toFixed(0)} ms`);

  const doneTimes: number[] = [];
  for (let i = 0; i < Math.min(DONE, cells.length); i++) {
    const k = (i * 7919) % cells.length;
    const data = { assignmentId: ids[k], planId, taskId, unitId: cells[k].id, from: 'new' as const, to: 'done' as const, resultNote: null, changedBy: 'bench' };
    doneTimes.push((await time(() => ds.transaction((m) => handler.statusChanged(envelope(data), m))))[1]);
  }
  log(`status changes: ${doneTimes.length}, per event ${JSON.stringify(stats(doneTimes))} ms`);

  const reports = new ReportsService(ds, new ReportsRepository(ds), bus, new SubmissionBatcher(ds, bus));
  const submitTimes: number[] = [];
  const reportRows: { id: string; unit_id: string }[] = await ds.query(
    `SELECT id, unit_id::text AS unit_id FROM reports WHERE period_key = $1 ORDER BY unit_id LIMIT $2`,
    [event.yearly.current, SUBMISSIONS],
  );
  const byId = new Map(cells.map((c) => [c.id, c]));
  for (const [i, row] of reportRows.entries()) {
    const members = 10 + (i % 40);
    const figures = { dang_vien: members, quan_triet: members - (i % 3), vi_pham: i % 5 === 0 ? 1 : 0, hoi_nghi: i % 4 !== 0, ty_le_sinh_hoat: 80 + (i % 21) };
    submitTimes.push((await time(() => reports.submit({ actor: actor(byId.get(row.unit_id)!), reportId: row.id, figures, idempotencyKey: randomUUID() })))[1]);
  }
  log(`submissions: ${submitTimes.length}, each ${JSON.stringify(stats(submitTimes))} ms`);

  // Report deadlines: at this year's deadline every report not yet submitted is overdue, and last
  // year's (received late at issue) reach their first escalation. The firing (state, history and
  // notice events, set-based) against a bare UPDATE of the same rows, in the same run.
  const watched = async () => (await ds.query('SELECT count(*)::int AS n FROM reports WHERE next_at IS NOT NULL'))[0].n as number;
  const lateClock = { now: () => Date.now() };
  const firing = new ReportDeadlineFiring(ds, policies, noTimers, bus, lateClock);
  await firing.fireDue(); // the closed year's reports, received late: told at once
  const [{ due_at: currentDue }] = await ds.query('SELECT due_at FROM report_periods WHERE period_key = $1 LIMIT 1', [event.yearly.current]);
  lateClock.now = () => currentDue.getTime() + 1;
  const pending = await watched();
  const [, bareMs] = await time(() => ds.query('UPDATE reports SET next_step = next_step WHERE next_at <= $1', [new Date(lateClock.now())]));
  const [overdue, overdueMs] = await time(() => firing.fireDue());
  log(
    `report deadlines: ${overdue.fired} steps fired (this year's overdue notices, last year's first escalation), ${overdue.events} events, ` +
      `in ${overdueMs.toFixed(0)} ms; bare UPDATE of the same rows ${bareMs.toFixed(0)} ms (${(overdueMs / bareMs).toFixed(1)}×); ${pending} watched`,
  );

  const progress = new ProgressService(ds);
  const exports = new ExportsService(ds, progress, DEFAULT_REPORT_TEMPLATE);
  const read = { actor: actor(root), planId, obligation: 'BC1', period: event.yearly.current };
  const levels = { province, district: districts[0], commune: communes[0], cell: cells[0] };
  const summaries: Record<string, ReturnType<typeof stats>> = {};
  const trees: Record<string, ReturnType<typeof stats>> = {};
  for (const [level, unit] of Object.entries(levels)) {
    summaries[level] = await sample(() => progress.summary({ ...read, unitCode: unit.code }));
    if (level !== 'cell') trees[level] = await sample(() => progress.tree({ ...read, unitCode: unit.code, pageSize: 100 }));
  }
  log(`summary (one unit's whole subtree): ${JSON.stringify(summaries)} ms`);
  log(`progress tree, a page of 100 children: ${JSON.stringify(trees)} ms`);
  const check = await progress.summary({ ...read, unitCode: province.code });
  const xlsx = await sample(() => exports.export({ ...read, unitCode: communes[0].code, format: 'xlsx' }));
  const docx = await sample(() => exports.export({ ...read, unitCode: communes[0].code, format: 'docx' }));
  log(`export of a commune (${CELLS_PER_COMMUNE} rows): xlsx ${JSON.stringify(xlsx)} ms, docx ${JSON.stringify(docx)} ms`);

  const [rebuild, rebuildMs] = await time(() =>
    ds.transaction(async (m) => {
      await lockTreeExclusive(m);
      return rebuildAll(m);
    }),
  );
  log(`rebuild from facts: ${rebuildMs.toFixed(0)} ms, ${rebuild.differences} rows differed, rows ${JSON.stringify(rebuild.rows)}`);
  if (rebuild.differences !== 0) throw new Error('rebuild differs from the incremental roll-up');

  const result = {
    scenario: 'reporting',
    machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30) },
    tree: { units: units.length, cells: cells.length, copyMs: Math.round(treeMs) },
    writes: {
      expectedReports: expected,
      issueMs: Math.round(issueMs),
      assignments: cells.length,
      assignmentsMs: Math.round(assignMs),
      statusChangeMs: stats(doneTimes),
      submissions: submitTimes.length,
      submitMs: stats(submitTimes),
      reportDeadlineSteps: overdue.fired,
      reportDeadlineEvents: overdue.events,
      reportDeadlineStepsMs: Math.round(overdueMs),
      bareUpdateSameRowsMs: Math.round(bareMs),
    },
    reads: { samples: SAMPLES, summaryMs: summaries, treePageOf100Ms: trees, exportCommuneXlsxMs: xlsx, exportCommuneDocxMs: docx },
    provinceCheck: {
      received: check.reporting.find((r) => r.obligationCode === 'BC1' && r.period === event.yearly.current)?.received,
      done: check.assignments.done,
    },
    rebuild: { ms: Math.round(rebuildMs), differences: rebuild.differences, rows: rebuild.rows },
  };
  mkdirSync(join(REPO_ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(join(REPO_ROOT, 'bench', 'results', 'reporting.json'), `${JSON.stringify(result, null, 2)}\n`);
} finally {
  await ds.destroy();
  // BENCH_KEEP=1 leaves the database for EXPLAIN ANALYZE (its URL is printed).
  if (process.env.BENCH_KEEP) log(`kept ${db.url}`);
  else await db.drop();
}
