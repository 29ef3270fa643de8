import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Settings } from 'luxon';
import ts from 'typescript';
import { TimelineError, parseTimeline, type ParsedDeadline } from './index.js';

/** Plan 001 (Thị ủy, implementing 301-KH/TU of 15/8/2024) was issued in autumn 2024. */
const REFERENCE = '2024-10-15';
const ctx = { referenceDate: REFERENCE };

// Expected instants are written out by hand (ICT is UTC+7 all year), not computed by the code under test.
const fixed = (dueDate: string): ParsedDeadline => ({ kind: 'fixed', dueDate, dueAt: `${dueDate}T16:59:59.999Z` });
const yearly = (month: number, day: number, nextDueDate: string): ParsedDeadline => ({
  kind: 'recurring',
  every: 'year',
  month,
  day,
  nextDueDate,
  nextDueAt: `${nextDueDate}T16:59:59.999Z`,
});
const quarterly = (nextDueDate: string): ParsedDeadline => ({
  kind: 'recurring',
  every: 'quarter',
  nextDueDate,
  nextDueAt: `${nextDueDate}T16:59:59.999Z`,
});
const ongoing: ParsedDeadline = { kind: 'ongoing' };

/** Every form of DOMAIN.md's table, the seeds' own lines, and their common variants (reference 2024-10-15). */
const VALID: Array<[string, ParsedDeadline]> = [
  // Ongoing
  ['Thường xuyên', ongoing],
  ['Thường xuyên, định kỳ', ongoing],
  ['thường xuyên', ongoing],
  ['+ *Thời gian thực hiện*: Thường xuyên.', ongoing],
  ['- *Về thời gian thực hiện*: Thường xuyên, định kỳ.', ongoing],
  ['Thường xuyên, hằng năm', ongoing],
  // Quarters end 31/3, 30/6, 30/9, 31/12
  ['Hoàn thành trong quý IV/2024', fixed('2024-12-31')],
  ['+ *Thời gian thực hiện*: Hoàn thành trong quý IV/2024.', fixed('2024-12-31')],
  ['vào quý II năm 2023', fixed('2023-06-30')],
  ['quý 2/2025', fixed('2025-06-30')],
  ['Quý IV năm 2024', fixed('2024-12-31')],
  ['quý I/2025', fixed('2025-03-31')],
  ['quý 1-2025', fixed('2025-03-31')],
  ['quý III/2025', fixed('2025-09-30')],
  ['Qúy IV/2024', fixed('2024-12-31')],
  ['trong quý IV', fixed('2024-12-31')],
  ['trong quý I', fixed('2025-03-31')],
  ['trước quý IV/2024', fixed('2024-09-30')],
  // "trước ngày X": due by the end of the day before X
  ['trước ngày 25/12/2024', fixed('2024-12-24')],
  ['**trước ngày 25/12/2024**', fixed('2024-12-24')],
  [
    '1.2. Báo cáo kết quả ban hành chuẩn mực đạo đức nghề nghiệp, đạo đức công vụ của các cơ quan, đơn vị **trước ngày 25/12/2024**.',
    fixed('2024-12-24'),
  ],
  ['trước ngày 25 tháng 12 năm 2024', fixed('2024-12-24')],
  ['trước 25/12/2024', fixed('2024-12-24')],
  ['Hoàn thành trước ngày 25-12-2024', fixed('2024-12-24')],
  ['trước ngày 01/01/2025', fixed('2024-12-31')],
  ['trước ngày 01/03/2028', fixed('2028-02-29')],
  ['trước ngày 01/03/2025', fixed('2025-02-28')],
  // Without a year: the reference year, or the next one once that due day has passed
  ['trước ngày 25/12', fixed('2024-12-24')],
  ['trước ngày 15/01', fixed('2025-01-14')],
  ['trước ngày 01/01', fixed('2024-12-31')],
  ['trước ngày 16/10', fixed('2024-10-15')],
  ['trước ngày 15/10', fixed('2025-10-14')],
  ['ngày 20/11', fixed('2024-11-20')],
  ['ngày 15/10', fixed('2024-10-15')],
  // Plain days
  ['ngày 15/3/2025', fixed('2025-03-15')],
  ['15/03/2025', fixed('2025-03-15')],
  ['hoàn thành trong ngày 20/5/2025', fixed('2025-05-20')],
  ['ngày 15 tháng 3 năm 2025', fixed('2025-03-15')],
  ['15.03.2025', fixed('2025-03-15')],
  ['chậm nhất ngày 30/6/2025', fixed('2025-06-30')],
  ['29/02/2028', fixed('2028-02-29')],
  ['ngày 31/12/2024', fixed('2024-12-31')],
  // Months
  ['tháng 01/2026', fixed('2026-01-31')],
  ['trong tháng 3 năm 2025', fixed('2025-03-31')],
  ['tháng 02/2025', fixed('2025-02-28')],
  ['tháng 2/2028', fixed('2028-02-29')],
  ['tháng 11-2024', fixed('2024-11-30')],
  ['trong tháng 12', fixed('2024-12-31')],
  ['trong tháng 3', fixed('2025-03-31')],
  ['trước tháng 01/2026', fixed('2025-12-31')],
  ['cuối tháng 6/2025', fixed('2025-06-30')],
  // Parts of a year
  ['6 tháng đầu năm 2025', fixed('2025-06-30')],
  ['9 tháng đầu năm 2025', fixed('2025-09-30')],
  ['9 tháng (đầu) năm 2025', fixed('2025-09-30')],
  ['9 tháng năm 2025', fixed('2025-09-30')],
  ['6 tháng cuối năm 2025', fixed('2025-12-31')],
  ['6 tháng đầu năm', fixed('2025-06-30')],
  ['cả năm 2025', fixed('2025-12-31')],
  ['năm 2025', fixed('2025-12-31')],
  ['trong năm 2025', fixed('2025-12-31')],
  ['đến hết năm 2025', fixed('2025-12-31')],
  ['cuối năm 2025', fixed('2025-12-31')],
  ['cả năm', fixed('2024-12-31')],
  // Ranges: the start is not the deadline
  ['từ tháng 3/2025 đến tháng 6/2025', fixed('2025-06-30')],
  ['từ ngày 01/3 đến ngày 30/6/2025', fixed('2025-06-30')],
  ['Từ nay đến hết quý II/2025', fixed('2025-06-30')],
  ['từ năm 2025 đến năm 2030', fixed('2030-12-31')],
  ['sau ngày 15/3/2025, hoàn thành trong tháng 4/2025', fixed('2025-04-30')],
  ['tháng 3-4/2025', fixed('2025-04-30')],
  ['tháng 3 - tháng 4 năm 2025', fixed('2025-04-30')],
  ['tháng 11-12', fixed('2024-12-31')],
  ['quý I - II/2025', fixed('2025-06-30')],
  ['quý 1-2/2025', fixed('2025-06-30')],
  // The issue date of a cited document is not a deadline
  ['Quy định số 144-QĐ/TW ngày 09/5/2024; hoàn thành trong quý IV/2024', fixed('2024-12-31')],
  ['Thường xuyên quán triệt Quy định số 37-QĐ/TW ngày 25/10/2021', ongoing],
  // Two ways of writing the same deadline agree; a deadline wins over "Thường xuyên"
  ['quý IV/2024 (trước ngày 01/01/2025)', fixed('2024-12-31')],
  ['Thường xuyên; báo cáo trước ngày 25/12/2024', fixed('2024-12-24')],
  // Yearly: the due day each year, next occurrence on or after the reference
  ['Định kỳ hằng năm (trước ngày 25/11)', yearly(11, 24, '2024-11-24')],
  [
    '1.3. Định kỳ hằng năm (**trước ngày 25/11**) hoặc đột xuất báo cáo kết quả tổ chức thực hiện Quy định số 144-QĐ/TW cho Ban Thường vụ Thị ủy (*qua Ban Tuyên giáo Thị ủy*) để theo dõi, tổng hợp, báo cáo cấp có thẩm quyền.',
    yearly(11, 24, '2024-11-24'),
  ],
  ['hằng năm, trước ngày 25/11', yearly(11, 24, '2024-11-24')],
  ['hàng năm, trước ngày 25/11', yearly(11, 24, '2024-11-24')],
  ['Hằng năm, trước ngày 25 tháng 11', yearly(11, 24, '2024-11-24')],
  ['Định kỳ 6 tháng (trước ngày 15/6)', yearly(6, 14, '2025-06-14')],
  ['quý I hằng năm', yearly(3, 31, '2025-03-31')],
  ['quý IV hàng năm', yearly(12, 31, '2024-12-31')],
  ['tháng 12 hằng năm', yearly(12, 31, '2024-12-31')],
  ['hằng năm, trước ngày 01/01', yearly(12, 31, '2024-12-31')],
  ['hằng năm, trước ngày 16/10', yearly(10, 15, '2024-10-15')],
  ['hằng năm, trước ngày 15/10', yearly(10, 14, '2025-10-14')],
  ['nhân kỷ niệm Ngày Bến Tre Đồng Khởi (17/01)', yearly(1, 17, '2025-01-17')],
  [
    'Hàng năm, nhân kỷ niệm Ngày Bến Tre Đồng Khởi (17/01), Đảng ủy Khối và cấp ủy cơ sở tổ chức sơ kết, biểu dương, khen thưởng và phát động, tổ chức ký giao ước thi đua cho năm tiếp theo.',
    yearly(1, 17, '2025-01-17'),
  ],
  ['vào dịp sinh nhật Bác', yearly(5, 19, '2025-05-19')],
  ['Hằng năm, vào dịp sinh nhật Bác (19/5)', yearly(5, 19, '2025-05-19')],
  // An anniversary with its year is one occurrence
  ['nhân kỷ niệm 95 năm Ngày thành lập Đảng (03/02/2025)', fixed('2025-02-03')],
  // Quarterly: due at each quarter's end
  ['hằng quý', quarterly('2024-12-31')],
  ['Định kỳ hằng quý', quarterly('2024-12-31')],
  ['Hàng quý báo cáo Ban Thường vụ', quarterly('2024-12-31')],
  // A time of day before a date: due the millisecond before that time (ICT = UTC+7)
  ['trước 17 giờ ngày 25/12/2024', { kind: 'fixed', dueAt: '2024-12-25T09:59:59.999Z', dueDate: '2024-12-25' }],
  ['17h00 ngày 25/12/2024', { kind: 'fixed', dueAt: '2024-12-25T09:59:59.999Z', dueDate: '2024-12-25' }],
  ['Hoàn thành trước 16h30 ngày 20/11', { kind: 'fixed', dueAt: '2024-11-20T09:29:59.999Z', dueDate: '2024-11-20' }],
  ['lúc 10:30:15 ngày 21/11/2026', { kind: 'fixed', dueAt: '2026-11-21T03:30:14.999Z', dueDate: '2026-11-21' }],
  ['trước 8 giờ 15 phút ngày 15 tháng 3 năm 2025', { kind: 'fixed', dueAt: '2025-03-15T01:14:59.999Z', dueDate: '2025-03-15' }],
  // Midnight belongs to the day before: 00:00 of 01/01/2025 ICT is 17:00Z on 31/12
  ['trước 0 giờ ngày 01/01/2025', { kind: 'fixed', dueAt: '2024-12-31T16:59:59.999Z', dueDate: '2024-12-31' }],
  // Working days from the issue date (15/10/2024, a Tuesday), public holidays skipped
  ['trong 10 ngày làm việc', { kind: 'fixed', dueAt: '2024-10-29T16:59:59.999Z', dueDate: '2024-10-29', workingDays: { count: 10, from: '2024-10-15' } }],
  [
    'Trong thời hạn 05 ngày làm việc kể từ ngày ban hành',
    { kind: 'fixed', dueAt: '2024-10-22T16:59:59.999Z', dueDate: '2024-10-22', workingDays: { count: 5, from: '2024-10-15' } },
  ],
  // From a Saturday; then across Tết 2025 (28/01–01/02) and its weekend
  [
    '10 ngày làm việc kể từ ngày 15/3/2025',
    { kind: 'fixed', dueAt: '2025-03-28T16:59:59.999Z', dueDate: '2025-03-28', workingDays: { count: 10, from: '2025-03-15' } },
  ],
  [
    'trong 10 ngày làm việc kể từ ngày 20/01/2025',
    { kind: 'fixed', dueAt: '2025-02-07T16:59:59.999Z', dueDate: '2025-02-07', workingDays: { count: 10, from: '2025-01-20' } },
  ],
];

