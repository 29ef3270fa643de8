import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { DateTime } from 'luxon';
import pg from 'pg';
import { QueueNames, type PlanView, type UnitImportRow } from '#contracts';
import { REPO_ROOT, startSystem } from '#testing';

/**
 * A deadline storm: one national plan task cascaded to 100,000 cells, all sharing one deadline,
 * through the HTTP API against every service as a real process (own Postgres database, NATS and
 * redis-server). Measures
 * - Redis memory per tracked assignment (timers are per distinct instant, so ~0), against the
 *   memory one delayed BullMQ job per assignment would take (the design this avoids);
 * - for each step (overdue notice, escalations 1–3): latency from the step's instant to the last of
 *   the 100,000 history rows committed, and to the last notice published to JetStream.
 *
 *   npm run bench:deadlines            (BENCH_CELLS=100000 BENCH_GRACE=30 by default)
 */
const CELLS = Number(process.env.BENCH_CELLS ?? 100_000);
const GRACE_S = Number(process.env.BENCH_GRACE ?? 30);
const log = (line: string) => console.log(`[bench] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const raw: { code: string; name: string; parent: string | null; level: string }[] = JSON.parse(
  readFileSync(join(REPO_ROOT, 'data', 'vn-admin-units-2025.json'), 'utf8'),
);
const base: UnitImportRow[] = raw.map((u) => ({ code: u.code, name: u.name, parentCode: u.parent ?? 'TW', kind: u.level }));
const communes = base.filter((r) => r.kind === 'commune');
const cells: UnitImportRow[] = [];
for (let i = 0; i < CELLS; i++) {
  const commune = communes[i % communes.length];
  cells.push({ code: `${commune.code}-CB${String(Math.floor(i / communes.length) + 1).padStart(3, '0')}`, name: `Chi bộ ${i + 1}`, parentCode: commune.code, kind: 'chi_bo' });
}

const system = await startSystem({
  DEADLINE_REMINDERS: '',
  DEADLINE_ESCALATIONS: `${GRACE_S}s,${2 * GRACE_S}s,${3 * GRACE_S}s`,
  // The timers fire the steps; the sweep is the safety net, kept out of the way here.
  DEADLINE_SWEEP_INTERVAL: '10m',
  RPC_TIMEOUT_MS: '120000',
});
const db = new pg.Client({ connectionString: system.db.url });
await db.connect();
const redis = system.redis!;
const prefix = system.env.QUEUE_PREFIX;
const deadlines = new Queue(QueueNames.assignmentDeadlines, { prefix, connection: { url: redis.url } });
const count = async (sql: string, params: unknown[] = []): Promise<number> => (await db.query(sql, params)).rows[0].n;

try {
  let started = performance.now();
  // Over NATS request-reply (1 MB payloads): the tree in slices.
  for (let i = 0; i < base.length + cells.length; i += 5000) {
    const rows = [...base, ...cells].slice(i, i + 5000);
    await system.api.post('/api/units/import', { rows });
  }
  await waitFor(async () => (await count(`SELECT count(*)::int AS n FROM assignments.units WHERE kind = 'chi_bo'`)) >= CELLS, 300_000);
  log(`tree: ${base.length} units + ${CELLS} cells imported and copied in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const memoryBefore = await redis.usedMemory();
  // Due 60 s after issue, to the second: time for the cascade, then the storm.
  const due = DateTime.now().setZone('Asia/Ho_Chi_Minh').plus({ seconds: 60 }).startOf('second');
  const plan = await system.api.post<PlanView>('/api/plans', {
    symbol: '100-KH/TW',
    title: 'Kế hoạch đến mọi chi bộ',
    issueDate: DateTime.now().setZone('Asia/Ho_Chi_Minh').toISODate(),
    tasks: [{ number: '1', title: 'Báo cáo', implementing: { type: 'descendants', kind: 'chi_bo' }, timeline: `trước ${due.toFormat('HH:mm:ss')} ngày ${due.toFormat('dd/MM/yyyy')}` }],
  });
  started = performance.now();
  await system.api.post(`/api/plans/${plan.id}/issue`);
  await waitFor(async () => (await count('SELECT count(*)::int AS n FROM assignments.due_items WHERE plan_id = $1', [plan.id])) >= CELLS, 120_000);
  const cascadeMs = performance.now() - started;
  await waitFor(async () => (await deadlines.getJobCounts('delayed')).delayed >= 1, 10_000);
  const memoryAfter = await redis.usedMemory();
  const jobs = await deadlines.getJobCounts('delayed', 'wait', 'active');
  log(`cascade to ${CELLS} cells with their due items: ${cascadeMs.toFixed(0)} ms; timers in Redis: ${JSON.stringify(jobs)}`);
  log(`Redis used_memory ${memoryBefore} → ${memoryAfter} bytes: ${((memoryAfter - memoryBefore) / CELLS).toFixed(3)} bytes per tracked assignment`);

  const dueAt = due.toMillis() - 1;
  const steps = [
    { key: 'overdue', at: dueAt + 1 },
    { key: 'escalation:1', at: dueAt + 1 + GRACE_S * 1000 },
    { key: 'escalation:2', at: dueAt + 1 + 2 * GRACE_S * 1000 },
    { key: 'escalation:3', at: dueAt + 1 + 3 * GRACE_S * 1000 },
  ];
  const results = [];
  for (const step of steps) {
    await sleep(Math.max(0, step.at - Date.now() - 200));
    let committed = 0;
    let published = 0;
    for (;;) {
      const told = await count(
        `SELECT count(*)::int AS n FROM assignments.assignment_history h JOIN assignments.due_items d ON d.id = h.due_item_id WHERE d.plan_id = $1 AND h.step = $2`,
        [plan.id, step.key],
      );
      if (told >= CELLS && !committed) committed = Date.now();
      if (committed && (await count('SELECT count(*)::int AS n FROM assignments.outbox WHERE published_at IS NULL')) === 0) {
        published = Date.now();
        break;
      }
      if (Date.now() > step.at + 300_000) throw new Error(`${step.key} did not complete`);
      await sleep(20);
    }
    const first = await db.query(
      `SELECT min(h.occurred_at) AS first, count(DISTINCT h.event_id)::int AS events FROM assignments.assignment_history h
       JOIN assignments.due_items d ON d.id = h.due_item_id WHERE d.plan_id = $1 AND h.step = $2`,
      [plan.id, step.key],
    );
    const result = {
      step: step.key,
      assignments: CELLS,
      events: first.rows[0].events as number,
      firstFiredAfterMs: new Date(first.rows[0].first).getTime() - step.at,
      allCommittedAfterMs: committed - step.at,
      allPublishedAfterMs: published - step.at,
    };
    results.push(result);
    log(
      `${step.key}: first fired ${result.firstFiredAfterMs} ms after its instant; all ${CELLS} written (history + ${result.events} events) after ${result.allCommittedAfterMs} ms; all published to JetStream after ${result.allPublishedAfterMs} ms`,
    );
  }
  // What one delayed job per assignment would cost, measured in the same Redis after the
  // storm (obliterating 100,000 jobs blocks Redis for a while), then removed.
  const naive = new Queue('bench-per-assignment', { prefix, connection: { url: redis.url } });
  const naiveBefore = await redis.usedMemory();
  for (let i = 0; i < CELLS; i += 5000) {
    await naive.addBulk(
      Array.from({ length: Math.min(5000, CELLS - i) }, () => {
        const id = randomUUID();
        return { name: 'deadline', data: { assignmentId: id, step: 'overdue' }, opts: { jobId: `${id}-overdue`, delay: 86_400_000, removeOnComplete: true } };
      }),
    );
  }
  const naiveBytes = (await redis.usedMemory()) - naiveBefore;
  await naive.obliterate({ force: true });
  await naive.close();
  log(`one delayed job per assignment instead: ${naiveBytes} bytes = ${(naiveBytes / CELLS).toFixed(0)} bytes per assignment`);

  const duplicates = await count(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM assignments.assignment_history WHERE step IS NOT NULL GROUP BY due_item_id, deadline_at, step HAVING count(*) > 1) d`,
  );
  const result = {
    scenario: 'deadline-storm',
    machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30) },
    assignments: CELLS,
    cascadeWithDueItemsMs: Math.round(cascadeMs),
    redis: {
      timersWhileWaiting: jobs,
      usedMemoryDeltaBytes: memoryAfter - memoryBefore,
      bytesPerTrackedAssignment: Number(((memoryAfter - memoryBefore) / CELLS).toFixed(3)),
      perAssignmentJobsBaselineBytesPerAssignment: Math.round(naiveBytes / CELLS),
    },
    steps: results,
    duplicateNotices: duplicates,
  };
  mkdirSync(join(REPO_ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(join(REPO_ROOT, 'bench', 'results', 'deadline-storm.json'), `${JSON.stringify(result, null, 2)}\n`);
  log(`written bench/results/deadline-storm.json; duplicate notices: ${duplicates}`);
} finally {
  await deadlines.close();
  await db.end();
  await system.stop();
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out');
    await sleep(50);
  }
}
