import fc from 'fast-check';
import type { ImportedPlan } from '#contracts';
import { REFERENCE, seed, SEEDS } from '../test-fixtures/seeds.js';
import { parsePlanDocument, renderTree } from './index.js';
import { MAX_WARNINGS } from './warnings.js';

/**
 * The parser is total: whatever the input, it answers (never throws, never reports an internal
 * error) and the answer stays proportionate to the input.
 */
function check(input: string): ImportedPlan {
  const plan = parsePlanDocument(input, { referenceDate: REFERENCE });
  const internal = plan.warnings.filter((w) => w.message.startsWith('Lỗi nội bộ'));
  if (internal.length) throw new Error(`${internal[0].message} on input ${JSON.stringify(input.slice(0, 300))}`);
  expect(plan.warnings.length).toBeLessThanOrEqual(MAX_WARNINGS + 1);
  expect(JSON.stringify(plan).length).toBeLessThanOrEqual(8 * input.length + 100_000);
  expect(typeof renderTree(plan)).toBe('string');
  return plan;
}

/** Pieces a plan is made of, so random text reaches every branch rather than only "no structure". */
const TOKENS = [
  '\n', '\n\n', '\f', ' ', '  ', '\t', '\r\n', '*', '**', '|', '#', '+ ', '- ', '- + ', '_', '\\',
  'I- ', 'II. ', 'III- ', 'IV. ', 'V- ', 'X. ', '1. ', '1.1. ', '2.3 ', '1) ', 'a) ', 'b) ', 'đ) ', 'Điều 3. ',
  'KẾ HOẠCH', 'MỤC ĐÍCH, YÊU CẦU', 'NỘI DUNG', 'TỔ CHỨC THỰC HIỆN', 'Số 51-KH/ĐUK', 'Số: ', '-KH/TU',
  'Ninh Hòa, ngày 20 tháng 9 năm 2024', 'ngày 31 tháng 2 năm 2025', 'ngày … tháng … năm',
  'Thực hiện Kế hoạch số 301-KH/TU ngày 15/8/2024 của Ban Thường vụ Tỉnh ủy', ', Ban Thường vụ Thị ủy ban hành Kế hoạch',
  'Căn cứ ', 'Quy định số 144-QĐ/TW', ' về ', ' và ', '; ', ', ', '.', ':', '“', '”', '(', ')',
  'Cơ quan chỉ đạo: ', 'Cơ quan theo dõi, tham mưu: ', 'Cơ quan phối hợp: ', 'Cơ quan tổ chức thực hiện: ',
  'Thời gian thực hiện: ', 'Thời gain thưc hiện: ', 'Thường xuyên', 'Hoàn thành trong quý IV/2024', 'quý V/2024',
  'trước ngày 25/12/2024', 'Định kỳ hằng năm (trước ngày 25/11)', '31/02/2025', 'tháng 13/2025',
  'Ban Tuyên giáo Thị ủy', 'Các đảng ủy, chi bộ trực thuộc Thị ủy', 'UBND thị xã',
  'báo cáo ', 'cho Ban Thường vụ Thị ủy', '(qua Ban Tuyên giáo Thị ủy)', 'hoặc đột xuất',
  'trên 80% ', '15 - 20%', '2%/năm', 'kéo giảm tỷ lệ đảng viên vi phạm ', '01 - 02 tập thể', 'ít nhất 01 mô hình',
  'Nơi nhận:', '(để báo cáo)', '(b/c)', 'Lưu VT', 'Đ/c Nguyễn Văn A', 'T/M BAN THƯỜNG VỤ', 'K/T BÍ THƯ', 'PHÓ BÍ THƯ', 'BÍ THƯ',
  'Đỗ Tâm Hiền', '(Đã ký)', 'Trang 3/10', '- 3 -', 'Ð', 'e\u0301', '\u200B', '\u00A0', '\uFEFF', '\uD800', '😀', '0', '9', '/', '-', '%',
];

const soup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 400, size: 'large' }).map((parts) => parts.join(''));

