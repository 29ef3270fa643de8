import type { BodyMatch, ImportWarning } from '#contracts';
import { REFERENCE, seed } from '../test-fixtures/seeds.js';
import {
  collectBodies,
  keyOf,
  matchBodies,
  matchBody,
  parsePlanDocument,
  renderTree,
  toPlanInput,
  type UnitCandidate,
  type UnitLookup,
} from './index.js';

/** A small tree as the directory holds it; search works like the directory's (contains, no diacritics). */
const TREE: Array<UnitCandidate & { parent: string | null }> = [
  { code: 'TXNH', name: 'Thị ủy Ninh Hòa', kind: 'district', path: '1.2', parent: null },
  { code: 'TXNH-BTG', name: 'Ban Tuyên giáo Thị ủy', kind: 'advisory', path: '1.2.3', parent: 'TXNH' },
  { code: 'TXNH-BTC', name: 'Ban Tổ chức', kind: 'advisory', path: '1.2.4', parent: 'TXNH' },
  { code: 'TXNH-UBKT', name: 'Ủy ban Kiểm tra Thị ủy Ninh Hòa', kind: 'advisory', path: '1.2.5', parent: 'TXNH' },
  { code: 'TXNH-DV1', name: 'Ban Dân vận Thị ủy (cơ sở 1)', kind: 'advisory', path: '1.2.6', parent: 'TXNH' },
  { code: 'TXNH-DV2', name: 'Ban Dân vận Thị ủy (cơ sở 2)', kind: 'advisory', path: '1.2.7', parent: 'TXNH' },
  { code: 'TXNH-UBND', name: 'Ủy ban nhân dân thị xã', kind: 'government', path: '1.2.8', parent: 'TXNH' },
  { code: 'P1', name: 'Đảng ủy phường Ninh Hiệp', kind: 'commune', path: '1.2.9', parent: 'TXNH' },
  { code: 'P1-CB1', name: 'Chi bộ khu phố 1', kind: 'chi_bo', path: '1.2.9.10', parent: 'P1' },
];
const ISSUER = TREE[0];

function lookupOf(tree = TREE): UnitLookup & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async search(q, options) {
      calls.push(options?.parentCode ? `${q} @${options.parentCode}` : q);
      const items = tree.filter((u) => keyOf(u.name).includes(keyOf(q)) && (!options?.parentCode || u.parent === options.parentCode));
      return { items: items.map(({ parent: _parent, ...unit }) => unit), total: items.length };
    },
  };
}

describe('bodies to units', () => {
  const lookup = lookupOf();
  const match = (name: string) => matchBody(name, lookup, ISSUER);

  it('matches the issuer itself, exact names, names without the issuer’s level word, abbreviations', async () => {
    expect(await match('Ban Thường vụ Thị ủy')).toEqual({ status: 'matched', unit: ISSUER_UNIT, how: 'issuer' });
    expect(await match('Ban Tuyên giáo Thị ủy')).toMatchObject({ status: 'matched', unit: { code: 'TXNH-BTG' }, how: 'exact-name' });
    expect(await match('Ban Tổ chức Thị ủy')).toMatchObject({ status: 'matched', unit: { code: 'TXNH-BTC' }, how: 'issuer-child' });
    expect(await match('Ủy ban Kiểm tra Thị ủy')).toMatchObject({ status: 'matched', unit: { code: 'TXNH-UBKT' }, how: 'name-contains' });
    expect(await match('UBND thị xã')).toMatchObject({ status: 'matched', unit: { code: 'TXNH-UBND' }, how: 'abbreviation' });
  });

  it('never picks among several candidates, and keeps what it cannot find', async () => {
    expect(await match('Ban Dân vận Thị ủy')).toMatchObject({ status: 'ambiguous', total: 2, candidates: [{ code: 'TXNH-DV1' }, { code: 'TXNH-DV2' }] });
    expect(await match('Trung tâm Chính trị thị xã')).toEqual({ status: 'unmatched', reason: expect.any(String) });
    expect(await match('Ban Thường vụ Tỉnh ủy')).toMatchObject({ status: 'unmatched' });
  });

  it('turns group phrases into selectors without asking the directory', async () => {
    const before = lookup.calls.length;
    expect(await match('Các đảng ủy, chi bộ trực thuộc Thị ủy')).toEqual({ status: 'selector', selector: { type: 'direct-subordinates' }, how: 'các tổ chức đảng trực thuộc' });
    expect(await match('các chi bộ')).toMatchObject({ status: 'selector', selector: { type: 'descendants', kind: 'chi_bo' } });
    expect(await match('Các cơ quan chuyên trách tham mưu, giúp việc Thị ủy')).toMatchObject({ status: 'unmatched' });
    expect(lookup.calls.length).toBe(before);
  });
});