/** Texts that must be refused, with the message the office will read. */
const INVALID: Array<[string, string]> = [
  ['trước ngày 31/02/2025', 'Ngày không hợp lệ "31/02/2025" trong "trước ngày 31/02/2025"'],
  ['29/02/2025', 'Ngày không hợp lệ "29/02/2025" trong "29/02/2025"'],
  ['ngày 32/1/2025', 'Ngày không hợp lệ "32/1/2025" trong "ngày 32/1/2025"'],
  ['ngày 15/13/2025', 'Ngày không hợp lệ "15/13/2025" trong "ngày 15/13/2025"'],
  ['ngày 31 tháng 4 năm 2025', 'Ngày không hợp lệ "ngày 31 tháng 4 năm 2025" trong "ngày 31 tháng 4 năm 2025"'],
  ['Hoàn thành trong quý V/2024', 'Quý không hợp lệ "quý V/2024" trong "Hoàn thành trong quý V/2024"'],
  ['quý 0/2024', 'Quý không hợp lệ "quý 0/2024" trong "quý 0/2024"'],
  ['quý 5 năm 2025', 'Quý không hợp lệ "quý 5 năm 2025" trong "quý 5 năm 2025"'],
  ['tháng 13/2025', 'Tháng không hợp lệ "tháng 13/2025" trong "tháng 13/2025"'],
  ['hằng năm, trước ngày 31/02', 'Ngày không hợp lệ "31/02" trong "hằng năm, trước ngày 31/02"'],
  // 29/02/2024 is before the reference, and 2025 has no 29/02: an error, not 28/02 or 2028
  ['trước ngày 29/02', 'Ngày không hợp lệ "29/02" trong năm 2025, trong "trước ngày 29/02"'],
  ['Chưa xác định', 'Không hiểu thời hạn "Chưa xác định"'],
  ['', 'Không hiểu thời hạn ""'],
  ['định kỳ', 'Không hiểu thời hạn "định kỳ"'],
  ['25/12/24', 'Không hiểu thời hạn "25/12/24"'],
  ['1/3-30/6/2025', 'Không hiểu "1/3-30/6/2025" trong "1/3-30/6/2025"'],
  ['quý vị đại biểu', 'Không hiểu thời hạn "quý vị đại biểu"'],
  ['năm 2024-2025', 'Không hiểu thời hạn "năm 2024-2025"'],
  ['Theo Kế hoạch số 301-KH/TU ngày 15/8/2024', 'Không hiểu thời hạn "Theo Kế hoạch số 301-KH/TU ngày 15/8/2024"'],
  ['quý IV-I/2025', 'Quý không hợp lệ "quý IV-I/2025" trong "quý IV-I/2025"'],
  ['tháng 4-3/2025', 'Tháng không hợp lệ "tháng 4-3/2025" trong "tháng 4-3/2025"'],
  ['quý I, II/2025', 'Không hiểu "II/2025" trong "quý I, II/2025"'],
  ['tháng 3, 4/2025', 'Không hiểu "4/2025" trong "tháng 3, 4/2025"'],
  [
    'hằng quý, trước ngày 20 tháng cuối quý',
    'Không hiểu "ngày 20" trong "hằng quý, trước ngày 20 tháng cuối quý"',
  ],
  [
    'trước ngày 25/12/2024 và trước ngày 25/6/2025',
    'Có nhiều thời hạn khác nhau (24/12/2024, 24/06/2025) trong "trước ngày 25/12/2024 và trước ngày 25/6/2025"',
  ],
  ['đầu năm 2025', 'Không xác định được ngày đến hạn "đầu năm 2025" trong "đầu năm 2025"'],
  ['giữa tháng 6/2025', 'Không xác định được ngày đến hạn "giữa tháng 6/2025" trong "giữa tháng 6/2025"'],
  ['từ tháng 3/2025', 'Chỉ có mốc bắt đầu, thiếu thời hạn trong "từ tháng 3/2025"'],
  ['hằng năm', 'Thiếu ngày đến hạn hằng năm trong "hằng năm"'],
  ['nhân kỷ niệm ngày thành lập Đảng', 'Thiếu ngày đến hạn hằng năm trong "nhân kỷ niệm ngày thành lập Đảng"'],
  ['hằng tháng', 'Chưa hỗ trợ thời hạn hằng tháng hoặc hằng tuần "hằng tháng"'],
  ['hằng năm và hằng quý', 'Có nhiều chu kỳ khác nhau trong "hằng năm và hằng quý"'],
  ['hằng quý, trước ngày 20/3', 'Hạn hằng quý không kèm ngày cụ thể được; cần sửa "hằng quý, trước ngày 20/3"'],
  [
    'hằng năm, trước ngày 15/6 và 15/12',
    'Có nhiều thời hạn hằng năm khác nhau (14/06, 15/12) trong "hằng năm, trước ngày 15/6 và 15/12"',
  ],
  [
    'hằng năm, ngày 29/02',
    'Ngày đến hạn hằng năm "29/02" không giống nhau mọi năm (năm nhuận) trong "hằng năm, ngày 29/02"',
  ],
  [
    'hằng năm, trước ngày 01/03',
    'Ngày đến hạn hằng năm "trước 01/03" không giống nhau mọi năm (năm nhuận) trong "hằng năm, trước ngày 01/03"',
  ],  ['25 giờ ngày 01/01/2025', 'Giờ không hợp lệ "25 giờ" trong "25 giờ ngày 01/01/2025"'],
  ['trước 17 giờ quý IV/2024', 'Không hiểu giờ "17 giờ" trong "trước 17 giờ quý IV/2024" (viết giờ ngay trước ngày, ví dụ "trước 17 giờ ngày 25/12/2024")'],
  ['ngày 25/12/2024 lúc 17h', 'Không hiểu giờ "17h" trong "ngày 25/12/2024 lúc 17h" (viết giờ ngay trước ngày, ví dụ "trước 17 giờ ngày 25/12/2024")'],
  ['hằng năm, 17 giờ ngày 25/11', 'Thời hạn định kỳ không kèm giờ được; cần sửa "hằng năm, 17 giờ ngày 25/11"'],
  ['0 ngày làm việc', 'Số ngày làm việc không hợp lệ "0 ngày làm việc" trong "0 ngày làm việc"'],
  [
    'trong 10 ngày làm việc, trước ngày 25/12/2024',
    'Có nhiều thời hạn khác nhau ("10 ngày làm việc" và "trước 25/12/2024") trong "trong 10 ngày làm việc, trước ngày 25/12/2024"',
  ],
  ['hằng năm, trong 5 ngày làm việc', 'Chưa hỗ trợ thời hạn định kỳ tính bằng ngày làm việc "hằng năm, trong 5 ngày làm việc"'],
  ['5 ngày làm việc kể từ tháng 3/2025', 'Mốc bắt đầu "từ tháng 3/2025" phải là một ngày cụ thể trong "5 ngày làm việc kể từ tháng 3/2025"'],
];

