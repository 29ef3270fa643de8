import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FlowProducer } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import type { PlanView, UnitImportRow } from '#contracts';
import { REPO_ROOT, startRedisServer, type TestSystem } from '#testing';
import { median, peakRssMiB, timed, until } from '../support/measure.js';
import { figure, type Figure, type ScenarioResult } from '../support/result.js';

/**
 * Scenario 1: one plan task issued at the root of a tree with N leaf units; time from the issue
 * request to the last assignment committed. Baselines in the same run: COPY of N assignment rows
 * into Postgres, and BullMQ's FlowProducer adding one parent with N children (a cascade built on
 * BullMQ alone). Goal: ≤ 2× COPY, faster than FlowProducer.
 */
export async function cascadeScenario(system: TestSystem, size: 'small' | 'full'): Promise<ScenarioResult> {
  const db = new pg.Client({ connectionString: system.db.url });
  await db.connect();
  // A throwaway redis-server for the FlowProducer baseline, so it fills no shared Redis.
  const redis = await startRedisServer({ appendOnly: false });
  const figures: Figure[] = [];
  const notes: string[] = [];
  try {
    const raw: { code: string; name: string; parent: string | null; level: string }[] = JSON.parse(
      readFileSync(join(REPO_ROOT, 'data', 'vn-admin-units-2025.json'), 'utf8'),
    );
    const real: UnitImportRow[] = raw.map((u) => ({ code: u.code, name: u.name, parentCode: u.parent ?? 'TW', kind: u.level }));
    const imported = await timed(() => system.api.post('/api/units/import', { rows: real }));
    figures.push(figure(`import ${real.length} real units (HTTP)`, imported.ms, 'ms'));
    const communes = real.filter((r) => r.kind === 'commune');

    const sizes = size === 'small' ? [communes.length, 10_000] : [communes.length, 100_000, 250_000];
    for (const [index, n] of sizes.entries()) {
      const kind = n === communes.length ? 'commune' : `bench_cell_${n}`;
      if (kind !== 'commune') {
        const cells = syntheticCells(communes, n, kind);
        const imports = await timed(() => importInChunks(system, cells));
        figures.push(figure(`import ${n} synthetic cells (HTTP, 5,000 per request)`, imports.ms, 'ms'));
      }
      // The assignments service's copy of the tree must hold them before the clock starts.
      await until(async () => (await count(db, 'SELECT count(*)::int AS n FROM assignments.units WHERE kind = $1', [kind])) >= n, 600_000, 100);

      const plan = await system.api.post<PlanView>('/api/plans', {
        symbol: `${index + 1}-KH/TW`,
        title: `Kế hoạch đến ${n} đơn vị`,
        issueDate: '2026-11-21',
        tasks: [{ number: '1', title: 'Quán triệt', implementing: { type: 'descendants', kind }, timeline: 'trước ngày 25/12/2026' }],
      });
      const cascade = await timed(async () => {
        await system.api.post(`/api/plans/${plan.id}/issue`);
        await until(async () => (await count(db, 'SELECT count(*)::int AS n FROM assignments.assignments WHERE plan_id = $1', [plan.id])) >= n, 600_000, n > 50_000 ? 50 : 5);
      });
      const copy = median([await copyBaseline(db, n), await copyBaseline(db, n), await copyBaseline(db, n)]);
      const flow = await flowProducerBaseline(redis.url, n);
      figures.push(
        figure(`cascade to ${n} units vs COPY`, cascade.ms, 'ms', { name: `COPY ${n} rows`, value: copy }, { text: '≤ 2×', met: (r) => r <= 2 }),
        figure(`cascade to ${n} units vs FlowProducer`, cascade.ms, 'ms', { name: `FlowProducer 1+${n}`, value: flow }, { text: '< 1×', met: (r) => r < 1 }),
      );
    }
    notes.push('cascade = HTTP issue → plans outbox → JetStream → assignments consumer → INSERT…SELECT committed (polled every 5–50 ms)');
    return {
      scenario: 'cascade',
      size,
      figures,
      notes,
      peakRssMiB: Object.fromEntries(Object.values(system.processes).map((p) => [p.name, peakRssMiB(p.pid())])),
    };
  } finally {
    await db.end();
    await redis.destroy();
  }
}

/** n cells spread evenly over the communes, with a kind of their own so a selector finds exactly them. */
function syntheticCells(communes: UnitImportRow[], n: number, kind: string): UnitImportRow[] {
  return Array.from({ length: n }, (_, i) => {
    const commune = communes[i % communes.length];
    return { code: `${commune.code}-${kind}-${Math.floor(i / communes.length)}`, name: `Chi bộ ${i + 1}`, parentCode: commune.code, kind };
  });
}

async function importInChunks(system: TestSystem, rows: UnitImportRow[], chunk = 5_000): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) await system.api.post('/api/units/import', { rows: rows.slice(i, i + chunk) });
}

async function count(db: pg.Client, sql: string, params: unknown[]): Promise<number> {
  return (await db.query(sql, params)).rows[0].n;
}

/** COPY of n rows shaped like assignments, into a table with the same indexes: the write floor. */
async function copyBaseline(db: pg.Client, n: number): Promise<number> {
  await db.query('DROP TABLE IF EXISTS public.bench_copy');
  await db.query('CREATE TABLE public.bench_copy (LIKE assignments.assignments INCLUDING DEFAULTS INCLUDING INDEXES)');
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    lines.push(`${crypto.randomUUID()}\t${crypto.randomUUID()}\t1-KH/TW\tKế hoạch\t${crypto.randomUUID()}\t1\tQuán triệt\ttrước ngày 25/12/2026\tfixed\t2026-12-24T16:59:59.999Z\t${i + 1}\t1`);
  }
  const payload = `${lines.join('\n')}\n`;
  const { ms } = await timed(
    () =>
      new Promise<void>((resolve, reject) => {
        const stream = db.query(
          copyStreams.from(
            'COPY public.bench_copy (id, plan_id, plan_symbol, plan_title, task_id, task_number, task_title, timeline, deadline_kind, due_at, unit_id, assigner_unit_id) FROM STDIN',
          ),
        );
        stream.on('finish', resolve);
        stream.on('error', reject);
        stream.end(payload);
      }),
  );
  await db.query('DROP TABLE public.bench_copy');
  return ms;
}

/** A cascade on BullMQ alone: one parent job and a child job per unit, added as one flow. */
async function flowProducerBaseline(url: string, n: number): Promise<number> {
  const connection = new Redis(url, { maxRetriesPerRequest: null });
  const flows = new FlowProducer({ connection, prefix: 'bench' });
  try {
    const children = Array.from({ length: n }, (_, i) => ({ name: 'assign', queueName: 'bench-assign', data: { unitId: i + 1 } }));
    const { ms } = await timed(() => flows.add({ name: 'plan', queueName: 'bench-plan', data: { planId: 'bench' }, children }));
    return ms;
  } finally {
    await flows.close();
    await connection.flushall();
    connection.disconnect();
  }
}
