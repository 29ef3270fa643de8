import { Document, Packer, Paragraph, TextRun } from 'docx';
import { directoryEnv, loadConfig, serviceEnv } from '#config';
import {
  RpcPatterns,
  type Actor,
  type BodyMatch,
  type ImportPlanRequest,
  type ImportPlanResult,
  type PlanView,
} from '#contracts';
import { startServices, type ServiceTestBed } from '#testing';
import { seed } from '../../../../libs/plan-import/test-fixtures/seeds.js';
import { AppModule as DirectoryModule } from '../../../directory/src/app.module.js';
import { SCHEMA as DIRECTORY_SCHEMA, migrations as directoryMigrations } from '../../../directory/src/migrations/index.js';
import { AppModule } from '../app.module.js';
import { SCHEMA, migrations } from '../migrations/index.js';

/** A town committee's small tree: its advisory boards, two grassroots committees and their cells. */
const TREE = [
  { code: 'KH', name: 'Tỉnh ủy Khánh Hòa', parentCode: 'TW', kind: 'province' },
  { code: 'TXNH', name: 'Thị ủy Ninh Hòa', parentCode: 'KH', kind: 'district' },
  { code: 'TXNH-BTG', name: 'Ban Tuyên giáo Thị ủy', parentCode: 'TXNH', kind: 'advisory' },
  { code: 'TXNH-BTC', name: 'Ban Tổ chức', parentCode: 'TXNH', kind: 'advisory' },
  { code: 'TXNH-UBKT', name: 'Ủy ban Kiểm tra Thị ủy', parentCode: 'TXNH', kind: 'advisory' },
  { code: 'TXNH-P1', name: 'Đảng ủy phường Ninh Hiệp', parentCode: 'TXNH', kind: 'commune' },
  { code: 'TXNH-P2', name: 'Đảng ủy xã Ninh Thân', parentCode: 'TXNH', kind: 'commune' },
  { code: 'TXNH-P1-CB1', name: 'Chi bộ khu phố 1', parentCode: 'TXNH-P1', kind: 'chi_bo' },
  { code: 'TXNH-P1-CB2', name: 'Chi bộ khu phố 2', parentCode: 'TXNH-P1', kind: 'chi_bo' },
  // Another town's board of the same name, outside the importer's tree: never a candidate.
  { code: 'TXCR', name: 'Thị ủy Cam Ranh', parentCode: 'KH', kind: 'district' },
  { code: 'TXCR-BDV', name: 'Ban Dân vận Thị ủy', parentCode: 'TXCR', kind: 'advisory' },
];

const HEADER = 'THỊ ỦY NINH HÒA\n*\nSố 45-KH/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nNinh Hòa, ngày 20 tháng 9 năm 2024\n';

