import type { ImportedPlan } from '#contracts';
import { parsePlanDocument } from './index.js';
import { flatten, REFERENCE, rolesOf, seed, task } from '../test-fixtures/seeds.js';

const ongoing = { kind: 'ongoing' };
const fixed = (dueDate: string) => ({ kind: 'fixed', dueDate, dueAt: `${dueDate}T16:59:59.999Z` });
const messages = (plan: ImportedPlan) => plan.warnings.map((w) => w.message);

const THI_UY_ROLES = {
  directing: ['Ban Thường vụ Thị ủy'],
  lead: ['Ban Tuyên giáo Thị ủy'],
  coordinating: ['Các cơ quan chuyên trách tham mưu, giúp việc Thị ủy'],
};

describe('seed 001: the town plan implementing 301-KH/TU (roles, timelines, reports)', () => {
  const plan = parsePlanDocument(seed('town'), { referenceDate: REFERENCE });

  it('reads the header: kind, trích yếu, issuing body, basis; flags the missing symbol and date', () => {
    expect(plan.documentType).toMatchObject({ kind: 'KH', kindName: 'Kế hoạch', line: 3 });
    expect(plan.title).toEqual({
      text: 'Thực hiện Quy định số 144-QĐ/TW ngày 09/5/2024 của Bộ Chính trị về chuẩn mực đạo đức cách mạng của cán bộ, đảng viên trong giai đoạn mới',
      line: 5,
    });
    expect(plan.issuingBody).toMatchObject({ name: 'Ban Thường vụ Thị ủy', source: 'basis-paragraph', line: 9 });
    expect(plan.symbol).toBeNull();
    expect(plan.issueDate).toMatchObject({ date: REFERENCE, source: 'reference', line: 0 });
    expect(messages(plan)).toEqual(
      expect.arrayContaining([expect.stringContaining('số, ký hiệu'), expect.stringContaining('tạm lấy ngày tham chiếu 2024-10-15')]),
    );
    // The regulation named inside the plan's "về …" clause is part of that citation, not a second basis.
    expect(plan.basis).toEqual([
      expect.objectContaining({
        line: 9,
        kindName: 'Kế hoạch',
        symbol: '301-KH/TU',
        number: 301,
        kind: 'KH',
        issuerCode: 'TU',
        date: '2024-08-15',
        issuer: 'Ban Thường vụ Tỉnh ủy',
        subject: expect.stringMatching(/^thực hiện Quy định số 144-QĐ\/TW ngày 09\/5\/2024 của Bộ Chính trị/u),
      }),
    ]);
  });

  it('reads purposes and requirements, and the three sections by kind', () => {
    expect(plan.purpose).toMatchObject({ heading: 'MỤC ĐÍCH, YÊU CẦU', line: 11, general: [] });
    expect(plan.purpose!.purposes).toHaveLength(2);
    expect(plan.purpose!.purposes[0]).toMatch(/^Giúp các cấp ủy, tổ chức đảng/u);
    expect(plan.purpose!.requirements).toHaveLength(3);
    // The sentence broken across lines 25–27 is one requirement.
    expect(plan.purpose!.requirements[2]).toBe(
      'Công tác đánh giá, kiểm tra, giám sát, sơ kết, tổng kết, tuyên dương khen thường các điển hình tiêu biểu trong quá trình tổ chức thực hiện Quy định số 144-QĐ/TW phải hiệu quả, thực chất.',
    );
    expect(plan.sections.map((s) => [s.numeral, s.kind, s.line])).toEqual([
      ['I', 'purpose', 11],
      ['II', 'tasks', 29],
      ['III', 'organisation', 197],
    ]);
  });

  it('reads the task hierarchy: 7 tasks, their sub-items, numbers and titles', () => {
    expect(plan.tasks.map((t) => [t.number, t.line])).toEqual([
      ['1', 31],
      ['2', 51],
      ['3', 113],
      ['4', 127],
      ['5', 139],
      ['6', 151],
      ['7', 167],
    ]);
    expect(flatten(plan.tasks).map((t) => t.number)).toEqual([
      '1', '1.1', '1.2', '1.3', '1.4', '1.5',
      '2', '2.1', '2.2', '2.3', '2.4', '2.5',
      '3', '4', '5',
      '6', '6.1', '6.2',
      '7', '7.1', '7.2', '7.3', '7.4',
    ]);
    expect(task(plan, '1').title).toBe('Quán triệt, tuyên truyền các chuẩn mực đạo đức cách mạng theo Quy định số 144-QĐ/TW');
    expect(task(plan, '2.3').title).toBe('Cần, kiệm, liêm, chính, chí công vô tư');
    expect(task(plan, '2.3').description.split('\n')).toHaveLength(5);
    expect(task(plan, '2.3').description).toMatch(/^- Về cần: Tâm huyết/u);
    expect(task(plan, '3').title).toBe('Rà soát, bổ sung, xây dựng, hoàn thiện chuẩn mực đạo đức nghề nghiệp, đạo đức công vụ cho cán bộ, đảng viên');
    expect(task(plan, '3').description).toMatch(/^Các cấp ủy, chính quyền chỉ đạo các ngành chức năng/u);
    // "1.5. … giáo dục" continues on line 43 after a blank line: one title.
    expect(task(plan, '1.5').title).toBe('Tăng cường, đa dạng hóa các hình thức, phương pháp tuyên truyền, giáo dục các chuẩn mực đạo đức cách mạng');
    expect(task(plan, '7.3')).toMatchObject({ title: 'Xử lý kỷ luật', description: expect.stringMatching(/^Kịp thời chấn chỉnh/u) });
    expect(task(plan, '6.1')).toMatchObject({ label: '6.1.', level: 2, section: 'II' });
  });

  it('gives each task its roles: the block after the last sub-item belongs to the item', () => {
    for (const number of ['1', '2', '5', '7']) expect(rolesOf(task(plan, number))).toMatchObject(THI_UY_ROLES);
    expect(rolesOf(task(plan, '1')).implementing).toEqual(['Các đảng ủy, chi bộ trực thuộc Thị ủy']);
    expect(rolesOf(task(plan, '3')).implementing).toEqual(['UBND thị xã', 'các đảng ủy, chi bộ trực thuộc Thị ủy']);
    expect(rolesOf(task(plan, '4'))).toEqual({
      directing: ['Ban Thường vụ Thị ủy'],
      lead: ['Ban Tổ chức Thị ủy'],
      coordinating: ['Các cơ quan chuyên trách tham mưu, giúp việc Thị ủy'],
      implementing: ['Các cấp ủy, tổ chức đảng'],
    });
    expect(rolesOf(task(plan, '5')).implementing).toEqual(['Trung tâm Chính trị thị xã', 'các đảng ủy, chi bộ trực thuộc Thị ủy']);
    expect(rolesOf(task(plan, '6'))).toEqual({
      directing: ['Ban Thường vụ Thị ủy'],
      lead: ['Ủy ban Kiểm tra Thị ủy', 'Ban Dân vận Thị ủy'],
      coordinating: ['Các cơ quan chuyên trách tham mưu, giúp việc Thị ủy'],
      implementing: [
        'HĐND thị xã',
        'Ủy ban Mặt trận Tổ quốc Việt Nam',
        'các tổ chức chính trị - xã hội thị xã',
        'các đảng ủy, chi bộ trực thuộc Thị ủy',
      ],
    });
    expect(task(plan, '4').roles.find((r) => r.kind === 'lead')).toMatchObject({ label: 'Cơ quan chủ trì, tham mưu', line: 131 });
    for (const sub of ['1.1', '1.5', '2.5', '6.2', '7.4']) expect(task(plan, sub).roles).toEqual([]);
  });

  it('reads every timeline and its deadline', () => {
    const timelines = plan.tasks.map((t) => [t.number, t.timeline?.text, t.timeline?.deadline]);
    expect(timelines).toEqual([
      ['1', 'Thường xuyên', ongoing],
      ['2', 'Thường xuyên', ongoing],
      ['3', 'Hoàn thành trong quý IV/2024', fixed('2024-12-31')],
      ['4', 'Hoàn thành trong quý IV/2024', fixed('2024-12-31')],
      ['5', 'Thường xuyên', ongoing],
      ['6', 'Thường xuyên', ongoing],
      ['7', 'Thường xuyên', ongoing],
    ]);
    expect(task(plan, '3').timeline).toMatchObject({ line: 125, error: null });
    expect(flatten(plan.tasks).filter((t) => t.level === 2).every((t) => t.timeline === null)).toBe(true);
  });

  it('reads the two reporting obligations of section III: what, when, by whom, to whom, through whom', () => {
    const reporters = ['Các cơ quan chuyên trách tham mưu, giúp việc Thị ủy', 'các đảng ủy, chi bộ trực thuộc Thị ủy'];
    expect(plan.reporting).toEqual([
      expect.objectContaining({
        line: 203,
        what: 'kết quả ban hành chuẩn mực đạo đức nghề nghiệp, đạo đức công vụ của các cơ quan, đơn vị',
        deadlineText: 'trước ngày 25/12/2024',
        deadline: fixed('2024-12-24'),
        error: null,
        to: null,
        through: null,
        reporters,
        adHoc: false,
      }),
      expect.objectContaining({
        line: 205,
        what: 'kết quả tổ chức thực hiện Quy định số 144-QĐ/TW',
        deadlineText: 'Định kỳ hằng năm (trước ngày 25/11)',
        deadline: { kind: 'recurring', every: 'year', month: 11, day: 24, nextDueDate: '2024-11-24', nextDueAt: '2024-11-24T16:59:59.999Z' },
        to: 'Ban Thường vụ Thị ủy',
        through: 'Ban Tuyên giáo Thị ủy',
        reporters,
        adHoc: true,
      }),
    ]);
  });

  it('reads the organisation section: items addressed to bodies', () => {
    expect(plan.organisation.map((t) => [t.number, t.title, rolesOf(t).implementing])).toEqual([
      ['1', 'Các cơ quan chuyên trách tham mưu, giúp việc Thị ủy; các đảng ủy, chi bộ trực thuộc Thị ủy', [
        'Các cơ quan chuyên trách tham mưu, giúp việc Thị ủy',
        'các đảng ủy, chi bộ trực thuộc Thị ủy',
      ]],
      ['2', 'Ban Tuyên giáo Thị ủy', ['Ban Tuyên giáo Thị ủy']],
    ]);
    expect(plan.organisation[0].children.map((t) => t.number)).toEqual(['1.1', '1.2', '1.3']);
    expect(plan.organisation[1].description).toContain('Kế hoạch này được phổ biến đến chi bộ.');
  });

  it('has no numeric targets', () => {
    expect(plan.targets).toEqual([]);
  });

  it('reads the distribution list with each line’s purpose, and the signer', () => {
    expect(plan.recipients.map((r) => [r.line, r.name, r.purpose, r.purposeText, r.person])).toEqual([
      [215, 'Ban Thường vụ Tỉnh ủy', 'report', 'báo cáo', false],
      [216, 'Ban Tuyên giáo Tỉnh ủy', 'report', 'báo cáo', false],
      [217, 'Đ/c Phan Công Bình - UVBTV Tỉnh ủy, Giám đốc Công an tỉnh', 'report', 'báo cáo', true],
      [218, 'Các đồng chí UVBTV Thị ủy', null, null, false],
      [219, 'Các cơ quan tham mưu, giúp việc Thị ủy', null, null, false],
      [220, 'Mặt trận và các tổ chức CT-XH thị xã', null, null, false],
      [221, 'Các đảng ủy, chi bộ trực thuộc Thị ủy', null, null, false],
      [222, 'Trang thông tin điện tử thị xã', null, null, false],
      [223, 'C, PC Văn phòng Thị ủy', null, null, false],
      [224, 'Văn phòng Thị ủy', 'archive', 'Lưu', false],
    ]);
    expect(plan.signer).toEqual({
      name: 'Đỗ Tâm Hiền',
      capacity: 'T/M Ban Thường vụ, Bí thư',
      mode: 'on-behalf',
      onBehalfOf: 'Ban Thường vụ',
      title: 'Bí thư',
      line: 226,
      text: 'T/M BAN THƯỜNG VỤ / BÍ THƯ / Đỗ Tâm Hiền',
    });
  });

  it('warns only about what it could not find', () => {
    expect(plan.warnings.map((w) => w.message)).toHaveLength(2);
  });
});

