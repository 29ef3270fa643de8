import type { ImportedPlan } from '#contracts';
import { flatten, REFERENCE, rolesOf, seed, task, withoutLines } from '../test-fixtures/seeds.js';
import { parsePlanDocument } from './index.js';

const parse = (text: string) => parsePlanDocument(text, { referenceDate: REFERENCE });
const messages = (plan: ImportedPlan) => plan.warnings.map((w) => w.message);

/** What the tests compare: the structure, without line numbers and quoted source. */
function structure(plan: ImportedPlan) {
  return withoutLines({ ...plan, warnings: undefined });
}

/** A complete header and signature, as a Word original has them. */
const HEADER = `ĐẢNG BỘ TỈNH KHÁNH HÒA
THỊ ỦY NINH HÒA
*
Số 45-KH/TU
ĐẢNG CỘNG SẢN VIỆT NAM
Ninh Hòa, ngày 20 tháng 9 năm 2024
`;

describe('robustness: the same plan however it arrives', () => {
  const nfc = seed('town');
  const reference = parse(nfc);

  it('reads NFD (decomposed) text exactly like NFC', () => {
    const nfd = nfc.normalize('NFD');
    expect(nfd).not.toBe(nfc);
    expect(parse(nfd)).toEqual(reference);
  });

  it('reads CRLF line ends, non-breaking spaces, zero-width characters and Ð (Icelandic eth) for Đ', () => {
    const messy = nfc.replace(/\n/gu, '\r\n').replace(/ (?=Thị ủy)/gu, '\u00A0').replace(/Đảng/gu, 'Ð\u200Bảng');
    expect(structure(parse(messy))).toEqual(structure(reference));
  });

  it('ignores Markdown residue: headings, bold, italics, escapes, table pipes', () => {
    const markdown = nfc
      .replace(/^(I+- .*)$/gmu, '## **$1**')
      .replace(/^(\d\. .*)$/gmu, '**$1**')
      .replace(/Ban Tuyên giáo Thị ủy/gu, '_Ban Tuyên giáo Thị ủy_')
      .replace(/^- Ban Thường vụ Tỉnh ủy/mu, '\\- Ban Thường vụ Tỉnh ủy')
      .replace('+ *Thời gian thực hiện*: Hoàn thành trong quý IV/2024.', '| + *Thời gian thực hiện*: | Hoàn thành trong quý IV/2024. |');
    const plan = parse(markdown);
    expect(flatten(plan.tasks).map((t) => [t.number, t.title])).toEqual(flatten(reference.tasks).map((t) => [t.number, t.title]));
    expect(plan.sections.map((s) => s.heading)).toEqual(reference.sections.map((s) => s.heading));
    expect(rolesOf(task(plan, '1'))).toEqual(rolesOf(task(reference, '1')));
    expect(plan.recipients.map((r) => r.name)).toEqual(reference.recipients.map((r) => r.name));
    expect(plan.reporting.map((r) => r.deadline)).toEqual(reference.reporting.map((r) => r.deadline));
    // The table row's cells are separate lines: the label, then a value it does not see (flagged, kept).
    expect(task(plan, '3').timeline?.deadline ?? null).toBeNull();
  });

  it('joins sentences broken across lines, with or without blank lines between the pieces', () => {
    const broken = nfc
      .replace('1.5. Tăng cường, đa dạng hóa các hình thức, phương pháp tuyên truyền, giáo dục\n\ncác chuẩn mực', '1.5. Tăng cường, đa dạng hóa các hình thức,\nphương pháp tuyên truyền, giáo dục\ncác chuẩn mực')
      .replace('+ *Cơ quan tổ chức thực hiện*: UBND thị xã; các đảng ủy, chi bộ trực thuộc Thị ủy.', '+ *Cơ quan tổ chức thực hiện*: UBND thị xã; các đảng ủy, chi bộ\ntrực thuộc Thị ủy.');
    const plan = parse(broken);
    expect(task(plan, '1.5').title).toBe(task(reference, '1.5').title);
    expect(rolesOf(task(plan, '3')).implementing).toEqual(['UBND thị xã', 'các đảng ủy, chi bộ trực thuộc Thị ủy']);
  });

  it('drops page-break artefacts: form feeds, "Trang 3/10", page numbers, a header repeated on every page', () => {
    const lines = nfc.split('\n');
    const pages: string[] = [];
    for (let i = 0; i < lines.length; i += 40) {
      if (i) pages.push('\f', `Trang ${i / 40 + 1}/6`, '- ' + (i / 40 + 1) + ' -', 'KẾ HOẠCH', 'thực hiện Quy định số 144-QĐ/TW');
      pages.push(...lines.slice(i, i + 40));
    }
    const plan = parse(pages.join('\n'));
    expect(flatten(plan.tasks).map((t) => [t.number, t.title])).toEqual(flatten(reference.tasks).map((t) => [t.number, t.title]));
    expect(plan.reporting.map((r) => r.deadline)).toEqual(reference.reporting.map((r) => r.deadline));
    expect(plan.signer?.name).toBe('Đỗ Tâm Hiền');
    expect(messages(plan)).toContainEqual(expect.stringMatching(/^Đã bỏ \d+ dòng số trang/u));
  });

  it('joins a sentence a page break cuts, even when the next page starts with a capital', () => {
    const cut = nfc.replace('Kế hoạch số 301-KH/TU ngày 15/8/2024 của Ban Thường vụ Tỉnh ủy về', 'Kế hoạch số 301-KH/TU ngày 15/8/2024 của Ban Thường vụ\n\fTrang 2/6\n\nTỉnh ủy về');
    const plan = parse(cut);
    expect(plan.basis).toEqual([expect.objectContaining({ symbol: '301-KH/TU', issuer: 'Ban Thường vụ Tỉnh ủy' })]);
    expect(plan.issuingBody?.name).toBe('Ban Thường vụ Thị ủy');
  });

  it('reads labels with small typos and says how it read them', () => {
    const typos = nfc
      .replace('+ *Thời gian thực hiện*: Hoàn thành trong quý IV/2024.', '+ *Thời gian thưc hiện*: Hoàn thành trong quý IV/2024.')
      .replace('+ *Cơ quan chủ trì, tham mưu*: Ban Tổ chức Thị ủy.', '+ *Cơ quan chủ tri, tham muu*: Ban Tổ chức Thị ủy.')
      .replace('- + *Thời gian thực hiện*: Thường xuyên.', '- + *Thời gain thực hiện*: Thường xuyên.')
      .replace('+ *Cơ quan phối hợp*: Các cơ quan chuyên trách tham mưu, giúp việc Thị ủy.\n\n+ *Cơ quan tổ chức thực hiện*: Trung tâm', '+ *Cơ quan phôi hơp*: Các cơ quan chuyên trách tham mưu, giúp việc Thị ủy.\n\n+ *Cơ quan tổ chức thực hiện*: Trung tâm');
    const plan = parse(typos);
    expect(plan.tasks.map((t) => t.timeline?.deadline)).toEqual(reference.tasks.map((t) => t.timeline?.deadline));
    expect(rolesOf(task(plan, '4')).lead).toEqual(['Ban Tổ chức Thị ủy']);
    expect(rolesOf(task(plan, '5')).coordinating).toEqual(['Các cơ quan chuyên trách tham mưu, giúp việc Thị ủy']);
    // Missing diacritics are the same key; a transposed letter is a typo, said in a warning.
    expect(plan.warnings).toContainEqual({ line: 49, text: expect.any(String), message: 'Đọc "Thời gain thực hiện" là "Thời gian thực hiện"' });
  });

  it('keeps a timeline it cannot read, with a warning on its line', () => {
    const plan = parse(nfc.replace('+ *Thời gian thực hiện*: Hoàn thành trong quý IV/2024.', '+ *Thời gian thực hiện*: Hoàn thành trong quý V/2024.'));
    expect(task(plan, '3').timeline).toMatchObject({ text: 'Hoàn thành trong quý V/2024', deadline: null, line: 125, error: expect.stringContaining('quý V/2024') });
    expect(plan.warnings).toContainEqual(expect.objectContaining({ line: 125, message: expect.stringContaining('Không đọc được thời gian thực hiện') }));
  });
});