function outcome(text: string, referenceDate = REFERENCE): ParsedDeadline | string {
  try {
    return parseTimeline(text, { referenceDate });
  } catch (error) {
    if (error instanceof TimelineError) return `TimelineError: ${error.message}`;
    throw error;
  }
}

describe('parseTimeline', () => {
  it.each(VALID)('%s', (text, expected) => {
    expect(parseTimeline(text, ctx)).toEqual(expected);
  });

  describe('refuses', () => {
    it.each(INVALID)('%s', (text, message) => {
      expect(outcome(text)).toBe(`TimelineError: ${message}`);
    });

    it('keeps the original text on the error, as a TimelineError and an Error', () => {
      const text = '  **quý V/2024** ';
      const error = (() => {
        try {
          parseTimeline(text, ctx);
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(TimelineError);
      expect(error).toBeInstanceOf(Error);
      expect(error).toMatchObject({ text, name: 'TimelineError', code: 'TIMELINE.UNPARSEABLE' });
    });

    it('checks the reference date only when the text needs it', () => {
      const bad = { referenceDate: '15/10/2024' };
      expect(() => parseTimeline('trước ngày 25/12', bad)).toThrow('Ngày tham chiếu không hợp lệ "15/10/2024"');
      expect(() => parseTimeline('hằng quý', { referenceDate: '2025-02-30' })).toThrow(TimelineError);
      expect(() => parseTimeline('Định kỳ hằng năm (trước ngày 25/11)', bad)).toThrow('Ngày tham chiếu');
      // The text's own problem is reported, not the reference's, and a text without need of it parses.
      expect(() => parseTimeline('trước ngày 31/02/2025', bad)).toThrow('Ngày không hợp lệ "31/02/2025"');
      expect(parseTimeline('Thường xuyên', bad)).toEqual(ongoing);
      expect(parseTimeline('trước ngày 25/12/2024', bad)).toEqual(fixed('2024-12-24'));
    });
  });

  describe('year boundary and next occurrence', () => {
    it('"trước ngày 01/01/2025" is due at the end of 31/12/2024, i.e. 16:59:59.999Z that day', () => {
      expect(parseTimeline('trước ngày 01/01/2025', ctx)).toEqual({
        kind: 'fixed',
        dueDate: '2024-12-31',
        dueAt: '2024-12-31T16:59:59.999Z',
      });
    });

    it.each([
      ['2024-11-24', '2024-11-24'],
      ['2024-11-25', '2025-11-24'],
      ['2024-01-01', '2024-11-24'],
      ['2024-12-31', '2025-11-24'],
    ])('yearly "trước ngày 25/11" with reference %s is next due %s', (referenceDate, next) => {
      expect(parseTimeline('Định kỳ hằng năm (trước ngày 25/11)', { referenceDate })).toEqual(yearly(11, 24, next));
    });

    it.each([
      ['2024-12-31', '2024-12-31'],
      ['2025-01-01', '2025-03-31'],
      ['2025-04-01', '2025-06-30'],
      ['2025-09-30', '2025-09-30'],
    ])('quarterly with reference %s is next due %s', (referenceDate, next) => {
      expect(parseTimeline('hằng quý', { referenceDate })).toEqual(quarterly(next));
    });

    it('a yearless "trước ngày 01/01" issued on 31/12 is due that same day', () => {
      expect(parseTimeline('trước ngày 01/01', { referenceDate: '2024-12-31' })).toEqual(fixed('2024-12-31'));
      expect(parseTimeline('trước ngày 01/01', { referenceDate: '2025-01-01' })).toEqual(fixed('2025-12-31'));
    });
  });

  describe('normalisation', () => {
    it.each([
      ['Hoàn thành trong quý IV/2024', fixed('2024-12-31')],
      ['Thường xuyên, định kỳ', ongoing],
      ['Định kỳ hằng năm (trước ngày 25/11)', yearly(11, 24, '2024-11-24')],
      ['trước ngày 25 tháng 12 năm 2024', fixed('2024-12-24')],
      ['hàng năm, nhân kỷ niệm (17/01)', yearly(1, 17, '2025-01-17')],
    ])('reads NFD input like NFC: %s', (text, expected) => {
      const nfd = text.normalize('NFD');
      expect(nfd).not.toBe(text);
      expect(parseTimeline(nfd, ctx)).toEqual(expected);
    });

    it('quotes NFD input in NFC', () => {
      expect(outcome('trước ngày 31/02/2025'.normalize('NFD'))).toBe(
        'TimelineError: Ngày không hợp lệ "31/02/2025" trong "trước ngày 31/02/2025"',
      );
    });

    it.each([
      ['HOÀN THÀNH TRONG QUÝ IV/2024', fixed('2024-12-31')],
      ['TRƯỚC NGÀY 25/12/2024', fixed('2024-12-24')],
      ['THƯỜNG XUYÊN', ongoing],
      ['ĐỊNH KỲ HẰNG NĂM (TRƯỚC NGÀY 25/11)', yearly(11, 24, '2024-11-24')],
      ['trước\u00a0ngày\t 25/12/2024\n', fixed('2024-12-24')],
      ['trước ngày\u200b 25/12/2024', fixed('2024-12-24')],
      ['_Hoàn thành trong quý IV/2024_', fixed('2024-12-31')],
      ['**Thường xuyên**', ongoing],
    ])('ignores case, spacing and Markdown: %j', (text, expected) => {
      expect(parseTimeline(text, ctx)).toEqual(expected);
    });
  });

  describe('does not depend on the process time zone', () => {
    const cases = [...VALID.map(([text]) => text), ...INVALID.map(([text]) => text)];
    const inProcess = () => cases.map((text) => outcome(text));
    let compiled: CompiledLib;
    beforeAll(() => {
      compiled = compileLib();
    });
    afterAll(() => compiled?.remove());

    // Jest's `process.env` is a copy, so setting TZ here would not reach Node's clock: each zone
    // runs the table in a child process started with TZ set.
    it.each([
      ['UTC', 0],
      ['Asia/Ho_Chi_Minh', -420],
      ['America/Los_Angeles', 480],
      ['Pacific/Kiritimati', -840],
    ])('gives the same results with TZ=%s', (tz, januaryOffset) => {
      const child = compiled.run(tz, cases, REFERENCE);
      // Proves the zone took effect, so the comparison is not vacuous.
      expect(child.januaryOffset).toBe(januaryOffset);
      expect(child.results.slice(0, VALID.length)).toEqual(VALID.map(([, deadline]) => deadline));
      expect(child.results).toEqual(inProcess());
    });

    it("gives the same results whatever luxon's Settings.defaultZone", () => {
      const saved = Settings.defaultZone;
      const expected = inProcess();
      try {
        for (const zone of ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Ho_Chi_Minh']) {
          Settings.defaultZone = zone;
          expect(inProcess()).toEqual(expected);
        }
      } finally {
        Settings.defaultZone = saved;
      }
    });
  });
});

interface CompiledLib {
  run(tz: string, texts: string[], referenceDate: string): { januaryOffset: number; results: unknown[] };
  remove(): void;
}

/** The library transpiled to plain ESM in a temporary folder, to be run by `node` without Jest. */
function compileLib(): CompiledLib {
  const srcDir = dirname(fileURLToPath(import.meta.url));
  const outDir = mkdtempSync(join(tmpdir(), 'timeline-tz-'));
  for (const file of readdirSync(srcDir, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.ts') || file.endsWith('.spec.ts')) continue;
    const output = ts.transpileModule(readFileSync(join(srcDir, file), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    mkdirSync(dirname(join(outDir, file)), { recursive: true });
    writeFileSync(join(outDir, file.replace(/\.ts$/, '.js')), output);
  }
  writeFileSync(join(outDir, 'package.json'), '{"type":"module"}');
  symlinkSync(join(srcDir, '../../../node_modules'), join(outDir, 'node_modules'), 'dir');

  const script = `
    import { readFileSync } from 'node:fs';
    import { parseTimeline, TimelineError } from ${JSON.stringify(pathToFileURL(join(outDir, 'index.js')).href)};
    const { texts, referenceDate } = JSON.parse(readFileSync(0, 'utf8'));
    const results = texts.map((text) => {
      try { return parseTimeline(text, { referenceDate }); }
      catch (error) { if (error instanceof TimelineError) return 'TimelineError: ' + error.message; throw error; }
    });
    process.stdout.write(JSON.stringify({ januaryOffset: new Date(2024, 0, 1).getTimezoneOffset(), results }));
  `;
  return {
    run(tz, texts, referenceDate) {
      const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
        env: { ...process.env, TZ: tz },
        input: JSON.stringify({ texts, referenceDate }),
        encoding: 'utf8',
      });
      if (child.status !== 0) throw new Error(`TZ=${tz} child failed: ${child.stderr}`);
      return JSON.parse(child.stdout);
    },
    remove: () => rmSync(outDir, { recursive: true, force: true }),
  };
}