describe('seed 000: the provincial plan (several content sections, Điều N, timelines in bullets)', () => {
  const plan = parsePlanDocument(seed('province'), { referenceDate: REFERENCE });

  it('reads the header and both basis documents', () => {
    expect(plan.documentType?.kind).toBe('KH');
    expect(plan.title?.text).toBe(
      'Tổ chức thực hiện Quy định số 144-QĐ/TW, ngày 09/5/2024 của Bộ Chính trị quy định về “chuẩn mực đạo đức cách mạng của cán bộ, đảng viên trong giai đoạn mới”',
    );
    expect(plan.issuingBody).toMatchObject({ name: 'Ban Thường vụ Tỉnh ủy', line: 7 });
    expect(plan.symbol).toBeNull();
    expect(plan.basis.map((b) => [b.kindName, b.symbol, b.kind, b.issuerCode, b.date, b.issuer, b.subject])).toEqual([
      ['Quy định', '144-QĐ/TW', 'QĐ', 'TW', '2024-05-09', 'Bộ Chính trị', 'chuẩn mực đạo đức cách mạng của cán bộ, đảng viên trong giai đoạn mới'],
      [
        'Hướng dẫn',
        '159-HD/BTGTW',
        'HD',
        'BTGTW',
        '2024-07-03',
        'Ban Tuyên giáo Trung ương',
        'thực hiện Quy định chuẩn mực đạo đức cách mạng của cán bộ, đảng viên trong giai đoạn mới',
      ],
    ]);
  });

  it('classifies sections II–IV as content and V as organisation; purposes and numbered requirements', () => {
    expect(plan.sections.map((s) => [s.numeral, s.kind])).toEqual([
      ['I', 'purpose'],
      ['II', 'tasks'],
      ['III', 'tasks'],
      ['IV', 'tasks'],
      ['V', 'organisation'],
    ]);
    expect(plan.purpose!.purposes).toHaveLength(2);
    expect(plan.purpose!.requirements).toHaveLength(5);
    expect(plan.purpose!.requirements[4]).toMatch(/^Mỗi cán bộ, đảng viên, đoàn viên, hội viên phải tự giác/u);
  });

  it('makes each content section a task and numbers its items under it (with a warning)', () => {
    expect(plan.tasks.map((t) => [t.number, t.label, t.title])).toEqual([
      ['1', 'II', 'Nội dung chuẩn mực đạo đức cách mạng của cán bộ, đảng viên trong giai đoạn mới'],
      ['2', 'III', 'Kế hoạch tổ chức thực hiện'],
      ['3', 'IV', 'Đánh giá, khen thưởng, kỷ luật, sơ kết, tổng kết'],
    ]);
    expect(task(plan, '1').children.map((t) => [t.number, t.label, t.title])).toEqual([
      ['1.1', 'Điều 1.', 'Yêu nước, tôn trọng Nhân dân, tuyệt đối trung thành với Đảng, với Tổ quốc'],
      ['1.2', 'Điều 2.', 'Bản lĩnh, đổi mới, sáng tạo, hội nhập'],
      ['1.3', 'Điều 3.', 'Cần, kiệm, liêm, chính, chí công vô tư'],
      ['1.4', 'Điều 4.', 'Đoàn kết, kỷ cương, tình thương, trách nhiệm'],
      ['1.5', 'Điều 5.', 'Gương mẫu, khiêm tốn, tu dưỡng rèn luyện, học tập suốt đời'],
    ]);
    expect(task(plan, '1').description).toMatch(/^Nội dung chuẩn mực đạo đức cách mạng của cán bộ, đảng viên đã được quy định cụ thể tại các điều 1,2,3,4,5/u);
    expect(task(plan, '1.1').description).toMatch(/^Tiêu chí đánh giá:\n- Về yêu nước: Suốt đời phấn đấu/u);
    expect(flatten(task(plan, '2').children).map((t) => [t.number, t.label, t.title])).toEqual([
      ['2.1', '1.', 'Rà soát, bổ sung, xây dựng, hoàn thiện chuẩn mực đạo đức nghề nghiệp, đạo đức công vụ cho cán bộ, đảng viên'],
      ['2.2', '2.', 'Đẩy mạnh công tác tuyên truyền, giáo dục; kiểm tra, giám sát'],
      ['2.2.1', '2.1.', 'Tuyên truyền, giáo dục'],
      ['2.2.2', '2.2.', 'Kiểm tra, giám sát'],
    ]);
    expect(task(plan, '3').children.map((t) => [t.number, t.title])).toEqual([
      ['3.1', 'Đánh giá'],
      ['3.2', 'Biểu dương, khen thưởng'],
      ['3.3', 'Xử lý, kỷ luật: Nghiêm khắc chấn chỉnh, phòng ngừa vi phạm và xử lý nghiêm những tổ chức, cá nhân không thực hiện hoặc thực hiện không đúng quy định'],
      ['3.4', 'Tổ chức sơ kết, tổng kết: Cấp ủy, tổ chức đảng tổ chức sơ kết, tổng kết việc thực hiện Quy định theo định kỳ và chỉ đạo của cấp ủy cấp trên'],
    ]);
    expect(messages(plan)).toContainEqual(expect.stringContaining('3 phần nội dung (II, III, IV)'));
  });

  it('reads "Về thời gian thực hiện" bullets (with and without emphasis) as timelines', () => {
    for (const number of ['2.1', '2.2.1', '2.2.2']) {
      expect(task(plan, number).timeline).toMatchObject({ text: 'Thường xuyên, định kỳ', deadline: ongoing, error: null });
    }
    expect(task(plan, '2.2.2').timeline?.line).toBe(121);
    expect(task(plan, '2.2').timeline).toBeNull();
    expect(flatten(plan.tasks).flatMap((t) => t.roles)).toEqual([]);
  });

  it('has no reports with a deadline and no targets; reads recipients and the signer', () => {
    expect(plan.reporting).toEqual([]);
    expect(plan.targets).toEqual([]);
    expect(plan.organisation.map((t) => t.number)).toEqual(['1', '2', '3', '4', '5']);
    expect(plan.recipients.map((r) => [r.name, r.purpose, r.purposeText])).toEqual([
      ['Ban Bí thư Trung ương Đảng', 'report', 'để báo cáo'],
      ['Ban Tuyên giáo Trung ương', 'report', 'để báo cáo'],
      ['Thường trực Tỉnh ủy', null, null],
      ['Các Đảng đoàn, ban cán sự đảng, BTV Tỉnh đoàn', null, null],
      ['Các cơ quan tham mưu, giúp việc Tỉnh ủy', null, null],
      ['Các huyện, thị, thành ủy, ĐUTT thuộc tỉnh', null, null],
      ['Các đồng chí Tỉnh ủy viên', null, null],
      ['Văn phòng Tỉnh ủy, TH_(PTMT)', 'archive', 'Lưu'],
    ]);
    expect(plan.signer).toMatchObject({ name: 'Trần Quốc Cường', capacity: 'T/M Ban Thường vụ, Bí thư', mode: 'on-behalf', title: 'Bí thư', line: 166 });
  });
});