describe('header forms', () => {
  it('reads the symbol and the place-and-date line of a complete header', () => {
    const plan = parse(HEADER + seed('town'));
    expect(plan.symbol).toMatchObject({ symbol: '45-KH/TU', number: 45, kind: 'KH', issuerCode: 'TU', line: 4 });
    expect(plan.issueDate).toEqual({ date: '2024-09-20', place: 'Ninh Hòa', source: 'place-date', line: 6, text: 'Ninh Hòa, ngày 20 tháng 9 năm 2024' });
    expect(plan.documentType?.line).toBe(9);
    expect(messages(plan)).toEqual([]);
  });

  it('reads "Số: 301 - KH/TU" with spaces, and flags a blank template number or date', () => {
    expect(parse('Số: 301 - KH/TU\nKẾ HOẠCH\nthực hiện X').symbol?.symbol).toBe('301-KH/TU');
    const blank = parse('Số      -KH/TU\nHà Nội, ngày    tháng    năm 2024\nKẾ HOẠCH\nthực hiện X');
    expect(blank.symbol).toBeNull();
    expect(messages(blank)).toEqual(expect.arrayContaining(['Số văn bản để trống (bản dự thảo?): cần ghi số, ký hiệu trước khi ban hành', 'Ngày ban hành để trống']));
  });

  it('flags an issue date that does not exist', () => {
    const plan = parse('Số 1-KH/TU\nHà Nội, ngày 31 tháng 2 năm 2025\nKẾ HOẠCH\nthực hiện X');
    expect(plan.issueDate).toMatchObject({ source: 'reference' });
    expect(messages(plan)).toContainEqual(expect.stringContaining('Ngày ban hành không hợp lệ'));
  });

  it('splits several basis documents joined by "và" and ";" and reads each one’s kind from its symbol', () => {
    const plan = parse(
      'KẾ HOẠCH\ntriển khai X\n\nCăn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị và Kết luận số 12-KL/TW ngày 5/1/2025 của Ban Bí thư; Công văn số 576-CV/TU ngày 11/02/2022 của Ban Thường vụ Tỉnh ủy, Ban Thường vụ Thị ủy ban hành Kế hoạch như sau:\n\nI. MỤC ĐÍCH\n\n1. A',
    );
    expect(plan.basis.map((b) => [b.kindName, b.symbol, b.kind, b.date, b.issuer])).toEqual([
      ['Nghị quyết', '57-NQ/TW', 'NQ', '2024-12-22', 'Bộ Chính trị'],
      ['Kết luận', '12-KL/TW', 'KL', '2025-01-05', 'Ban Bí thư'],
      ['Công văn', '576-CV/TU', 'CV', '2022-02-11', 'Ban Thường vụ Tỉnh ủy'],
    ]);
    expect(plan.issuingBody?.name).toBe('Ban Thường vụ Thị ủy');
  });

  it('reads a deputy signing ("K/T BÍ THƯ / PHÓ BÍ THƯ") and a signature before the distribution list', () => {
    const plan = parse('KẾ HOẠCH\nthực hiện X\n\nII. NỘI DUNG\n\n1. Quán triệt\n\nT/M BAN THƯỜNG VỤ\nK/T BÍ THƯ\nPHÓ BÍ THƯ\n\n(Đã ký)\n\nNGUYỄN VĂN AN\n\nNơi nhận:\n- Như trên;\n- Lưu VP.');
    expect(plan.signer).toMatchObject({ name: 'Nguyễn Văn An', capacity: 'T/M Ban Thường vụ, K/T Bí thư, Phó Bí thư', mode: 'deputy', onBehalfOf: 'Ban Thường vụ', title: 'Phó Bí thư' });
    expect(plan.recipients.map((r) => [r.name, r.purpose])).toEqual([
      ['Như trên', null],
      ['VP', 'archive'],
    ]);
  });
});