const ISSUER_UNIT = { code: 'TXNH', name: 'Thị ủy Ninh Hòa', kind: 'district', path: '1.2' };

describe('seed 001 as a draft plan', () => {
  const doc = parsePlanDocument(seed('town'), { referenceDate: REFERENCE });
  let matches: BodyMatch[];
  const matchWarnings: ImportWarning[] = [];

  beforeAll(async () => {
    matches = await matchBodies(collectBodies(doc), lookupOf(), ISSUER_UNIT, matchWarnings);
  });

  const resultFor = (name: string) => matches.find((m) => m.name === name)?.result;

  it('collects every body once, with where and how it is named', () => {
    const names = matches.map((m) => m.name);
    expect(new Set(names.map(keyOf)).size).toBe(names.length);
    expect(matches.find((m) => m.name === 'Ban Tuyên giáo Thị ủy')?.mentions.map((m) => m.role)).toEqual(
      expect.arrayContaining(['lead', 'report-through', 'implementing']),
    );
    expect(names).not.toContain('Đ/c Phan Công Bình - UVBTV Tỉnh ủy, Giám đốc Công an tỉnh');
    expect(resultFor('Ban Thường vụ Thị ủy')).toMatchObject({ status: 'matched', how: 'issuer' });
    expect(resultFor('Ban Tổ chức Thị ủy')).toMatchObject({ status: 'matched', unit: { code: 'TXNH-BTC' } });
    expect(resultFor('HĐND thị xã')).toMatchObject({ status: 'unmatched' });
    expect(resultFor('Ban Thường vụ Tỉnh ủy')).toMatchObject({ status: 'unmatched' });
  });

  it('flags what is unsure once per name, but not recipients outside the tree', () => {
    const flagged = matchWarnings.map((w) => w.text);
    expect(flagged).toEqual(expect.arrayContaining(['HĐND thị xã', 'Trung tâm Chính trị thị xã', 'Ban Dân vận Thị ủy', 'Các cấp ủy, tổ chức đảng']));
    expect(flagged).not.toContain('Ban Thường vụ Tỉnh ủy');
    expect(matchWarnings.find((w) => w.text === 'Ban Dân vận Thị ủy')?.message).toContain('khớp 2 đơn vị');
  });

  it('has no draft without a symbol, and says why', () => {
    const draft = toPlanInput(doc, matches, { issuer: ISSUER_UNIT });
    expect(draft.input).toBeNull();
    expect(draft.warnings.at(-1)?.message).toBe('Chưa tạo được dự thảo: thiếu số, ký hiệu văn bản. Bổ sung rồi nhập lại (hoặc nhập thẳng trên màn hình)');
  });

  it('builds the draft when the symbol is given: tasks with units, selectors and timelines, reporting obligations', () => {
    const { input, warnings, taskLines } = toPlanInput(doc, matches, { issuer: ISSUER_UNIT, defaults: { symbol: '45-KH/TU' } });
    expect(input).toMatchObject({
      symbol: '45-KH/TU',
      title: doc.title!.text,
      issuingUnitCode: 'TXNH',
      issueDate: REFERENCE,
      signer: 'Đỗ Tâm Hiền (T/M Ban Thường vụ, Bí thư)',
      basis: [{ text: expect.stringMatching(/^Kế hoạch số 301-KH\/TU ngày 15\/8\/2024/u) }],
    });
    const tasks = input!.tasks;
    expect(tasks.map((t) => t.number)).toEqual([
      '1', '1.1', '1.2', '1.3', '1.4', '1.5', '2', '2.1', '2.2', '2.3', '2.4', '2.5', '3', '4', '5', '6', '6.1', '6.2', '7', '7.1', '7.2', '7.3', '7.4',
    ]);
    expect(taskLines).toHaveLength(tasks.length);
    expect(tasks[0]).toEqual({
      number: '1',
      title: 'Quán triệt, tuyên truyền các chuẩn mực đạo đức cách mạng theo Quy định số 144-QĐ/TW',
      timeline: 'Thường xuyên',
      directingUnitCode: 'TXNH',
      leadUnitCode: 'TXNH-BTG',
      implementing: { type: 'direct-subordinates' },
    });
    // Sub-items take their item's timeline; the roles stay with the item.
    expect(tasks[1]).toEqual({ number: '1.1', title: expect.any(String), timeline: 'Thường xuyên' });
    // UBND thị xã is matched, but the group selector is what can be tracked: said in a warning.
    const three = tasks.find((t) => t.number === '3')!;
    expect(three).toMatchObject({ timeline: 'Hoàn thành trong quý IV/2024', implementing: { type: 'direct-subordinates' } });
    expect(warnings).toContainEqual(expect.objectContaining({ message: expect.stringContaining('Nhiệm vụ 3: đơn vị thực hiện là các đơn vị trực thuộc; các đơn vị nêu riêng (TXNH-UBND)') }));
    // Ban Dân vận is ambiguous: not recorded; Ủy ban Kiểm tra leads.
    expect(tasks.find((t) => t.number === '6')).toMatchObject({ leadUnitCode: 'TXNH-UBKT', implementing: { type: 'direct-subordinates' } });
    expect(warnings).toContainEqual(expect.objectContaining({ message: 'Nhiệm vụ 6: "HĐND thị xã" không khớp đơn vị nào, không đưa vào đơn vị thực hiện' }));
    // The reports are the plan's reporting obligations: reported by the direct subordinates, the
    // yearly one through Ban Tuyên giáo (matched to its unit).
    expect(input!.reportingObligations).toEqual([
      {
        code: 'BC1',
        title: 'Báo cáo kết quả ban hành chuẩn mực đạo đức nghề nghiệp, đạo đức công vụ của các cơ quan, đơn vị',
        timeline: 'trước ngày 25/12/2024',
        reporters: { type: 'direct-subordinates' },
      },
      expect.objectContaining({
        code: 'BC2',
        title: 'Báo cáo kết quả tổ chức thực hiện Quy định số 144-QĐ/TW',
        timeline: 'Định kỳ hằng năm (trước ngày 25/11)',
        reporters: { type: 'direct-subordinates' },
        through: 'Ban Tuyên giáo Thị ủy',
        throughUnitCode: 'TXNH-BTG',
        adHoc: true,
      }),
    ]);
    expect(warnings).toContainEqual(expect.objectContaining({ line: 205, message: 'Nghĩa vụ báo cáo BC2 (Định kỳ hằng năm (trước ngày 25/11)) được đưa vào dự thảo' }));
  });

  it('puts a placeholder timeline, flagged, where the document gives none that can be read', () => {
    const broken = parsePlanDocument(seed('town').replace('Hoàn thành trong quý IV/2024.\n\n4.', 'quý V/2024.\n\n4.'), { referenceDate: REFERENCE });
    const { input, warnings } = toPlanInput(broken, matches, { issuer: ISSUER_UNIT, defaults: { symbol: '45-KH/TU' } });
    expect(input!.tasks.find((t) => t.number === '3')?.timeline).toBe('Thường xuyên');
    expect(warnings).toContainEqual(expect.objectContaining({ line: 125, message: 'Nhiệm vụ 3: thời gian "quý V/2024" không đọc được; dự thảo tạm ghi "Thường xuyên", cần sửa' }));
  });

  it('prints as a readable tree', () => {
    const tree = renderTree(doc);
    expect(tree).toContain('KẾ HOẠCH (chưa có số, ký hiệu)');
    expect(tree).toContain('  3. Rà soát, bổ sung, xây dựng, hoàn thiện chuẩn mực đạo đức nghề nghiệp, đạo đức công vụ cho cán bộ, đảng viên  [3., dòng 113]');
    expect(tree).toContain('      thực hiện: UBND thị xã; các đảng ủy, chi bộ trực thuộc Thị ủy');
    expect(tree).toContain('      thời gian: Hoàn thành trong quý IV/2024 → hạn 31/12/2024');
    expect(tree).toContain('      thời hạn: Định kỳ hằng năm (trước ngày 25/11) → hằng năm, hạn 24/11 (lần tới 24/11/2024); và đột xuất');
    expect(tree).toContain('      gửi: Ban Thường vụ Thị ủy (qua Ban Tuyên giáo Thị ủy)');
    expect(tree).toContain('  - Lưu: Văn phòng Thị ủy');
    expect(tree).toContain('Người ký: Đỗ Tâm Hiền, T/M Ban Thường vụ, Bí thư');
    expect(renderTree(parsePlanDocument(seed('bloc'), { referenceDate: REFERENCE }))).toContain('  - giảm 2%/năm: tỷ lệ đảng viên vi phạm  [dòng 57]');
  });
});
