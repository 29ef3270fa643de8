import { WorkingDayCalendar, nextOccurrence, occurrenceKey, parseTimeline, publicHolidays } from './index.js';

describe('publicHolidays (date-holidays, Viet Nam)', () => {
  const days = (year: number) => publicHolidays(year).map((h) => h.date);

  it.each([
    // Tết Nguyên Đán: the library's five days from New Year's Eve
    [2025, ['2025-01-01', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01', '2025-04-07', '2025-04-30', '2025-05-01', '2025-09-02']],
    [2026, ['2026-01-01', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-04-26', '2026-04-30', '2026-05-01', '2026-09-02']],
    [2028, ['2028-01-01', '2028-01-25', '2028-01-26', '2028-01-27', '2028-01-28', '2028-01-29', '2028-04-04', '2028-04-30', '2028-05-01', '2028-09-02']],
  ])('%i: Tết and Giỗ Tổ Hùng Vương (lunar) with the fixed holidays', (year, expected) => {
    expect(days(year)).toEqual(expected);
  });

  it('names them', () => {
    const names = publicHolidays(2026).map((h) => h.name);
    expect(names).toEqual(expect.arrayContaining(['Tết Nguyên Đán', 'Giỗ tổ Hùng Vương', 'Quốc khánh']));
  });

  it('has holidays for any year, e.g. 2099', () => {
    expect(days(2099)).toContain('2099-09-02');
    expect(days(2099).length).toBeGreaterThanOrEqual(10);
  });
});

describe('WorkingDayCalendar', () => {
  const plain = new WorkingDayCalendar();

  it.each([
    ['2025-01-24', true], // Friday
    ['2025-01-25', false], // Saturday
    ['2025-01-26', false], // Sunday
    ['2025-01-28', false], // Tết
    ['2025-02-03', true], // Monday after Tết and the Party's anniversary (an observance, worked)
    ['2025-04-07', false], // Giỗ Tổ Hùng Vương
    ['2028-02-29', true], // leap day, a Tuesday
  ])('%s working: %s', (date, working) => {
    expect(plain.isWorkingDay(date)).toBe(working);
  });

  it.each([
    // The day counted from is not counted; Friday + 1 is Monday
    ['2025-01-24', 1, '2025-01-27'],
    // Across Tết 2025 (28/01–01/02) and its weekend
    ['2025-01-27', 1, '2025-02-03'],
    ['2025-01-20', 10, '2025-02-07'],
    // Across the year's end and New Year's Day
    ['2024-12-31', 1, '2025-01-02'],
    ['2024-12-27', 5, '2025-01-06'],
    // Across 29/02/2028
    ['2028-02-28', 2, '2028-03-01'],
  ])('%s + %i working days = %s', (from, n, expected) => {
    expect(plain.addWorkingDays(from, n)).toBe(expected);
  });

  it('applies an admin’s days off and make-up working days', () => {
    // 2025: the government added 27/01 to Tết and had Saturday 08/02 worked in exchange
    const decided = new WorkingDayCalendar([
      { date: '2025-01-27', kind: 'day-off', note: 'Nghỉ Tết bổ sung' },
      { date: '2025-02-08', kind: 'working-day', note: 'Làm bù' },
    ]);
    expect(decided.isWorkingDay('2025-01-27')).toBe(false);
    expect(decided.isWorkingDay('2025-02-08')).toBe(true);
    expect(decided.addWorkingDays('2025-01-24', 1)).toBe('2025-02-03');
    expect(decided.addWorkingDays('2025-02-03', 5)).toBe('2025-02-08');
    // An override can also make a public holiday worked
    expect(new WorkingDayCalendar([{ date: '2025-09-02', kind: 'working-day' }]).isWorkingDay('2025-09-02')).toBe(true);
  });

  it('is what parseTimeline counts with', () => {
    const calendar = new WorkingDayCalendar([{ date: '2024-10-16', kind: 'day-off' }]);
    expect(parseTimeline('trong 1 ngày làm việc', { referenceDate: '2024-10-15', calendar })).toMatchObject({ dueDate: '2024-10-17' });
    expect(parseTimeline('trong 1 ngày làm việc', { referenceDate: '2024-10-15' })).toMatchObject({ dueDate: '2024-10-16' });
  });

  it('refuses bad input', () => {
    expect(() => plain.isWorkingDay('2025-02-29')).toThrow('Ngày không hợp lệ');
    expect(() => plain.addWorkingDays('2025-01-01', 0)).toThrow('Số ngày làm việc không hợp lệ');
  });
});

describe('occurrences of recurring deadlines', () => {
  const yearly = { kind: 'recurring', every: 'year', month: 11, day: 24, nextDueAt: '2024-11-24T16:59:59.999Z', nextDueDate: '2024-11-24' } as const;
  const quarterly = { kind: 'recurring', every: 'quarter', nextDueAt: '2024-12-31T16:59:59.999Z', nextDueDate: '2024-12-31' } as const;

  it('keys each occurrence by year or quarter', () => {
    expect(occurrenceKey('year', '2024-11-24')).toBe('2024');
    expect(occurrenceKey('quarter', '2024-12-31')).toBe('2024-Q4');
    expect(occurrenceKey('quarter', '2025-03-31')).toBe('2025-Q1');
  });

  it.each([
    [yearly, '2024', { key: '2025', dueDate: '2025-11-24', dueAt: '2025-11-24T16:59:59.999Z' }],
    [quarterly, '2024-Q4', { key: '2025-Q1', dueDate: '2025-03-31', dueAt: '2025-03-31T16:59:59.999Z' }],
    [quarterly, '2025-Q1', { key: '2025-Q2', dueDate: '2025-06-30', dueAt: '2025-06-30T16:59:59.999Z' }],
    [quarterly, '2025-Q3', { key: '2025-Q4', dueDate: '2025-12-31', dueAt: '2025-12-31T16:59:59.999Z' }],
  ])('after %j occurrence %s comes %j', (deadline, key, expected) => {
    expect(nextOccurrence(deadline, key)).toEqual(expected);
  });
});
