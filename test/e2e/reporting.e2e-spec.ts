import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DateTime } from 'luxon';
import * as XLSX from 'xlsx';
import type { AssignmentPage, PlanInput, PlanView, ProgressTreePage, ReportPage, ReportView, UnitSummary } from '#contracts';
import { expectEventually, startSystem, type ApiClient, type TestSystem } from '#testing';
import { threeLevelTree } from './support/tree.js';
import { userClient } from './support/users.js';

const run = promisify(execFile);
const hasCommand = (name: string) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;

/** A yearly report due about 40 days from now, in a plan issued a year before: one period behind, one ahead. */
function yearly() {
  let before = DateTime.now().setZone('Asia/Ho_Chi_Minh').startOf('day').plus({ days: 40 });
  if (before.month === 2 && before.day === 29) before = before.plus({ days: 1 });
  const due = before.minus({ days: 1 });
  return {
    timeline: `Định kỳ hằng năm (trước ngày ${before.toFormat('dd/MM')})`,
    issueDate: before.minus({ years: 1, days: 20 }).toISODate()!,
    previous: String(due.year - 1),
    current: String(due.year),
    quarterEnd: DateTime.now().setZone('Asia/Ho_Chi_Minh').plus({ months: 4 }),
  };
}

/**
 * Reports that consolidate themselves, end to end through HTTP with every service a process: a
 * province plan asks each cell for a yearly report with figures; cells report; the district sees
 * exact totals and its reporting rate; the province sees its targets met, not met or not yet
 * known; the district exports its consolidated report, which LibreOffice turns into a PDF whose
 * text holds the Vietnamese lines, and a spreadsheet that reads back with the same numbers.
 */
