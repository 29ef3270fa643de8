import { jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import * as XLSX from 'xlsx';
import { loadConfig, reportingEnv } from '#config';
import {
  EventSubjects,
  RpcPatterns,
  type Actor,
  type EventMap,
  type EventSubject,
  type ExportFile,
  type ProgressTreePage,
  type RatingView,
  type ReportPage,
  type ReportView,
  type UnitSummary,
} from '#contracts';
import { expectEventually, startServices, type ServiceTestBed } from '#testing';
import { AppModule } from './app.module.js';
import { SCHEMA, migrations } from './migrations/index.js';
import { PeriodRoller } from './obligations/period-roller.js';
import { rebuildAll, snapshotRollups } from './rollup/rollup.sql.js';
import { actorOf, planEvent, unit } from './testing/fixtures.js';
import { lockTreeExclusive } from './tree/tree-lock.js';

/**
 * The reporting service on real Postgres and NATS, fed the events its peers publish (units,
 * plans, assignments) and driven over request-reply as the gateway drives it: expected reports
 * per unit and period, submissions with field errors, the lifecycle with versions and
 * idempotency, exact roll-ups that survive a unit added midway and a unit moved, targets,
 * ratings, the progress tree and the exports.
 */
describe('reporting service', () => {
  let bed: ServiceTestBed;
  let nc: NatsConnection;

  const TW = unit(1, 'TW', null, 'central', 'Trung ương');
  const P = unit(2, 'DUK', '1', 'province', 'Đảng ủy Khối Cơ quan - Doanh nghiệp tỉnh');
  const D1 = unit(3, 'D1', '1.2', 'co_so', 'Đảng bộ Văn phòng Tỉnh ủy');
  const D2 = unit(4, 'D2', '1.2', 'co_so', 'Đảng bộ Công ty Điện lực');
  const cells = [
    unit(5, 'D1C1', '1.2.3', 'chi_bo', 'Chi bộ Tổng hợp'),
    unit(6, 'D1C2', '1.2.3', 'chi_bo', 'Chi bộ Tài chính'),
    unit(7, 'D1C3', '1.2.3', 'chi_bo', 'Chi bộ Quản trị'),
    unit(8, 'D2C1', '1.2.4', 'chi_bo', 'Chi bộ Kinh doanh'),
    unit(9, 'D2C2', '1.2.4', 'chi_bo', 'Chi bộ Kỹ thuật'),
  ];
  const [c11, c12, c13, c21, c22] = cells;
  const event = planEvent(P, 1);
  const { yearly } = event;
  const planId = event.plan.id;

  async function publish<S extends EventSubject>(subject: S, data: EventMap[S], occurredAt = new Date().toISOString()) {
    const envelope = { id: randomUUID(), type: subject, version: 1, occurredAt, correlationId: randomUUID(), causationId: null, data };
    await jetstream(nc).publish(subject, JSON.stringify(envelope), { msgID: envelope.id });
  }

  const rpc = <T>(pattern: string, data: unknown) => bed.rpc<T>(pattern, data);
  const reportOf = async (actor: Actor, period: string, obligation = 'BC1') =>
    (await rpc<ReportPage>(RpcPatterns.reporting.listReports, { actor, mine: true, planId, obligationCode: obligation, period })).items[0];
  const summary = (u: typeof P, period = yearly.current, actor = actorOf(u)) =>
    rpc<UnitSummary>(RpcPatterns.reporting.summary, { actor, planId, unitCode: u.code, obligation: 'BC1', period });
  const figure = (s: UnitSummary, code: string) => s.figures.find((f) => f.code === code)!;
  const period = (s: UnitSummary, key: string, obligation = 'BC1') => s.reporting.find((r) => r.obligationCode === obligation && r.period === key)!;

  const figuresFor = (members: number, disseminated: number, violations: number, extra: Record<string, unknown> = {}) => ({
    dang_vien: members,
    quan_triet: disseminated,
    vi_pham: violations,
    ...extra,
  });

  async function submit(cell: typeof P, key: string, figures: Record<string, unknown>, idempotencyKey = randomUUID()) {
    const report = await reportOf(actorOf(cell), key);
    return rpc<ReportView>(RpcPatterns.reporting.submitReport, { actor: actorOf(cell), reportId: report.id, figures, idempotencyKey });
  }

  async function expectRebuildAgrees() {
    const before = await snapshotRollups(bed.dataSource.manager);
    const result = await bed.dataSource.transaction(async (manager) => {
      await lockTreeExclusive(manager);
      return rebuildAll(manager);
    });
    expect(result.differences).toBe(0);
    expect(await snapshotRollups(bed.dataSource.manager)).toEqual(before);
  }

  beforeAll(async () => {
    bed = await startServices([{ name: 'reporting', schema: SCHEMA, migrations, module: (env) => AppModule.forRoot(loadConfig(reportingEnv, env)) }]);
    nc = await connect({ servers: bed.nats.url });
    await publish(EventSubjects.unitsUpserted, { directoryVersion: 1, chunk: 0, chunkCount: 1, units: [TW, P, D1, D2, ...cells] });
    await publish(EventSubjects.planIssued, event);
    await expectEventually(async () => {
      const [{ n }] = await bed.dataSource.query('SELECT count(*)::int AS n FROM reports');
      expect(n).toBe(12);
    }, { timeoutMs: 20_000 });
  }, 60_000);

  afterAll(async () => {
    await nc?.close();
    await bed?.close();
  });

  it('expects one report per reporting unit per period: two yearly periods for each cell, one one-off for each district', async () => {
    const periods = await bed.dataSource.query(
      `SELECT o.code, rp.period_key, rp.label, count(r.*)::int AS reports FROM report_periods rp
       JOIN obligations o ON o.id = rp.obligation_id LEFT JOIN reports r ON r.obligation_id = rp.obligation_id AND r.period_key = rp.period_key
       GROUP BY o.code, rp.period_key, rp.label ORDER BY o.code, rp.period_key`,
    );
    expect(periods).toEqual([
      { code: 'BC1', period_key: yearly.previous, label: `Năm ${yearly.previous}`, reports: 5 },
      { code: 'BC1', period_key: yearly.current, label: `Năm ${yearly.current}`, reports: 5 },
      { code: 'BC2', period_key: event.fixed.key, label: expect.stringContaining('Hạn'), reports: 2 },
    ]);
    const mine = await reportOf(actorOf(c11), yearly.current);
    expect(mine).toMatchObject({ status: 'pending', unit: { code: 'D1C1' }, obligation: { code: 'BC1', through: 'Ban Tuyên giáo' } });
    expect(mine.dueAt).toBe(new Date(`${yearly.dueDate}T16:59:59.999Z`).toISOString());
    const plan = await rpc<{ obligations: { code: string; periods: unknown[] }[] }>(RpcPatterns.reporting.plan, { actor: actorOf(c11), planId });
    expect(plan.obligations.map((o) => [o.code, o.periods.length])).toEqual([['BC1', 2], ['BC2', 1]]);
  });

  it('validates figures field by field, in Vietnamese', async () => {
    const report = await reportOf(actorOf(c11), yearly.current);
    const error = await bed.rpcError(RpcPatterns.reporting.submitReport, {
      actor: actorOf(c11),
      reportId: report.id,
      figures: { dang_vien: 30, quan_triet: 31, vi_pham: -1, hoi_nghi: 'có', ty_le_sinh_hoat: 120, la: 1 },
    });
    expect(error).toMatchObject({ status: 400, code: 'REPORT.INVALID' });
    expect(error.fields).toEqual(
      expect.arrayContaining([
        { path: 'figures.la', message: expect.stringContaining('không có chỉ tiêu') },
        { path: 'figures.vi_pham', message: expect.stringContaining('không được âm') },
        { path: 'figures.hoi_nghi', message: expect.stringContaining('có (true) hoặc không (false)') },
        { path: 'figures.ty_le_sinh_hoat', message: expect.stringContaining('từ 0 đến 100') },
        { path: 'figures.quan_triet', message: expect.stringContaining('không được lớn hơn "Tổng số đảng viên" (30)') },
      ]),
    );
    const missing = await bed.rpcError(RpcPatterns.reporting.submitReport, { actor: actorOf(c11), reportId: report.id, figures: { quan_triet: 3 } });
    expect(missing.fields).toContainEqual({ path: 'figures.dang_vien', message: expect.stringContaining('bắt buộc') });
  });

  it('lets only the reporting unit submit, only upper units review, and hides reports outside the subtree', async () => {
    const report = await reportOf(actorOf(c11), yearly.current);
    const figures = figuresFor(30, 29, 1);
    expect(await bed.rpcError(RpcPatterns.reporting.getReport, { actor: actorOf(c12), reportId: report.id })).toMatchObject({ status: 404, code: 'REPORT.NOT_FOUND' });
    expect(await bed.rpcError(RpcPatterns.reporting.submitReport, { actor: actorOf(c12), reportId: report.id, figures })).toMatchObject({ status: 404 });
    expect(await bed.rpcError(RpcPatterns.reporting.submitReport, { actor: actorOf(D1), reportId: report.id, figures })).toMatchObject({ status: 403 });
    expect(await bed.rpcError(RpcPatterns.reporting.submitReport, { actor: actorOf(c11, 'inspector'), reportId: report.id, figures })).toMatchObject({ status: 403 });
    expect(await bed.rpcError(RpcPatterns.reporting.reviewReport, { actor: actorOf(D2), reportId: report.id, decision: 'accept' })).toMatchObject({ status: 404 });
    expect(await bed.rpcError(RpcPatterns.reporting.reviewReport, { actor: actorOf(c11), reportId: report.id, decision: 'accept' })).toMatchObject({ status: 403 });
    expect(await bed.rpcError(RpcPatterns.reporting.summary, { actor: actorOf(c12), planId, unitCode: 'D1C1' })).toMatchObject({ status: 404, code: 'UNIT.NOT_FOUND' });
    expect(await bed.rpcError(RpcPatterns.reporting.summary, { actor: actorOf(c12), planId: randomUUID() })).toMatchObject({ status: 404, code: 'PLAN.NOT_FOUND' });
  });

  it('keeps every version; a double submit with the same key is harmless; a returned report drops out until resubmitted', async () => {
    const key = randomUUID();
    const first = await submit(c11, yearly.current, figuresFor(30, 29, 1, { hoi_nghi: true, ty_le_sinh_hoat: 95, ghi_chu: 'Đã quán triệt' }), key);
    expect(first).toMatchObject({ status: 'submitted', version: 1, onTime: true });
    const again = await submit(c11, yearly.current, figuresFor(30, 29, 1), key);
    expect(again.version).toBe(1);
    expect(again.versions).toHaveLength(1);
    const other = await bed.rpcError(RpcPatterns.reporting.submitReport, { actor: actorOf(c11), reportId: first.id, figures: figuresFor(30, 30, 0), idempotencyKey: randomUUID() });
    expect(other).toMatchObject({ status: 409, code: 'REPORT.ALREADY_SUBMITTED' });

    expect(figure(await summary(D1), 'dang_vien')).toMatchObject({ reported: 1, value: 30 });
    const noReason = await bed.rpcError(RpcPatterns.reporting.reviewReport, { actor: actorOf(D1), reportId: first.id, decision: 'return' });
    expect(noReason.fields).toEqual([{ path: 'reason', message: 'Cần nêu lý do trả lại báo cáo' }]);
    const returned = await rpc<ReportView>(RpcPatterns.reporting.reviewReport, { actor: actorOf(D1), reportId: first.id, decision: 'return', reason: 'Số liệu quán triệt chưa khớp' });
    expect(returned).toMatchObject({ status: 'returned', returnReason: 'Số liệu quán triệt chưa khớp' });
    const afterReturn = await summary(D1);
    expect(figure(afterReturn, 'dang_vien')).toMatchObject({ reported: 0, value: null });
    expect(period(afterReturn, yearly.current)).toMatchObject({ expected: 3, received: 0, returned: 1 });

    const resubmitted = await submit(c11, yearly.current, figuresFor(30, 30, 1, { hoi_nghi: true, ty_le_sinh_hoat: 95 }));
    expect(resubmitted).toMatchObject({ status: 'resubmitted', version: 2, onTime: true });
    expect(resubmitted.versions!.map((v) => [v.version, v.status, v.review?.decision ?? null])).toEqual([
      [1, 'submitted', 'returned'],
      [2, 'resubmitted', null],
    ]);
    const accepted = await rpc<ReportView>(RpcPatterns.reporting.reviewReport, { actor: actorOf(P), reportId: first.id, decision: 'accept' });
    expect(accepted.status).toBe('accepted');
    expect(await bed.rpcError(RpcPatterns.reporting.reviewReport, { actor: actorOf(D1), reportId: first.id, decision: 'return', reason: 'x' })).toMatchObject({
      status: 409,
      code: 'REPORT.ALREADY_ACCEPTED',
    });
    const events = await bed.dataSource.query(`SELECT subject, envelope->'data'->>'version' AS version FROM outbox WHERE envelope->'data'->>'reportId' = $1 ORDER BY seq`, [first.id]);
    expect(events).toEqual([
      { subject: EventSubjects.reportSubmitted, version: '1' },
      { subject: EventSubjects.reportReturned, version: '1' },
      { subject: EventSubjects.reportSubmitted, version: '2' },
      { subject: EventSubjects.reportAccepted, version: '2' },
    ]);
    await expectRebuildAgrees();
  });

  it('rolls figures up exactly per subtree: totals, min, share and ratios, with the reporting rate per level', async () => {
    await submit(c12, yearly.current, figuresFor(20, 20, 0, { hoi_nghi: false, ty_le_sinh_hoat: 80 }));
    await submit(c21, yearly.current, figuresFor(50, 48, 2, { hoi_nghi: true, ty_le_sinh_hoat: 100 }));
    const d1 = await summary(D1);
    expect(period(d1, yearly.current)).toMatchObject({ expected: 3, received: 2, onTime: 2, rate: 66.67, byLevel: [expect.objectContaining({ kind: 'chi_bo', expected: 3, received: 2 })] });
    expect(figure(d1, 'dang_vien')).toMatchObject({ reported: 2, value: 50, sum: 50 });
    expect(figure(d1, 'quan_triet')).toMatchObject({ value: 50, ratio: { of: 'dang_vien', value: 100 } });
    expect(figure(d1, 'ty_le_sinh_hoat')).toMatchObject({ value: 80, min: 80, max: 95 });
    expect(figure(d1, 'hoi_nghi')).toMatchObject({ value: 50, yes: 1, reported: 2 });
    const p = await summary(P);
    expect(period(p, yearly.current)).toMatchObject({ expected: 5, received: 3 });
    expect(figure(p, 'dang_vien').value).toBe(100);
    expect(figure(p, 'quan_triet')).toMatchObject({ value: 98, ratio: { value: 98 } });
    expect(figure(p, 'vi_pham').value).toBe(3);
    // The district's own one-off report is counted in its own subtree and the province's.
    expect(period(p, event.fixed.key, 'BC2')).toMatchObject({ expected: 2, received: 0 });
    await expectRebuildAgrees();
  });

  it('evaluates targets per subtree: met, not met or not yet known, with the numbers behind', async () => {
    const target = (s: UnitSummary, code: string) => s.targets.find((t) => t.code === code)!;
    let p = await summary(P);
    // Two cells have not reported: the ratio can still end anywhere.
    expect(target(p, 'MT3')).toMatchObject({ status: 'unknown', numbers: { expected: 5, received: 3 } });
    expect(target(p, 'MT1')).toMatchObject({ status: 'unknown', numbers: { units: 5, rated: 0 } });
    await submit(c13, yearly.current, figuresFor(10, 10, 0));
    await submit(c22, yearly.current, figuresFor(40, 39, 1));
    p = await summary(P);
    expect(target(p, 'MT3')).toMatchObject({ status: 'met', actual: 98, numbers: { expected: 5, received: 5, sum: 147, whole: 150 } });
    // No report for the previous year yet: the change cannot be known.
    expect(target(p, 'MT4').status).toBe('unknown');
    for (const [cell, members, violations] of [[c11, 30, 2], [c12, 20, 1], [c13, 10, 0], [c21, 50, 2], [c22, 40, 1]] as const) {
      await submit(cell, yearly.previous, figuresFor(members, members, violations));
    }
    p = await summary(P);
    // 6/150 = 4% last year, 4/150 ≈ 2.67% this year: down 33.33%, at least the 2% asked.
    expect(target(p, 'MT4')).toMatchObject({ status: 'met', actual: -33.33, numbers: { previous: 4, change: -33.33 } });
    expect(period(p, yearly.previous)).toMatchObject({ expected: 5, received: 5, onTime: 0, late: 5 });

    // Ratings by the upper units: 4 good or better, 1 excellent of 5 cells.
    const rate = (by: typeof P, cell: typeof P, level: string) =>
      rpc<RatingView>(RpcPatterns.reporting.rateUnit, { actor: actorOf(by), unitCode: cell.code, period: yearly.current, level });
    await rate(D1, c11, 'excellent');
    p = await summary(P);
    expect(target(p, 'MT2')).toMatchObject({ status: 'unknown', range: { min: 20, max: 100 } });
    await rate(D1, c12, 'good');
    await rate(D1, c13, 'done');
    p = await summary(P);
    // 2 of 5 good or better, 2 still unrated: at most 80%, and the target is "above 80%".
    expect(target(p, 'MT1')).toMatchObject({ status: 'not_met', range: { min: 40, max: 80 } });
    await rate(D2, c21, 'good');
    const changed = await rate(P, c21, 'excellent');
    expect(changed).toMatchObject({ level: 'excellent', raterUnit: { code: 'DUK' } });
    await rate(D2, c22, 'good');
    p = await summary(P);
    expect(target(p, 'MT2')).toMatchObject({ status: 'not_met', actual: 40 });
    expect(p.ratings.find((d) => d.kind === 'chi_bo')).toMatchObject({ units: 5, rated: 5, counts: { excellent: 2, good: 2, done: 1, not_done: 0 } });
    const d1 = await summary(D1);
    expect(target(d1, 'MT1')).toMatchObject({ status: 'not_met', numbers: { units: 3, rated: 3, counted: 2 } });
    expect(await bed.rpcError(RpcPatterns.reporting.rateUnit, { actor: actorOf(c11), unitCode: 'D1C1', period: yearly.current, level: 'good' })).toMatchObject({ status: 403 });
    expect(await bed.rpcError(RpcPatterns.reporting.rateUnit, { actor: actorOf(D1), unitCode: 'D2C1', period: yearly.current, level: 'good' })).toMatchObject({ status: 404 });
    await expectRebuildAgrees();
  });

  it('rolls up assignments from events: status counts, completion, on time and overdue', async () => {
    const past = new Date(Date.now() - 86_400_000).toISOString();
    const future = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const ids = cells.map(() => randomUUID());
    const taskId = randomUUID();
    await publish(EventSubjects.assignmentsCreated, { planId, taskId, assignments: cells.map((c, i) => ({ id: ids[i], unitId: c.id, dueAt: i < 3 ? past : future })) });
    const change = (i: number, from: string, to: string, at?: string) =>
      publish(EventSubjects.assignmentStatusChanged, { assignmentId: ids[i], planId, taskId, unitId: cells[i].id, from: from as 'new', to: to as 'done', resultNote: null, changedBy: 'x' }, at);
    // Out of order: "done" arrives before "in progress" and waits for it.
    await change(0, 'in_progress', 'done', new Date(Date.now() - 2 * 86_400_000).toISOString());
    await change(0, 'new', 'in_progress');
    await change(3, 'new', 'done');
    await expectEventually(async () => {
      const p = await summary(P);
      expect(p.assignments).toMatchObject({ total: 5, done: 2, new: 3, doneOnTime: 2, overdue: 2, completionRate: 40, onTimeRate: 100 });
    }, { timeoutMs: 20_000 });
    const d1 = await summary(D1);
    expect(d1.assignments).toMatchObject({ total: 3, done: 1, overdue: 2 });
    await expectRebuildAgrees();

    const suggestion = await rpc<{ record: { total: number; done: number }; suggested: string }>(RpcPatterns.reporting.suggestRating, {
      actor: actorOf(D1),
      unitCode: 'D1C1',
      period: String(DateTime.fromISO(past).setZone('Asia/Ho_Chi_Minh').year),
    });
    expect(suggestion).toMatchObject({ record: { total: 1, done: 1 }, suggested: 'excellent' });
  });

  it('counts a unit added midway in the open period only, and moves a unit’s facts with it', async () => {
    const c14 = unit(10, 'D1C4', '1.2.3', 'chi_bo', 'Chi bộ mới');
    await publish(EventSubjects.unitsUpserted, { directoryVersion: 2, chunk: 0, chunkCount: 1, units: [c14] });
    await expectEventually(async () => expect(period(await summary(D1), yearly.current).expected).toBe(4));
    const d1 = await summary(D1);
    expect(period(d1, yearly.previous).expected).toBe(3);
    expect(d1.targets.find((t) => t.code === 'MT3')).toMatchObject({ status: 'unknown', numbers: { expected: 4, received: 3 } });
    expect(d1.ratings.find((d) => d.kind === 'chi_bo')).toMatchObject({ units: 4, rated: 3 });

    // D2C2 moves under D1 with its reports, figures, rating and assignment.
    const moved = { ...c22, parentId: D1.id, path: `${D1.path}.${c22.id}` };
    await publish(EventSubjects.unitsUpserted, { directoryVersion: 3, chunk: 0, chunkCount: 1, units: [moved] });
    await expectEventually(async () => expect(period(await summary(D1), yearly.current).expected).toBe(5));
    const [after1, after2, p] = await Promise.all([summary(D1), summary(D2), summary(P)]);
    expect(figure(after1, 'dang_vien').value).toBe(30 + 20 + 10 + 40);
    expect(figure(after2, 'dang_vien').value).toBe(50);
    expect(figure(p, 'dang_vien').value).toBe(150);
    expect(after2.assignments.total).toBe(1);
    expect(after1.assignments.total).toBe(4);
    await expectRebuildAgrees();
  });

  it('serves the progress tree page by page, with each child’s subtree', async () => {
    const page = await rpc<ProgressTreePage>(RpcPatterns.reporting.tree, { actor: actorOf(P), planId, obligation: 'BC1', period: yearly.current, pageSize: 1 });
    expect(page).toMatchObject({ total: 2, page: 1, pageSize: 1, parent: { code: 'DUK' }, selection: { obligation: 'BC1', period: yearly.current } });
    expect(page.items[0]).toMatchObject({ unit: { code: 'D1' }, hasChildren: true, reporting: { expected: 5, received: 4 }, figures: { dang_vien: 100 } });
    const second = await rpc<ProgressTreePage>(RpcPatterns.reporting.tree, { actor: actorOf(P), planId, obligation: 'BC1', period: yearly.current, pageSize: 1, page: 2 });
    expect(second.items[0]).toMatchObject({ unit: { code: 'D2' }, figures: { dang_vien: 50 } });
    const cellsOfD1 = await rpc<ProgressTreePage>(RpcPatterns.reporting.tree, { actor: actorOf(D1), planId, period: yearly.current });
    expect(cellsOfD1.items.map((n) => [n.unit.code, n.ownReport?.status ?? null, n.hasChildren])).toEqual([
      ['D1C1', 'accepted', false],
      ['D1C2', 'submitted', false],
      ['D1C3', 'submitted', false],
      ['D2C2', 'submitted', false],
      ['D1C4', 'pending', false],
    ]);
    const bad = await bed.rpcError(RpcPatterns.reporting.tree, { actor: actorOf(P), planId, period: '1999' });
    expect(bad).toMatchObject({ status: 400, fields: [{ path: 'period', message: expect.stringContaining('1999') }] });
  });

  it('exports the consolidated report as DOCX and as an XLSX whose numbers read back equal', async () => {
    const xlsx = await rpc<ExportFile>(RpcPatterns.reporting.exportReport, { actor: actorOf(P), planId, obligation: 'BC1', period: yearly.current, format: 'xlsx' });
    expect(xlsx.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = XLSX.read(Buffer.from(xlsx.base64, 'base64'), { type: 'buffer' });
    expect(book.SheetNames).toEqual(['Tổng hợp', 'Mục tiêu']);
    const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets['Tổng hợp'], { header: 1 });
    const at = rows.findIndex((r) => r[0] === 'STT');
    const header = rows[at] as string[];
    const col = (name: string) => header.findIndex((h) => h.startsWith(name));
    const body = rows.slice(at + 1);
    const totals = body.at(-1)!;
    expect(totals[2]).toBe('Tổng cộng');
    expect(body.slice(0, -1).map((r) => [r[1], r[col('Tổng số đảng viên')]])).toEqual([['D1', 100], ['D2', 50]]);
    expect(totals[col('Tổng số đảng viên')]).toBe(150);
    expect(totals[col('Báo cáo phải nộp')]).toBe(6);
    const s = await summary(P);
    expect(totals[col('Báo cáo đã nhận')]).toBe(period(s, yearly.current).received);

    const docx = await rpc<ExportFile>(RpcPatterns.reporting.exportReport, { actor: actorOf(D1), planId, period: yearly.current, format: 'docx', number: '15', place: 'Bến Tre' });
    expect(docx.fileName).toBe(`bao-cao-51-KH-DUK-D1-${yearly.current}.docx`);
    expect(Buffer.from(docx.base64, 'base64').subarray(0, 2).toString()).toBe('PK');
  });

  it('opens the next yearly period once the current deadline has passed', async () => {
    const roller = bed.apps[0].get(PeriodRoller);
    const later = new Date(new Date(`${yearly.dueDate}T17:00:00Z`).getTime() + 86_400_000);
    expect(await roller.openDuePeriods(later)).toBe(1);
    expect(await roller.openDuePeriods(later)).toBe(0);
    const [{ n }] = await bed.dataSource.query(`SELECT count(*)::int AS n FROM reports WHERE period_key = $1`, [String(Number(yearly.current) + 1)]);
    expect(n).toBe(6);
    await expectRebuildAgrees();
  });
});
