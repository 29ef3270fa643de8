import { jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { loadConfig, reportingEnv } from '#config';
import { EventSubjects, RpcPatterns, type ErrorPayload, type EventMap, type EventSubject, type ReportPage, type ReportView, type UnitSummary } from '#contracts';
import { expectEventually, startServices, type ServiceTestBed } from '#testing';
import { AppModule } from '../app.module.js';
import { SCHEMA, migrations } from '../migrations/index.js';
import { rebuildAll } from '../rollup/rollup.sql.js';
import { actorOf, planEvent, unit } from '../testing/fixtures.js';
import { lockTreeExclusive } from '../tree/tree-lock.js';

/**
 * Submissions arriving together commit together (SubmissionBatcher), on real Postgres and NATS:
 * 40 cells submit at once, among them an invalid submission, a report submitted twice with one
 * idempotency key and a unit submitting another's report. Each gets its own answer; every
 * acknowledged report is stored once and counted once; the roll-up equals a rebuild.
 */
describe('report submissions committed together', () => {
  let bed: ServiceTestBed;
  let nc: NatsConnection;
  const P = unit(2, 'P', '1', 'province');
  const districts = [unit(3, 'D1', '1.2', 'co_so'), unit(4, 'D2', '1.2', 'co_so')];
  const cells = Array.from({ length: 40 }, (_, i) => unit(10 + i, `C${i}`, districts[i % 2].path, 'chi_bo'));
  const event = planEvent(P, 1);
  const period = event.yearly.current;

  async function publish<S extends EventSubject>(subject: S, data: EventMap[S]) {
    const envelope = { id: randomUUID(), type: subject, version: 1, occurredAt: new Date().toISOString(), correlationId: randomUUID(), causationId: null, data };
    await jetstream(nc).publish(subject, JSON.stringify(envelope), { msgID: envelope.id });
  }

  beforeAll(async () => {
    bed = await startServices([{ name: 'reporting', schema: SCHEMA, migrations, module: (env) => AppModule.forRoot(loadConfig(reportingEnv, env)) }]);
    nc = await connect({ servers: bed.nats.url });
    await publish(EventSubjects.unitsUpserted, { directoryVersion: 1, chunk: 0, chunkCount: 1, units: [unit(1, 'TW', null, 'central'), P, ...districts, ...cells] });
    await publish(EventSubjects.planIssued, event);
    await expectEventually(async () => {
      const [{ n }] = await bed.dataSource.query('SELECT count(*)::int AS n FROM reports WHERE period_key = $1', [period]);
      expect(n).toBe(cells.length);
    }, { timeoutMs: 20_000 });
  }, 60_000);

  afterAll(async () => {
    await nc?.close();
    await bed?.close();
  });

  it('answers each submission of a burst on its own and counts every acknowledged one once', async () => {
    const reports = await Promise.all(
      cells.map(async (cell) => (await bed.rpc<ReportPage>(RpcPatterns.reporting.listReports, { actor: actorOf(cell), mine: true, planId: event.plan.id, period })).items[0]),
    );
    const submit = (i: number, figures: Record<string, unknown>, key = `k-${i}`, as = cells[i]) =>
      bed.rpc<ReportView>(RpcPatterns.reporting.submitReport, { actor: actorOf(as), reportId: reports[i].id, figures, idempotencyKey: key }).then(
        (view) => ({ ok: true as const, view }),
        (error: ErrorPayload) => ({ ok: false as const, error }),
      );
    const valid = (i: number) => ({ dang_vien: 10 + i, quan_triet: 10 + i });
    const results = await Promise.all([
      ...cells.map((_, i) => (i === 7 ? submit(i, { dang_vien: 5, quan_triet: 9 }) : submit(i, valid(i)))),
      submit(3, valid(3)), // the same submission again, same key
      submit(5, valid(5), 'k-other', districts[1]), // its upper unit cannot submit it (403); a sibling would not even see it (404)
    ]);

    // The invalid one is refused with its field, the upper unit with 403; the rest are accepted.
    const refused = results.filter((r) => !r.ok).map((r) => (r as { error: ErrorPayload }).error);
    expect(refused.map((e) => e.status).sort()).toEqual([400, 403]);
    expect(refused.find((e) => e.status === 400)!.fields).toEqual([expect.objectContaining({ path: 'figures.quan_triet' })]);
    const accepted = results.filter((r) => r.ok).map((r) => (r as { view: ReportView }).view);
    expect(accepted).toHaveLength(cells.length); // 39 first submissions + the repeat, which returns the stored one
    expect(accepted.every((view) => view.status === 'submitted' && view.versions!.length === 1)).toBe(true);

    // Stored once each, counted once each, exactly as a rebuild counts them.
    const [{ n }] = await bed.dataSource.query(
      'SELECT count(*)::int AS n FROM report_versions v JOIN reports r ON r.id = v.report_id WHERE r.period_key = $1',
      [period],
    );
    expect(n).toBe(cells.length - 1);
    // ... and in fewer transactions than submissions: they were committed together.
    const [{ transactions }] = await bed.dataSource.query(
      'SELECT count(DISTINCT v.xmin::text)::int AS transactions FROM report_versions v JOIN reports r ON r.id = v.report_id WHERE r.period_key = $1',
      [period],
    );
    expect(transactions).toBeLessThan(cells.length - 1);
    const summary = await bed.rpc<UnitSummary>(RpcPatterns.reporting.summary, { actor: actorOf(P), planId: event.plan.id, unitCode: 'P', obligation: 'BC1', period });
    expect(summary.reporting.find((r) => r.obligationCode === 'BC1' && r.period === period)).toMatchObject({ expected: 40, received: 39 });
    const members = cells.reduce((sum, _, i) => sum + (i === 7 ? 0 : 10 + i), 0);
    expect(summary.figures.find((f) => f.code === 'dang_vien')).toMatchObject({ sum: members });
    const rebuild = await bed.dataSource.transaction(async (manager) => {
      await lockTreeExclusive(manager);
      return rebuildAll(manager);
    });
    expect(rebuild.differences).toBe(0);
  });
});