describe('seed 003: the bloc committee’s emulation plan (symbol, a)/b) items, numeric targets)', () => {
  const plan = parsePlanDocument(seed('bloc'), { referenceDate: REFERENCE });

  it('reads the symbol, the heading, the issuing body and the basis', () => {
    expect(plan.symbol).toEqual({ symbol: '51-KH/ĐUK', number: 51, kind: 'KH', issuerCode: 'ĐUK', text: 'Số 51-KH/ĐUK', line: 5 });
    expect(plan.documentType).toMatchObject({ kind: 'KH', line: 7 });
    expect(plan.title).toEqual({ text: 'Thi đua xây dựng chi bộ trong sạch, vững mạnh và đội ngũ cán bộ, đảng viên gương mẫu', line: 8 });
    expect(plan.issuingBody).toMatchObject({ name: 'Ban Thường vụ Đảng ủy Khối Cơ quan - Doanh nghiệp tỉnh', line: 11 });
    expect(plan.basis).toEqual([
      expect.objectContaining({
        kindName: 'Chỉ thị',
        symbol: '01-CT/TU',
        number: 1,
        kind: 'CT',
        issuerCode: 'TU',
        date: '2020-10-17',
        issuer: 'Ban Thường vụ Tỉnh ủy',
        subject: expect.stringMatching(/^phát động phong trào thi đua Đồng Khởi mới giai đoạn 2020 - 2025/u),
      }),
    ]);
    expect(plan.purpose).toMatchObject({ heading: 'MỤC ĐÍCH YÊU CẦU', purposes: [], requirements: [] });
    expect(plan.purpose!.general).toHaveLength(3);
  });

  it('reads the numbered and lettered items', () => {
    expect(flatten(plan.tasks).map((t) => [t.number, t.label, t.title])).toEqual([
      ['1', '1.', 'Nội dung: Thi đua xây dựng chi bộ trong sạch, vững mạnh và đội ngũ cán bộ, đảng viên gương mẫu'],
      ['2', '2.', 'Nhiệm vụ, giải pháp: Thực hiện phương châm “Hai chân - Ba mũi”'],
      ['2.1', '2.1.', 'Hai chân'],
      ['2.1.1', 'a)', 'Chân thứ nhất: Xây dựng chi bộ trong sạch, vững mạnh'],
      ['2.1.2', 'b)', 'Chân thứ hai: Xây dựng đội ngũ cán bộ, đảng viên gương mẫu'],
      ['2.2', '2.2.', 'Ba mũi'],
      ['2.2.1', 'a)', 'Mũi thứ nhất: Xây dựng chi bộ vững mạnh về chính trị, tư tưởng, đạo đức, tổ chức và cán bộ'],
      ['2.2.2', 'b)', 'Mũi thứ hai: Đổi mới phương thức lãnh đạo và công tác kiểm tra, giám sát'],
      ['2.2.3', 'c)', 'Mũi thứ ba: Xây dựng người cán bộ, đảng viên'],
      ['3', '3.', 'Phương thức thi đua'],
    ]);
    expect(task(plan, '2.2.1').description.split('\n').map((p) => p.slice(0, 14))).toEqual([
      'Về chính trị: ',
      'Về tư tưởng: Đ',
      'Về đạo đức: Xâ',
      'Về tổ chức: Lã',
      'Về cán bộ: Xây',
    ]);
    expect(task(plan, '2.1.1').level).toBe(3);
  });

  it('reads every numeric target field by field', () => {
    expect(plan.targets.map((t) => [t.line, t.comparator, t.value, t.max, t.unit, t.perYear, t.subject])).toEqual([
      [31, '>', 80, null, 'percent', true, 'tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ'],
      [31, 'between', 15, 20, 'percent', true, 'hoàn thành xuất sắc nhiệm vụ'],
      [31, '>=', 80, null, 'percent', true, 'chi bộ trực thuộc cơ sở được đánh giá hoàn thành tốt nhiệm vụ'],
      [31, '>=', 50, null, 'percent', true, 'được đánh giá hoàn thành xuất sắc nhiệm vụ'],
      [37, '>', 80, null, 'percent', true, 'đảng viên hoàn thành tốt nhiệm vụ'],
      [37, 'between', 15, 20, 'percent', true, 'hoàn thành xuất sắc nhiệm vụ'],
      [43, '>', 95, null, 'percent', false, 'đảng viên'],
      [43, '>', 90, null, 'percent', false, expect.stringMatching(/^quần chúng được quán triệt và phổ biến kịp thời/u)],
      [51, '>=', 96, null, 'percent', false, 'Chi bộ có tỷ lệ đảng viên được đánh giá hoàn thành tốt nhiệm vụ'],
      [57, '=', 100, null, 'percent', true, 'số cuộc kiểm tra, giám sát theo kế hoạch đã đề ra'],
      // "Kéo giảm tỷ lệ đảng / viên vi phạm 2%/ năm": broken across lines 57–59, read as one sentence.
      [57, 'decrease', 2, null, 'percent', true, 'tỷ lệ đảng viên vi phạm'],
    ]);
  });

  it('reads the organisation items, recipients (b/c) and the deputy secretary signing for the committee', () => {
    expect(plan.sections.map((s) => [s.numeral, s.kind])).toEqual([
      ['I', 'purpose'],
      ['II', 'tasks'],
      ['III', 'organisation'],
    ]);
    expect(plan.organisation).toHaveLength(4);
    expect(plan.reporting).toEqual([]);
    expect(plan.recipients.map((r) => [r.name, r.purpose, r.purposeText, r.person])).toEqual([
      ['Thường trực Tỉnh ủy', 'report', 'b/c', false],
      ['Đ/c Hồ Thị Hoàng Yên, Phó Bí thư TTTU', 'report', 'b/c', true],
      ['Ban Tuyên giáo Tỉnh ủy', null, null, false],
      ['Các đồng chí trong Đảng ủy Khối', null, null, false],
      ['Các chi ủy, đảng ủy cơ sở', null, null, false],
      ['Ban Thường vụ Đoàn Khối', null, null, false],
      ['Đảng Website', null, null, false],
      ['VT, BTG Đảng ủy Khối', 'archive', 'Lưu', false],
    ]);
    expect(plan.signer).toMatchObject({ name: 'Phạm Hữu Dự', capacity: 'T/M Ban Thường vụ, Phó Bí thư', mode: 'on-behalf', title: 'Phó Bí thư', onBehalfOf: 'Ban Thường vụ' });
    expect(messages(plan)).toEqual([expect.stringContaining('ngày ban hành')]);
  });
});

describe('seed 004: a news article, not a plan', () => {
  const plan = parsePlanDocument(seed('news'), { referenceDate: REFERENCE });

  it('does not invent a plan: no heading, symbol, sections, tasks, reports, recipients or signer', () => {
    expect(plan).toMatchObject({
      documentType: null,
      symbol: null,
      title: null,
      issuingBody: null,
      basis: [],
      purpose: null,
      sections: [],
      tasks: [],
      organisation: [],
      reporting: [],
      recipients: [],
      signer: null,
    });
    // "đã được quán triệt đến tất cả đảng viên tại 72 Chi bộ" is a fact, not a goal.
    expect(plan.targets).toEqual([]);
  });

  it('says why, in warnings', () => {
    expect(messages(plan)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('không giống một kế hoạch'),
        expect.stringContaining('Không tìm thấy nhiệm vụ nào'),
        expect.stringContaining('số, ký hiệu'),
        expect.stringContaining('Nơi nhận'),
        expect.stringContaining('người ký'),
      ]),
    );
  });
});
