import { JwtService } from '@nestjs/jwt';
import pg from 'pg';
import type { AccessTokenClaims, PlanView, RebuildRollupResult, UnitImportRow, UnitSummary } from '#contracts';
import type { TestSystem } from '#testing';
import { PooledHttpClient } from '../support/pooled-http-client.js';
import { percentile, until } from '../support/measure.js';
import { figure, type ScenarioResult } from '../support/result.js';

/**
 * Scenario 5: N units (5,000 in full) submit their report within 10 s, through HTTP as the cells'
 * secretaries would: p95 latency; every acknowledged submission stored exactly once; the
 * province's consolidated figures exact afterwards and equal to a rebuild from scratch.
 * Tokens are signed with the system's secret (as the directory would after each login), so the
 * burst measures submissions, not 5,000 password hashes.
 */
/** Connections the reverse proxy keeps to the gateway (nginx `keepalive`-style upstream pool). */
const PROXY_CONNECTIONS = 128;

export async function reportBurstScenario(system: TestSystem, size: 'small' | 'full'): Promise<ScenarioResult> {
  const cells = size === 'small' ? 1_000 : 5_000;
  const windowMs = 10_000;
  const districts = 50;
  const rows: UnitImportRow[] = [{ code: 'RB', name: 'Tỉnh ủy Báo cáo', parentCode: 'TW', kind: 'province' }];
  for (let d = 0; d < districts; d++) rows.push({ code: `RB-${d}`, name: `Huyện ủy ${d + 1}`, parentCode: 'RB', kind: 'district' });
  for (let c = 0; c < cells; c++) rows.push({ code: `RB-${c % districts}-${c}`, name: `Chi bộ ${c + 1}`, parentCode: `RB-${c % districts}`, kind: 'chi_bo' });
  await system.api.post('/api/units/import', { rows });

  const plan = await system.api.post<PlanView>('/api/plans', {
    symbol: '1-KH/RB',
    title: 'Kế hoạch quán triệt',
    issuingUnitCode: 'RB',
    issueDate: '2026-11-21',
    tasks: [{ number: '1', title: 'Quán triệt', implementing: { type: 'descendants', kind: 'chi_bo' }, timeline: 'trước ngày 25/12/2026' }],
    indicators: [
      { code: 'total', name: 'Tổng số đảng viên', type: 'count', required: true },
      { code: 'reached', name: 'Số đảng viên được quán triệt', type: 'count', partOf: 'total', required: true },
    ],
    reportingObligations: [{ code: 'BC1', title: 'Báo cáo kết quả quán triệt', timeline: 'trước ngày 25/12/2026', reporters: { type: 'descendants', kind: 'chi_bo' } }],
  });
  await system.api.post(`/api/plans/${plan.id}/issue`);

  const db = new pg.Client({ connectionString: system.db.url });
  await db.connect();
  try {
    await until(async () => (await db.query('SELECT count(*)::int AS n FROM reporting.reports WHERE plan_id = $1', [plan.id])).rows[0].n >= cells, 120_000, 50);
    const targets = (
      await db.query(
        `SELECT r.id, u.id::text AS unit_id, u.code, u.path::text AS path FROM reporting.reports r JOIN reporting.units u ON u.id = r.unit_id WHERE r.plan_id = $1`,
        [plan.id],
      )
    ).rows as { id: string; unit_id: string; code: string; path: string }[];
    const jwt = new JwtService({ secret: system.env.JWT_SECRET });
    // Signed before the burst, as each secretary logged in earlier: the burst measures submissions.
    const tokens = targets.map((target) => {
      const claims: AccessTokenClaims = { sub: crypto.randomUUID(), username: `bt.${target.code}`, role: 'secretary', unitId: target.unit_id, unitCode: target.code, unitPath: target.path };
      return jwt.sign(claims, { expiresIn: 3600 });
    });
    // The cells' browsers reach the gateway through a reverse proxy holding a pool of keep-alive
    // connections, as in any deployment: requests beyond the pool wait their turn there (and that
    // wait counts in the latency), rather than 5,000 sockets retrying their SYNs into the backlog.
    const proxy = new PooledHttpClient(system.baseUrl, PROXY_CONNECTIONS);
    const latencies: number[] = [];
    let acknowledged = 0;
    let failed = 0;
    const started = performance.now();
    await Promise.all(
      targets.map(async (target, i) => {
        await new Promise((resolve) => setTimeout(resolve, (i * windowMs) / targets.length));
        const t = performance.now();
        // A refused connection counts as a failed submission, like a 5xx.
        const status = await proxy
          .post(`/api/reports/${target.id}/submit`, tokens[i], { figures: { total: 20, reached: 19 }, idempotencyKey: `burst-${target.id}` })
          .catch(() => 0);
        latencies.push(performance.now() - t);
        if (status >= 200 && status < 300) acknowledged++;
        else failed++;
      }),
    );
    const burstMs = performance.now() - started;
    proxy.close();
    const stored = (await db.query(`SELECT count(*)::int AS n FROM reporting.report_versions v JOIN reporting.reports r ON r.id = v.report_id WHERE r.plan_id = $1`, [plan.id])).rows[0].n;
    const summary = await system.api.get<UnitSummary>(`/api/reporting/plans/${plan.id}/summary`, { unitCode: 'RB' });
    const received = summary.reporting.find((p) => p.obligationCode === 'BC1')?.received ?? -1;
    const reached = summary.figures.find((f) => f.code === 'reached')?.sum ?? -1;
    const rebuild = await system.api.post<RebuildRollupResult>('/api/reporting/rebuild');
    return {
      scenario: 'report-burst',
      size,
      figures: [
        figure(`submission latency p95 (${targets.length} units within ${Math.round(burstMs / 1000)} s)`, percentile(latencies, 95), 'ms', undefined, { text: '≤ 500 ms', met: (_r, ours) => ours <= 500 }),
        figure('submission latency p50', percentile(latencies, 50), 'ms'),
        figure('submission latency p90', percentile(latencies, 90), 'ms'),
        figure('submission latency max', Math.max(...latencies), 'ms'),
        figure('acknowledged', acknowledged, 'submissions'),
        figure('failed', failed, 'submissions', undefined, { text: '0', met: (_r, ours) => ours === 0 }),
        figure('stored versions minus acknowledged', stored - acknowledged, 'rows', undefined, { text: '0', met: (_r, ours) => ours === 0 }),
        figure('province: reports received minus acknowledged', received - acknowledged, 'reports', undefined, { text: '0', met: (_r, ours) => ours === 0 }),
        figure('province: Σ reached minus 19 × acknowledged', reached - 19 * acknowledged, 'members', undefined, { text: '0', met: (_r, ours) => ours === 0 }),
        figure('rebuild differences', rebuild.differences, 'rows', undefined, { text: '0', met: (_r, ours) => ours === 0 }),
      ],
    };
  } finally {
    await db.end();
  }
}