describe('tasks', () => {
  it('keeps roles on each sub-item when every sub-item has its own', () => {
    const plan = parse(
      'II. NỘI DUNG\n1. A\n1.1. B\n+ Cơ quan chủ trì: Ban Tổ chức\n+ Thời gian thực hiện: quý I/2025\n1.2. C\n+ Cơ quan chủ trì: Ban Tuyên giáo\n+ Thời gian thực hiện: quý II/2025',
    );
    expect(task(plan, '1').roles).toEqual([]);
    expect(rolesOf(task(plan, '1.1')).lead).toEqual(['Ban Tổ chức']);
    expect(task(plan, '1.2').timeline?.deadline).toMatchObject({ dueDate: '2025-06-30' });
  });

  it('renumbers items by position and says so when the written numbers skip or do not nest', () => {
    const plan = parse('II. NỘI DUNG\n1. A\n3. B\n3.1. C\n2.5. D');
    expect(flatten(plan.tasks).map((t) => [t.number, t.label])).toEqual([
      ['1', '1.'],
      ['2', '3.'],
      ['2.1', '3.1.'],
      ['2.2', '2.5.'],
    ]);
    expect(messages(plan)).toEqual(
      expect.arrayContaining([
        'Mục "3." được đánh lại số 2 theo vị trí',
        'Mục 2.5. nằm dưới mục 3. (số thứ tự không khớp)',
      ]),
    );
  });

  it('treats a plan without Roman-numeral sections as one list of tasks', () => {
    const plan = parse('KẾ HOẠCH\ntuyên truyền X\n\n1. Quán triệt\nThời gian thực hiện: Thường xuyên\n2. Sơ kết\nThời gian thực hiện: tháng 01/2026');
    expect(plan.tasks.map((t) => [t.number, t.title, t.timeline?.deadline?.kind])).toEqual([
      ['1', 'Quán triệt', 'ongoing'],
      ['2', 'Sơ kết', 'fixed'],
    ]);
  });
});
