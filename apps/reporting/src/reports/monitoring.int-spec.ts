import { jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { loadConfig, reportingEnv } from '#config';
import {
  EventSubjects,
  RpcPatterns,
  type EventMap,
  type EventSubject,
  type RebuildRollupResult,
  type ReportPage,
  type ReportView,
  type UnitRecord,
  type UnitSummary,
} from '#contracts';
import { expectEventually, startServices, type ServiceTestBed } from '#testing';
import { AppModule } from '../app.module.js';
import { SCHEMA, migrations } from '../migrations/index.js';
import { actorOf, planEvent, unit } from '../testing/fixtures.js';

/**
 * Who follows a duty's reports and who owes one, beyond "the subtree below me": a plan of the
 * town committee sends its cells' reports "qua Ban Tuyên giáo Thị ủy" — a board beside the
 * districts, not above them — which reads, lists, returns and accepts them, while the other
 * boards see nothing; an addressee outside the reporters' line does the same for its duty, but
 * never reviews its own report. Then units move into the duty's scope mid-period (from another
 * committee, into a selector's kind, directly under the issuer) and owe the open period's report,
 * with roll-ups that a rebuild from the facts finds exact.
 */
describe('reports through a monitoring body, and units moved into a duty’s scope', () => {
  let bed: ServiceTestBed;
  let nc: NatsConnection;

  const TW = unit(1, 'TW', null, 'central', 'Trung ương');
  const TU = unit(2, 'TU', '1', 'thi_uy', 'Thị ủy Thử nghiệm');
  const BTG = unit(3, 'BTG', '1.2', 'ban', 'Ban Tuyên giáo Thị ủy');
  const UBKT = unit(4, 'UBKT', '1.2', 'ban', 'Ủy ban Kiểm tra Thị ủy');
  const VP = unit(5, 'VP', '1.2', 'ban', 'Văn phòng Thị ủy');
  const D1 = unit(6, 'D1', '1.2', 'co_so', 'Đảng bộ phường 1');
  const D2 = unit(9, 'D2', '1.2', 'co_so', 'Đảng bộ phường 2');
  const c11 = unit(7, 'C11', '1.2.6', 'chi_bo', 'Chi bộ khu phố 1');
  const c12 = unit(8, 'C12', '1.2.6', 'chi_bo', 'Chi bộ khu phố 2');
  const c21 = unit(10, 'C21', '1.2.9', 'chi_bo', 'Chi bộ khu phố 3');
  const team = unit(13, 'T21', '1.2.9', 'to_dang', 'Tổ đảng khu phố 4');
  const other = unit(11, 'TX', '1', 'thi_uy', 'Thị ủy bên cạnh');
  const outsideCell = unit(12, 'TXC1', '1.11', 'chi_bo', 'Chi bộ thôn 1');
  const outsideBoard = unit(14, 'TXB1', '1.11', 'ban', 'Ban Dân vận');

  const ref = (u: UnitRecord) => ({ id: u.id, code: u.code, name: u.name });
  const event = planEvent(TU, 1);
  const [bc1, bc2] = event.reportingObligations!;
  Object.assign(bc1, { through: 'Ban Tuyên giáo Thị ủy', throughUnit: ref(BTG) });
  // The one-off duty of every board and ward goes to the office: beside them, not above.
  Object.assign(bc2, { to: ref(VP) });
  const { yearly } = event;
  const planId = event.plan.id;

  async function publish<S extends EventSubject>(subject: S, data: EventMap[S]) {
    const envelope = { id: randomUUID(), type: subject, version: 1, occurredAt: new Date().toISOString(), correlationId: randomUUID(), causationId: null, data };
    await jetstream(nc).publish(subject, JSON.stringify(envelope), { msgID: envelope.id });
  }

  const rpc = <T>(pattern: string, data: unknown) => bed.rpc<T>(pattern, data);
  const list = (u: UnitRecord, query: Record<string, unknown> = {}) => rpc<ReportPage>(RpcPatterns.reporting.listReports, { actor: actorOf(u), planId, ...query });
  const reportOf = async (u: UnitRecord, obligationCode = 'BC1', period = yearly.current) =>
    (await list(u, { mine: true, obligationCode, period })).items[0];
  const get = (u: UnitRecord, reportId: string) => rpc<ReportView>(RpcPatterns.reporting.getReport, { actor: actorOf(u), reportId });
  /** The review request, to spread into `rpc` or `bed.rpcError`. */
  const review = (u: UnitRecord, reportId: string, decision: 'accept' | 'return', reason?: string, role: 'office' | 'inspector' = 'office') =>
    [RpcPatterns.reporting.reviewReport, { actor: actorOf(u, role), reportId, decision, reason }] as const;
  const submit = async (u: UnitRecord, obligationCode: string, figures: Record<string, unknown>) =>
    rpc<ReportView>(RpcPatterns.reporting.submitReport, { actor: actorOf(u), reportId: (await reportOf(u, obligationCode, obligationCode === 'BC1' ? yearly.current : event.fixed.key)).id, figures });
  const summary = (u: UnitRecord) => rpc<UnitSummary>(RpcPatterns.reporting.summary, { actor: actorOf(u), planId, unitCode: u.code, obligation: 'BC1', period: yearly.current });
  const reporting = (s: UnitSummary, obligation: string, period: string) => s.reporting.find((r) => r.obligationCode === obligation && r.period === period)!;
  const rebuild = () => rpc<RebuildRollupResult>(RpcPatterns.reporting.rebuild, { actor: actorOf(TW, 'admin') });

  beforeAll(async () => {
    bed = await startServices([{ name: 'reporting', schema: SCHEMA, migrations, module: (env) => AppModule.forRoot(loadConfig(reportingEnv, env)) }]);
    nc = await connect({ servers: bed.nats.url });
    const units = [TW, TU, BTG, UBKT, VP, D1, D2, c11, c12, c21, team, other, outsideCell, outsideBoard];
    await publish(EventSubjects.unitsUpserted, { directoryVersion: 1, chunk: 0, chunkCount: 1, units });
    await publish(EventSubjects.planIssued, event);
    // BC1: 3 cells × 2 years; BC2: the 5 units directly under the town committee.
    await expectEventually(async () => {
      const [{ n }] = await bed.dataSource.query('SELECT count(*)::int AS n FROM reports');
      expect(n).toBe(11);
    }, { timeoutMs: 20_000 });
  }, 60_000);

  afterAll(async () => {
    await nc?.close();
    await bed?.close();
  });

  it('shows the monitoring body, a sibling branch, the reports that go through it — and nobody else beside it', async () => {
    const report = await reportOf(c11);
    expect(await get(BTG, report.id)).toMatchObject({ unit: { code: 'C11' }, obligation: { code: 'BC1', through: 'Ban Tuyên giáo Thị ủy' }, indicators: expect.any(Array) });

    const desk = await list(BTG, { throughMe: true, period: yearly.current });
    expect(desk.items.map((r) => [r.obligation.code, r.unit.code])).toEqual([['BC1', 'C11'], ['BC1', 'C12'], ['BC1', 'C21']]);
    expect((await list(BTG, { throughMe: true })).total).toBe(6);
    // Its own subtree is still just itself: its own one-off report, nothing of the wards.
    expect((await list(BTG)).items.map((r) => [r.obligation.code, r.unit.code])).toEqual([['BC2', 'BTG']]);

    // Another board, a ward beside, another committee: the report does not exist for them.
    for (const outsider of [UBKT, D2, other, outsideCell]) {
      expect(await bed.rpcError(RpcPatterns.reporting.getReport, { actor: actorOf(outsider), reportId: report.id })).toMatchObject({ status: 404, code: 'REPORT.NOT_FOUND' });
    }
    expect(await bed.rpcError(...review(UBKT, report.id, 'accept'))).toMatchObject({ status: 404 });
    expect((await list(UBKT, { throughMe: true })).total).toBe(0);
    // What does not go through it stays closed to it: a ward's report to the office.
    expect(await bed.rpcError(RpcPatterns.reporting.getReport, { actor: actorOf(BTG), reportId: (await reportOf(D1, 'BC2', event.fixed.key)).id })).toMatchObject({ status: 404 });
    // Reading is not writing: only the cell drafts and submits its report.
    expect(await bed.rpcError(RpcPatterns.reporting.submitReport, { actor: actorOf(BTG), reportId: report.id, figures: { dang_vien: 1, quan_triet: 1 } })).toMatchObject({ status: 403 });
  });

  it('lets the monitoring body return and accept, under the same lifecycle as an upper unit', async () => {
    const report = await reportOf(c11);
    expect(await bed.rpcError(...review(BTG, report.id, 'accept'))).toMatchObject({ status: 409, code: 'REPORT.NOT_SUBMITTED' });
    await submit(c11, 'BC1', { dang_vien: 30, quan_triet: 28 });

    expect(await bed.rpcError(...review(BTG, report.id, 'accept', undefined, 'inspector'))).toMatchObject({ status: 403 });
    expect((await bed.rpcError(...review(BTG, report.id, 'return'))).fields).toEqual([{ path: 'reason', message: 'Cần nêu lý do trả lại báo cáo' }]);
    expect(await bed.rpcError(...review(c11, report.id, 'accept'))).toMatchObject({ status: 403 });

    expect(await rpc<ReportView>(...review(BTG, report.id, 'return', 'Thiếu số liệu đảng viên chưa được quán triệt'))).toMatchObject({ status: 'returned', returnReason: 'Thiếu số liệu đảng viên chưa được quán triệt' });
    expect(await submit(c11, 'BC1', { dang_vien: 30, quan_triet: 30 })).toMatchObject({ status: 'resubmitted', version: 2 });
    const accepted = await rpc<ReportView>(...review(BTG, report.id, 'accept'));
    expect(accepted.status).toBe('accepted');
    expect(accepted.versions!.map((v) => [v.version, v.review?.decision, v.review?.byUnit.code])).toEqual([
      [1, 'returned', 'BTG'],
      [2, 'accepted', 'BTG'],
    ]);
    expect(await bed.rpcError(...review(BTG, report.id, 'accept'))).toMatchObject({ status: 409, code: 'REPORT.ALREADY_ACCEPTED' });
    const [acceptedEvent] = await bed.dataSource.query(`SELECT envelope->'data'->>'reviewerUnitId' AS by FROM outbox WHERE subject = $1 AND envelope->'data'->>'reportId' = $2`, [
      EventSubjects.reportAccepted,
      report.id,
    ]);
    expect(acceptedEvent.by).toBe(BTG.id);

    // The roll-up counts it where the cell is, not at the board.
    expect(reporting(await summary(TU), 'BC1', yearly.current)).toMatchObject({ expected: 3, received: 1, accepted: 1 });
    expect((await rebuild()).differences).toBe(0);
  });

  it('lets an addressee outside the reporters’ line review their reports, never its own', async () => {
    const ward = await reportOf(D1, 'BC2', event.fixed.key);
    expect((await list(VP, { throughMe: true })).items.map((r) => r.unit.code)).toEqual(['BTG', 'D1', 'D2', 'UBKT', 'VP']);
    await submit(D1, 'BC2', {});
    expect((await rpc<ReportView>(...review(VP, ward.id, 'accept'))).status).toBe('accepted');

    const own = await submit(VP, 'BC2', {});
    expect(await bed.rpcError(...review(VP, own.id, 'accept'))).toMatchObject({ status: 403 });
    expect((await rpc<ReportView>(...review(TU, own.id, 'accept'))).status).toBe('accepted');
    expect((await rebuild()).differences).toBe(0);
  });

  it('has units moved into a duty’s scope report for its open periods, with exact roll-ups', async () => {
    const moves = [
      { ...outsideCell, parentId: D1.id, path: `${D1.path}.${outsideCell.id}` }, // from another committee: BC1
      { ...team, kind: 'chi_bo' }, // now of the selector's kind: BC1
      { ...outsideBoard, parentId: TU.id, path: `${TU.path}.${outsideBoard.id}` }, // directly under the issuer: BC2
      { ...c12, parentId: D2.id, path: `${D2.path}.${c12.id}` }, // within scope: keeps its reports, no second one
    ];
    await publish(EventSubjects.unitsUpserted, { directoryVersion: 2, chunk: 0, chunkCount: 1, units: moves });
    await expectEventually(async () => expect(reporting(await summary(TU), 'BC1', yearly.current).expected).toBe(5), { timeoutMs: 20_000 });

    const owed = await bed.dataSource.query(
      `SELECT u.code, o.code AS obligation, r.period_key FROM reports r JOIN units u ON u.id = r.unit_id JOIN obligations o ON o.id = r.obligation_id
       WHERE u.id = ANY($1::bigint[]) ORDER BY u.code, o.code, r.period_key`,
      [[outsideCell.id, team.id, outsideBoard.id, c12.id]],
    );
    // The year already closed is not owed by a unit that joined after it.
    expect(owed).toEqual([
      { code: 'C12', obligation: 'BC1', period_key: yearly.previous },
      { code: 'C12', obligation: 'BC1', period_key: yearly.current },
      { code: 'T21', obligation: 'BC1', period_key: yearly.current },
      { code: 'TXB1', obligation: 'BC2', period_key: event.fixed.key },
      { code: 'TXC1', obligation: 'BC1', period_key: yearly.current },
    ]);

    const [town, d1, d2] = await Promise.all([summary(TU), summary(D1), summary(D2)]);
    expect(reporting(town, 'BC1', yearly.current)).toMatchObject({ expected: 5, received: 1, accepted: 1 });
    expect(reporting(town, 'BC1', yearly.previous).expected).toBe(3);
    expect(reporting(town, 'BC2', event.fixed.key)).toMatchObject({ expected: 6, accepted: 2 });
    expect(reporting(d1, 'BC1', yearly.current)).toMatchObject({ expected: 2, accepted: 1 });
    expect(reporting(d2, 'BC1', yearly.current).expected).toBe(3);
    // The cell that moved in reports through the same monitoring body.
    expect((await list(BTG, { throughMe: true, period: yearly.current, unitCode: 'TXC1' })).total).toBe(1);
    expect((await rebuild()).differences).toBe(0);
  });
});