describe('rpc.plans.import: a plan document becomes a draft plan of the importer’s unit', () => {
  let bed: ServiceTestBed;
  let office: Actor;

  const actorFor = (username: string, password: string) => bed.actorFor(username, password);

  const importPlan = (request: Omit<ImportPlanRequest, 'actor'>, actor = office) =>
    bed.rpc<ImportPlanResult>(RpcPatterns.plans.importDocument, { actor, referenceDate: '2024-10-15', ...request });
  const matchOf = (result: ImportPlanResult, name: string): BodyMatch['result'] | undefined => result.matches.find((m) => m.name === name)?.result;

  beforeAll(async () => {
    bed = await startServices(
      [
        { name: 'plans', schema: SCHEMA, migrations, module: (env) => AppModule.forRoot(loadConfig(serviceEnv, env)) },
        { name: 'directory', schema: DIRECTORY_SCHEMA, migrations: directoryMigrations, module: (env) => DirectoryModule.forRoot(loadConfig(directoryEnv, env)) },
      ],
      { JWT_SECRET: 'x'.repeat(40), ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: 'mat-khau-quan-tri' },
    );
    const admin = await actorFor('admin', 'mat-khau-quan-tri');
    await bed.rpc(RpcPatterns.directory.importUnits, { actor: admin, rows: TREE });
    await bed.rpc(RpcPatterns.directory.createUser, { actor: admin, username: 'vp.thiuy', password: 'mat-khau-123', fullName: 'Văn phòng Thị ủy', unitCode: 'TXNH', role: 'office' });
    office = await actorFor('vp.thiuy', 'mat-khau-123');
  });

  afterAll(() => bed?.close());

  it('reads seed 001 and matches its bodies in the tree, but creates no draft without a symbol', async () => {
    const result = await importPlan({ text: seed('town'), fileName: '001.txt' });
    expect(result.plan).toBeNull();
    expect(result.document.tasks).toHaveLength(7);
    expect(result.warnings.map((w) => w.message)).toContain('Chưa tạo được dự thảo: thiếu số, ký hiệu văn bản. Bổ sung rồi nhập lại (hoặc nhập thẳng trên màn hình)');

    expect(matchOf(result, 'Ban Thường vụ Thị ủy')).toMatchObject({ status: 'matched', unit: { code: 'TXNH' }, how: 'issuer' });
    expect(matchOf(result, 'Ban Tuyên giáo Thị ủy')).toMatchObject({ status: 'matched', unit: { code: 'TXNH-BTG', name: 'Ban Tuyên giáo Thị ủy' }, how: 'exact-name' });
    expect(matchOf(result, 'Ban Tổ chức Thị ủy')).toMatchObject({ status: 'matched', unit: { code: 'TXNH-BTC' }, how: 'issuer-child' });
    expect(matchOf(result, 'Ủy ban Kiểm tra Thị ủy')).toMatchObject({ status: 'matched', unit: { code: 'TXNH-UBKT' } });
    expect(matchOf(result, 'Các đảng ủy, chi bộ trực thuộc Thị ủy')).toMatchObject({ status: 'selector', selector: { type: 'direct-subordinates' } });
    // Cam Ranh's board of that name is outside the importer's subtree.
    expect(matchOf(result, 'Ban Dân vận Thị ủy')).toMatchObject({ status: 'unmatched' });
    for (const name of ['UBND thị xã', 'HĐND thị xã', 'Trung tâm Chính trị thị xã', 'Các cơ quan chuyên trách tham mưu, giúp việc Thị ủy']) {
      expect(matchOf(result, name)).toMatchObject({ status: 'unmatched' });
      expect(result.warnings).toContainEqual(expect.objectContaining({ text: name, message: expect.stringContaining('không khớp đơn vị nào') }));
    }
    expect(matchOf(result, 'Ban Thường vụ Tỉnh ủy')).toMatchObject({ status: 'unmatched' });
  });

  it('creates the draft (never issued) once the symbol is given, with matched units and parsed deadlines', async () => {
    const result = await importPlan({ text: seed('town'), defaults: { symbol: '12-KH/TU' } });
    const plan = result.plan!;
    expect(plan).toMatchObject({
      status: 'draft',
      issuedAt: null,
      symbol: '12-KH/TU',
      documentKind: 'KH',
      issuingUnit: { code: 'TXNH', name: 'Thị ủy Ninh Hòa' },
      issueDate: '2024-10-15',
      signer: 'Đỗ Tâm Hiền (T/M Ban Thường vụ, Bí thư)',
      title: 'Thực hiện Quy định số 144-QĐ/TW ngày 09/5/2024 của Bộ Chính trị về chuẩn mực đạo đức cách mạng của cán bộ, đảng viên trong giai đoạn mới',
    });
    expect(plan.basis).toEqual([{ text: expect.stringMatching(/^Kế hoạch số 301-KH\/TU ngày 15\/8\/2024 của Ban Thường vụ Tỉnh ủy/u) }]);
    expect(plan.tasks).toHaveLength(23);
    const byNumber = new Map(plan.tasks.map((t) => [t.number, t]));
    expect(byNumber.get('1')).toMatchObject({
      directingUnit: { code: 'TXNH' },
      leadUnit: { code: 'TXNH-BTG' },
      coordinatingUnits: [],
      implementing: { type: 'direct-subordinates' },
      timeline: 'Thường xuyên',
      deadline: { kind: 'ongoing' },
    });
    expect(byNumber.get('1.3')).toMatchObject({ implementing: null, timeline: 'Thường xuyên' });
    expect(byNumber.get('3')).toMatchObject({ deadline: { kind: 'fixed', dueDate: '2024-12-31' }, implementing: { type: 'direct-subordinates' } });
    expect(byNumber.get('4')).toMatchObject({ leadUnit: { code: 'TXNH-BTC' }, deadline: { kind: 'fixed', dueDate: '2024-12-31' } });
    expect(byNumber.get('6')).toMatchObject({ leadUnit: { code: 'TXNH-UBKT' } });
    // Section III's reporting duties are the plan's reporting obligations, stored and parsed.
    expect(plan.reportingObligations).toEqual([
      expect.objectContaining({ code: 'BC1', title: expect.stringMatching(/^Báo cáo kết quả ban hành/u), timeline: 'trước ngày 25/12/2024' }),
      expect.objectContaining({
        code: 'BC2',
        timeline: 'Định kỳ hằng năm (trước ngày 25/11)',
        reporters: { type: 'direct-subordinates' },
        through: 'Ban Tuyên giáo Thị ủy',
        throughUnit: expect.objectContaining({ code: 'TXNH-BTG' }),
        to: expect.objectContaining({ code: 'TXNH' }),
        deadline: expect.objectContaining({ kind: 'recurring', every: 'year', month: 11, day: 24 }),
      }),
    ]);
    expect(result.warnings).toContainEqual(expect.objectContaining({ message: 'Nhiệm vụ 6: "HĐND thị xã" không khớp đơn vị nào, không đưa vào đơn vị thực hiện' }));
    // The draft is a normal plan: visible, and editable through the plans API.
    const stored = await bed.rpc<PlanView>(RpcPatterns.plans.get, { actor: office, planId: plan.id });
    expect(stored.status).toBe('draft');
  });

  it('takes symbol and issue date from the document’s own header', async () => {
    const result = await importPlan({ text: HEADER + seed('town') });
    expect(result.plan).toMatchObject({ symbol: '45-KH/TU', issueDate: '2024-09-20', status: 'draft' });
    expect(result.document.issueDate).toMatchObject({ date: '2024-09-20', place: 'Ninh Hòa', source: 'place-date' });
  });

  it('reads a .docx sent as base64; an issuing body outside the tree leaves the importer’s unit as issuer, flagged', async () => {
    const lines = seed('bloc').split('\n').filter((line) => line.trim());
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: lines.map((line) => new Paragraph({ children: [new TextRun(line)] })) }] }));
    const result = await importPlan({ docxBase64: docx.toString('base64'), fileName: '003.docx' });
    expect(result.document.symbol?.symbol).toBe('51-KH/ĐUK');
    expect(result.document.targets).toHaveLength(11);
    expect(result.plan).toMatchObject({ symbol: '51-KH/ĐUK', issuingUnit: { code: 'TXNH' }, status: 'draft' });
    expect(result.plan!.tasks.map((t) => t.number)).toEqual(['1', '2', '2.1', '2.1.1', '2.1.2', '2.2', '2.2.1', '2.2.2', '2.2.3', '3']);
    expect(result.warnings).toContainEqual(expect.objectContaining({ message: expect.stringContaining('Cơ quan ban hành "Ban Thường vụ Đảng ủy Khối Cơ quan - Doanh nghiệp tỉnh" chưa khớp') }));
    expect(result.warnings).toContainEqual(expect.objectContaining({ message: expect.stringContaining('Nhiệm vụ 1: không ghi thời gian thực hiện; dự thảo tạm ghi "Thường xuyên"') }));
  });

  it('answers a draft the plans rules refuse with the reasons as warnings, not an error', async () => {
    const again = await importPlan({ text: HEADER + seed('town') });
    expect(again.plan).toBeNull();
    expect(again.warnings).toContainEqual(expect.objectContaining({ message: expect.stringContaining('Đơn vị đã có văn bản số "45-KH/TU"') }));
    const news = await importPlan({ text: seed('news'), defaults: { symbol: '99-KH/TU' } });
    expect(news.plan).toBeNull();
    expect(news.document.tasks).toEqual([]);
    expect(news.warnings.map((w) => w.message)).toContainEqual(expect.stringContaining('không có nhiệm vụ nào'));
  });

  it('refuses an empty or unreadable document and a reader', async () => {
    expect(await bed.rpcError(RpcPatterns.plans.importDocument, { actor: office, text: '  \n ' })).toMatchObject({ status: 400, code: 'PLAN_IMPORT.EMPTY' });
    expect(await bed.rpcError(RpcPatterns.plans.importDocument, { actor: office, docxBase64: Buffer.from('not a word file').toString('base64') })).toMatchObject({
      status: 400,
      code: 'PLAN_IMPORT.UNREADABLE',
      message: 'Tệp không phải tệp Word (.docx)',
    });
    expect(await bed.rpcError(RpcPatterns.plans.importDocument, { actor: { ...office, role: 'inspector' }, text: seed('town') })).toMatchObject({ status: 403 });
    expect(await bed.rpcError(RpcPatterns.plans.importDocument, { text: seed('town') })).toMatchObject({ status: 401 });
  });
});