describe('reporting: obligations, figures, roll-up, targets, exports', () => {
  let system: TestSystem;
  let province: ApiClient;
  let district1: ApiClient;
  /** Ban Tuyên giáo Tỉnh ủy: beside the districts, the body the cells' reports go through. */
  let board: ApiClient;
  const cells = new Map<string, ApiClient>();
  let plan: PlanView;
  const period = yearly();

  /** Figures of cell c of district d: members, disseminated, violations. */
  const figuresOf = (d: number, c: number) => ({ dang_vien: 10 + c + d, quan_triet: 10 + c + d - (c === 3 ? 1 : 0), vi_pham: c % 4 === 0 ? 1 : 0, hoi_nghi: c !== 5 });
  const cellCodes = (d: number) => Array.from({ length: 10 }, (_, i) => `RD${d}C${i + 1}`);

  async function myReport(client: ApiClient, key = period.current): Promise<ReportPage['items'][number]> {
    return expectEventually(async () => {
      const page = await client.get<ReportPage>('/api/reports', { mine: 'true', planId: plan.id, period: key });
      expect(page.total).toBe(1);
      return page.items[0];
    });
  }

  const submit = async (client: ApiClient, figures: object, key = period.current) =>
    client.post<ReportView>(`/api/reports/${(await myReport(client, key)).id}/submit`, { figures });

  const summaryOf = (client: ApiClient, unitCode?: string) =>
    client.get<UnitSummary>(`/api/reporting/plans/${plan.id}/summary`, { unitCode, obligation: 'BC1', period: period.current });

  beforeAll(async () => {
    system = await startSystem();
    await system.api.post('/api/units/import', { rows: [...threeLevelTree('R'), { code: 'RBTG', name: 'Ban Tuyên giáo Tỉnh ủy', parentCode: 'RP', kind: 'ban' }] });
    province = await userClient(system, 'RP', 'office', 'tinh.bc');
    district1 = await userClient(system, 'RD1', 'office', 'huyen1.bc');
    board = await userClient(system, 'RBTG', 'office', 'tinh.btg');
    for (const d of [1, 2, 3]) {
      for (const code of cellCodes(d)) cells.set(code, await userClient(system, code, 'secretary', `${code.toLowerCase()}.bt`));
    }
  }, 180_000);

  afterAll(() => system?.stop(), 60_000);

  it('issues a plan whose yearly report is expected once per cell per year', async () => {
    const input: PlanInput = {
      symbol: '51-KH/TU',
      title: 'Kế hoạch thi đua xây dựng chi bộ trong sạch, vững mạnh',
      issueDate: period.issueDate,
      signer: 'Phạm Hữu Dự',
      tasks: [
        { number: '1', title: 'Quán triệt đến đảng viên', implementing: { type: 'descendants', kind: 'chi_bo' }, timeline: `Hoàn thành trong quý ${['I', 'II', 'III', 'IV'][period.quarterEnd.quarter - 1]}/${period.quarterEnd.year}` },
      ],
      reportingObligations: [
        {
          code: 'BC1',
          title: 'Báo cáo kết quả thực hiện phong trào thi đua',
          timeline: period.timeline,
          reporters: { type: 'descendants', kind: 'chi_bo' },
          through: 'Ban Tuyên giáo Tỉnh ủy',
          throughUnitCode: 'RBTG',
          adHoc: true,
        },
      ],
      indicators: [
        { code: 'dang_vien', name: 'Tổng số đảng viên', type: 'count', unit: 'đảng viên', required: true },
        { code: 'quan_triet', name: 'Số đảng viên được quán triệt', type: 'count', partOf: 'dang_vien', unit: 'đảng viên', required: true },
        { code: 'vi_pham', name: 'Số đảng viên vi phạm', type: 'count', partOf: 'dang_vien', unit: 'đảng viên' },
        { code: 'hoi_nghi', name: 'Đã tổ chức hội nghị quán triệt', type: 'boolean' },
      ],
      targets: [
        { code: 'MT1', text: 'Trên 80% đảng bộ cấp huyện hoàn thành tốt nhiệm vụ trở lên', metric: { type: 'rating-share', levels: ['excellent', 'good'], unitKind: 'district' }, comparator: '>', value: 80 },
        { code: 'MT2', text: 'Trên 95% đảng viên được quán triệt', metric: { type: 'indicator-ratio', indicator: 'quan_triet' }, comparator: '>', value: 95 },
        { code: 'MT3', text: 'Kéo giảm tỷ lệ đảng viên vi phạm 2%/năm', metric: { type: 'indicator-change', indicator: 'vi_pham' }, comparator: 'decrease', value: 2 },
      ],
    };
    const bad = await province.raw('POST', '/api/plans', { ...input, indicators: [{ ...input.indicators![1], partOf: 'khong_co' }, input.indicators![0]] });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toContainEqual({ path: 'indicators[0].partOf', message: 'Không có chỉ tiêu "khong_co" trong kế hoạch' });

    plan = await province.post<PlanView>('/api/plans', input);
    expect(plan.reportingObligations![0]).toMatchObject({ code: 'BC1', through: 'Ban Tuyên giáo Tỉnh ủy', deadline: { kind: 'recurring', every: 'year' } });
    await province.post(`/api/plans/${plan.id}/issue`);

    const cell = cells.get('RD1C1')!;
    const mine = await expectEventually(async () => {
      const page = await cell.get<ReportPage>('/api/reports', { mine: 'true', planId: plan.id });
      expect(page.items.map((r) => r.period.key)).toEqual([period.previous, period.current]);
      return page;
    }, { timeoutMs: 30_000 });
    expect(mine.items[1]).toMatchObject({ status: 'pending', obligation: { through: 'Ban Tuyên giáo Tỉnh ủy' }, unit: { code: 'RD1C1' } });
    const all = await province.get<ReportPage>('/api/reports', { planId: plan.id, period: period.current, pageSize: 1 });
    expect(all.total).toBe(30);
  });

  it('lets cells report; the district sees its reporting rate and exact totals as they arrive', async () => {
    const cell1 = cells.get('RD1C1')!;
    const negative = await cell1.raw('POST', `/api/reports/${(await myReport(cell1)).id}/submit`, { figures: { dang_vien: 12, quan_triet: 13, vi_pham: -1 } });
    expect(negative.status).toBe(400);
    expect(negative.body.fields).toEqual(
      expect.arrayContaining([
        { path: 'figures.vi_pham', message: '"Số đảng viên vi phạm" không được âm (-1)' },
        { path: 'figures.quan_triet', message: '"Số đảng viên được quán triệt" (13) không được lớn hơn "Tổng số đảng viên" (12)' },
      ]),
    );
    // The district may read the cell's report but not submit it.
    expect((await district1.raw('POST', `/api/reports/${(await myReport(cell1)).id}/submit`, { figures: figuresOf(1, 1) })).status).toBe(403);

    for (const [i, code] of cellCodes(1).slice(0, 7).entries()) await submit(cells.get(code)!, figuresOf(1, i + 1));
    let district = await summaryOf(district1);
    const reporting = () => district.reporting.find((r) => r.obligationCode === 'BC1' && r.period === period.current)!;
    expect(reporting()).toMatchObject({ expected: 10, received: 7, onTime: 7, rate: 70, byLevel: [expect.objectContaining({ kind: 'chi_bo', received: 7 })] });

    for (const [i, code] of cellCodes(1).slice(7).entries()) await submit(cells.get(code)!, figuresOf(1, i + 8));
    district = await summaryOf(district1);
    const expected = Array.from({ length: 10 }, (_, i) => figuresOf(1, i + 1));
    const sum = (key: 'dang_vien' | 'quan_triet' | 'vi_pham') => expected.reduce((total, f) => total + f[key], 0);
    expect(reporting()).toMatchObject({ expected: 10, received: 10, rate: 100 });
    const byCode = Object.fromEntries(district.figures.map((f) => [f.code, f]));
    expect(byCode.dang_vien).toMatchObject({ reported: 10, value: sum('dang_vien') });
    expect(byCode.quan_triet).toMatchObject({ value: sum('quan_triet'), ratio: { of: 'dang_vien', value: Math.round((sum('quan_triet') / sum('dang_vien')) * 10_000) / 100 } });
    expect(byCode.vi_pham.value).toBe(sum('vi_pham'));
    expect(byCode.hoi_nghi).toMatchObject({ value: 90, yes: 9 });

    // A returned report leaves the totals until it is resubmitted.
    const returned = await myReport(cells.get('RD1C2')!);
    await district1.post(`/api/reports/${returned.id}/return`, { reason: 'Đề nghị kiểm tra lại số đảng viên' });
    expect((await summaryOf(district1)).figures.find((f) => f.code === 'dang_vien')!.value).toBe(sum('dang_vien') - figuresOf(1, 2).dang_vien);
    const again = await cells.get('RD1C2')!.post<ReportView>(`/api/reports/${returned.id}/submit`, { figures: figuresOf(1, 2) }, );
    expect(again).toMatchObject({ status: 'resubmitted', version: 2 });
    // The board the reports go through, not above the cells, finds it on its desk and accepts it.
    const desk = await board.get<ReportPage>('/api/reports', { throughMe: 'true', planId: plan.id, period: period.current, unitCode: 'RD1C2' });
    expect(desk.items.map((r) => [r.id, r.status])).toEqual([[returned.id, 'resubmitted']]);
    expect(await board.post<ReportView>(`/api/reports/${returned.id}/accept`)).toMatchObject({ status: 'accepted' });
    expect((await summaryOf(district1)).figures.find((f) => f.code === 'dang_vien')!.value).toBe(sum('dang_vien'));
  });

  it('shows the district its cells finishing their tasks', async () => {
    const cell = cells.get('RD1C1')!;
    const assignment = (await cell.get<AssignmentPage>('/api/inbox')).items.find((a) => a.plan.id === plan.id)!;
    await cell.post(`/api/assignments/${assignment.id}/status`, { status: 'done', resultNote: 'Đã quán triệt cho 100% đảng viên' });
    await expectEventually(async () => {
      expect((await summaryOf(district1)).assignments).toMatchObject({ total: 10, done: 1, completionRate: 10, doneOnTime: 1 });
    });
  });

  it('shows the province its targets: met, not met, and not yet known', async () => {
    let target = async (code: string) => (await summaryOf(province)).targets.find((t) => t.code === code)!;
    expect(await target('MT2')).toMatchObject({ status: 'unknown', numbers: { expected: 30, received: 10 } });
    for (const d of [2, 3]) for (const [i, code] of cellCodes(d).entries()) await submit(cells.get(code)!, figuresOf(d, i + 1));
    for (const [code, level] of [['RD1', 'excellent'], ['RD2', 'good'], ['RD3', 'done']]) {
      await province.put(`/api/ratings/${period.current}/${code}`, { level });
    }
    const summary = await summaryOf(province);
    target = async (code: string) => summary.targets.find((t) => t.code === code)!;
    expect(await target('MT1')).toMatchObject({ status: 'not_met', actual: 66.67, numbers: { units: 3, rated: 3, counted: 2 } });
    expect(await target('MT2')).toMatchObject({ status: 'met', numbers: { expected: 30, received: 30 } });
    expect((await target('MT2')).actual).toBeGreaterThan(95);
    expect(await target('MT3')).toMatchObject({ status: 'unknown', explanation: expect.stringContaining(period.previous) });

    const tree = await province.get<ProgressTreePage>(`/api/reporting/plans/${plan.id}/tree`, { obligation: 'BC1', period: period.current });
    expect(tree.items.map((n) => [n.unit.code, n.reporting?.received, n.rating])).toEqual([
      ['RD1', 10, 'excellent'],
      ['RD2', 10, 'good'],
      ['RD3', 10, 'done'],
    ]);
    // A cell sees its own subtree only; another district's summary is not there for it.
    expect((await cells.get('RD1C1')!.raw('GET', `/api/reporting/plans/${plan.id}/summary?unitCode=RD2`)).status).toBe(404);
    expect((await district1.raw('PUT', `/api/ratings/${period.current}/RD1`, { level: 'excellent' })).status).toBe(403);
  });

  it('exports the district’s consolidated report: DOCX that LibreOffice reads, XLSX with the same numbers', async () => {
    const query = { obligation: 'BC1', period: period.current, number: '15', issuerCode: 'HU', place: 'Đông Anh' };
    const summary = await summaryOf(district1);

    const xlsx = await district1.download(`/api/reporting/plans/${plan.id}/export.xlsx`, query);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers.get('content-disposition')).toContain(`attachment; filename="bao-cao-51-KH-TU-RD1-${period.current}.xlsx"`);
    const book = XLSX.read(xlsx.body, { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[book.SheetNames[0]], { header: 1 });
    const at = rows.findIndex((r) => r[0] === 'STT');
    const header = rows[at] as string[];
    const col = (name: string) => header.findIndex((h) => h.startsWith(name));
    const units = rows.slice(at + 1, -1);
    const totals = rows.at(-1)!;
    expect(units.map((r) => r[1])).toEqual(cellCodes(1));
    const members = summary.figures.find((f) => f.code === 'dang_vien')!.value;
    expect(units.reduce((total: number, r) => total + (r[col('Tổng số đảng viên')] as number), 0)).toBe(members);
    expect([totals[2], totals[col('Tổng số đảng viên')], totals[col('Báo cáo đã nhận')], totals[col('Hoàn thành')]]).toEqual(['Tổng cộng', members, 10, 1]);

    const docx = await district1.download(`/api/reporting/plans/${plan.id}/export.docx`, query);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toContain('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    if (!hasCommand('soffice') || !hasCommand('pdftotext')) {
      if (process.env.SKIP_ENSURE_TOOLS) {
        console.warn('LibreOffice or pdftotext missing and SKIP_ENSURE_TOOLS set: the DOCX → PDF check is skipped');
        return;
      }
      throw new Error('LibreOffice (soffice) and pdftotext are needed: run `node scripts/ensure-tools.js` (npm test does)');
    }
    const dir = mkdtempSync(join(tmpdir(), 'tk-docx-'));
    try {
      writeFileSync(join(dir, 'bao-cao.docx'), docx.body);
      await run('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'bao-cao.docx')], { timeout: 120_000 });
      await run('pdftotext', [join(dir, 'bao-cao.pdf'), join(dir, 'bao-cao.txt')]);
      // Lines as read, with wrapping undone: a phrase may break where the page width ends.
      const text = readFileSync(join(dir, 'bao-cao.txt'), 'utf8').normalize('NFC').replace(/\s+/g, ' ');
      for (const line of [
        'ĐẢNG CỘNG SẢN VIỆT NAM',
        'TỈNH ỦY THỬ NGHIỆM',
        'HUYỆN ỦY 1',
        'Số 15-BC/HU',
        'BÁO CÁO',
        'Kết quả thực hiện Kế hoạch số 51-KH/TU',
        'I. TÌNH HÌNH BÁO CÁO',
        'Số báo cáo phải nộp: 10; đã nhận: 10 (100%)',
        'Báo cáo gửi qua Ban Tuyên giáo Tỉnh ủy',
        'III. SỐ LIỆU TỔNG HỢP',
        'Chi bộ 1 huyện 1',
        'Tổng cộng',
        'T/M BAN THƯỜNG VỤ',
        'Nơi nhận:',
      ]) {
        expect({ line, found: text.includes(line) }).toEqual({ line, found: true });
      }
      expect(text).toMatch(new RegExp(`Đông Anh, ngày \\d{2} tháng \\d{2} năm \\d{4}`));
      expect(text).toContain(String(members));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
