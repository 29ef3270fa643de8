import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { ImportUnitsResult, PlanView, UnitImportRow } from '#contracts';
import { REPO_ROOT, startSystem } from '#testing';

/**
 * The spine's two figures, through the HTTP API against the services as real processes:
 * importing the 3,355 real units, and cascading one plan task to all 3,321 communes (from the
 * issue request to the last assignment committed). Baseline in the same run: COPY of as many
 * assignment-shaped rows into Postgres, the floor for writing that many rows at all.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const log = (line: string) => console.log(`[bench] ${line}`);

const raw: { code: string; name: string; parent: string | null; level: string }[] = JSON.parse(
  readFileSync(join(REPO_ROOT, 'data', 'vn-admin-units-2025.json'), 'utf8'),
);
const rows: UnitImportRow[] = raw.map((u) => ({ code: u.code, name: u.name, parentCode: u.parent ?? 'TW', kind: u.level }));
const communes = rows.filter((r) => r.kind === 'commune').length;

const system = await startSystem();
const db = new pg.Client({ connectionString: system.db.url });
await db.connect();
try {
  let started = performance.now();
  const first = await system.api.post<ImportUnitsResult>('/api/units/import', { rows });
  const importMs = performance.now() - started;
  started = performance.now();
  const again = await system.api.post<ImportUnitsResult>('/api/units/import', { rows });
  const reimportMs = performance.now() - started;
  log(`import ${first.total} units: ${importMs.toFixed(0)} ms (created ${first.created}); re-import: ${reimportMs.toFixed(0)} ms (unchanged ${again.unchanged})`);

  const cascades: number[] = [];
  const copies: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const plan = await system.api.post<PlanView>('/api/plans', {
      symbol: `${run + 1}-KH/TW`,
      title: 'Kế hoạch đến mọi xã, phường, đặc khu',
      issueDate: '2026-11-21',
      tasks: [{ number: '1', title: 'Quán triệt', implementing: { type: 'descendants', kind: 'commune' }, timeline: 'trước ngày 25/12/2026' }],
    });
    started = performance.now();
    await system.api.post(`/api/plans/${plan.id}/issue`);
    for (;;) {
      const { rows: [row] } = await db.query('SELECT count(*)::int AS n FROM assignments.assignments WHERE plan_id = $1', [plan.id]);
      if (row.n >= communes) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    cascades.push(performance.now() - started);
    copies.push(await copyBaseline(db, communes));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const result = {
    scenario: 'spine',
    machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30) },
    importUnits: { units: first.total, ms: Math.round(importMs), reimportMs: Math.round(reimportMs) },
    cascade: {
      assignments: communes,
      medianMs: Math.round(median(cascades)),
      copyBaselineMedianMs: Math.round(median(copies)),
      ratioToCopy: Number((median(cascades) / median(copies)).toFixed(2)),
      runs: cascades.map(Math.round),
    },
  };
  log(`cascade to ${communes} communes: median ${result.cascade.medianMs} ms; COPY of ${communes} rows: ${result.cascade.copyBaselineMedianMs} ms; ratio ${result.cascade.ratioToCopy}×`);
  mkdirSync(join(REPO_ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(join(REPO_ROOT, 'bench', 'results', 'spine.json'), `${JSON.stringify(result, null, 2)}\n`);
} finally {
  await db.end();
  await system.stop();
}

/** COPY of n rows shaped like assignments into an unlogged-free plain table: the write floor. */
async function copyBaseline(client: pg.Client, n: number): Promise<number> {
  await client.query('DROP TABLE IF EXISTS public.bench_copy');
  await client.query('CREATE TABLE public.bench_copy (LIKE assignments.assignments INCLUDING DEFAULTS INCLUDING INDEXES)');
  const lines = Array.from({ length: n }, (_, i) =>
    [crypto.randomUUID(), crypto.randomUUID(), '1-KH/TW', 'Kế hoạch', crypto.randomUUID(), '1', 'Quán triệt', 'trước ngày 25/12/2026', 'fixed', '2026-12-24T16:59:59.999Z', i + 1, 1].join('\t'),
  ).join('\n');
  const { from } = await import('pg-copy-streams');
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const stream = client.query(
      from('COPY public.bench_copy (id, plan_id, plan_symbol, plan_title, task_id, task_number, task_title, timeline, deadline_kind, due_at, unit_id, assigner_unit_id) FROM STDIN'),
    );
    stream.on('finish', resolve);
    stream.on('error', reject);
    stream.end(`${lines}\n`);
  });
  const ms = performance.now() - started;
  await client.query('DROP TABLE public.bench_copy');
  return ms;
}