type Edit = { kind: 'delete' | 'duplicate' | 'insert' | 'swap' | 'truncate'; at: number; length: number; token: string };
const edit: fc.Arbitrary<Edit> = fc.record({
  kind: fc.constantFrom('delete', 'duplicate', 'insert', 'swap', 'truncate'),
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  length: fc.nat({ max: 400 }),
  token: fc.constantFrom(...TOKENS),
});

function mutate(text: string, edits: Edit[]): string {
  let out = text;
  for (const { kind, at, length, token } of edits) {
    const i = Math.floor(at * out.length);
    if (kind === 'delete') out = out.slice(0, i) + out.slice(i + length);
    else if (kind === 'duplicate') out = out.slice(0, i + length) + out.slice(i, i + length) + out.slice(i + length);
    else if (kind === 'insert') out = out.slice(0, i) + token + out.slice(i);
    else if (kind === 'truncate') out = out.slice(0, i);
    else {
      const lines = out.split('\n');
      const a = Math.floor(at * lines.length);
      const b = (a + length) % Math.max(1, lines.length);
      [lines[a], lines[b]] = [lines[b], lines[a]];
      out = lines.join('\n');
    }
  }
  return out;
}

const seeds = Object.keys(SEEDS).map((name) => seed(name as keyof typeof SEEDS));

describe('fuzz: the parser never throws and stays bounded', () => {
  it('on arbitrary strings (graphemes, and raw UTF-16 with lone surrogates)', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 2000, size: 'large' }), (s) => void check(s)), { numRuns: 300 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 2000, size: 'large' }), (s) => void check(s)), { numRuns: 300 });
  });

  it('on a soup of the pieces plans are made of', () => {
    fc.assert(fc.property(soup, (s) => void check(s)), { numRuns: 1000 });
  });

  it('on the seeds, randomly edited', () => {
    fc.assert(
      fc.property(fc.nat({ max: seeds.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 12 }), (i, edits) => void check(mutate(seeds[i], edits))),
      { numRuns: 400 },
    );
  });

  it('on every prefix of every seed at 97-character steps, and its NFD form', () => {
    for (const text of seeds) {
      for (let end = 0; end <= text.length; end += 97) {
        const prefix = text.slice(0, end);
        check(prefix);
        check(prefix.normalize('NFD'));
      }
    }
  });

  it('on huge lines and repetitions, in bounded time (a guard against catastrophic regular expressions)', () => {
    const cases: Array<[string, string]> = [
      ['one 400 KB line of letters', 'a'.repeat(400_000)],
      ['one 300 KB line of Vietnamese prose', 'Các cấp ủy, chính quyền chỉ đạo các ngành, '.repeat(7_000)],
      ['200,000 empty lines', '\n'.repeat(200_000)],
      ['20,000 page breaks', 'Trang 1/2\f'.repeat(20_000)],
      ['100,000 numbered items', '1.1. a\n'.repeat(100_000)],
      ['open parentheses and quotes', `Thực hiện ${'(“'.repeat(50_000)} Kế hoạch số 1-KH/TU`],
      ['a label with a huge value', `Thời gian thực hiện: ${'25/12/2024 '.repeat(30_000)}`],
      ['reports without end', `III. TỔ CHỨC THỰC HIỆN\n1. ${'báo cáo trước ngày 25/12/2024; '.repeat(20_000)}`],
      ['percentages without end', `II. NỘI DUNG\n1. A: ${'trên 80% đảng viên, '.repeat(30_000)}`],
      ['digits and slashes', '1/'.repeat(200_000)],
      ['seed 001 forty times over (1 MB)', seeds[1].repeat(40)],
    ];
    for (const [name, input] of cases) {
      const started = performance.now();
      check(input);
      const elapsed = performance.now() - started;
      // Generous: a few hundred ms in practice; minutes if a pattern backtracked.
      expect({ name, slow: elapsed > 10_000 }).toEqual({ name, slow: false });
    }
  });

  it('on input that is not a string', () => {
    for (const value of [undefined, null, 42, {}, [], Buffer.from('KẾ HOẠCH')]) {
      expect(parsePlanDocument(value as unknown as string).warnings.map((w) => w.message)).toContain('Tài liệu trống');
    }
  });
});
