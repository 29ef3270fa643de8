import { parseTimeline } from '#timeline';
import { firstPeriod, nextPeriod, periodsOpenAt, previousPeriodKey } from './periods.js';

const deadline = (text: string, referenceDate = '2024-09-20') => parseTimeline(text, { referenceDate });
const at = (iso: string) => new Date(iso);

describe('reporting periods', () => {
  it('"trước ngày 25/12/2024" is one period, due at the end of 24/12/2024 in Viet Nam', () => {
    const d = deadline('trước ngày 25/12/2024');
    expect(firstPeriod(d)).toEqual({ key: '2024-12-24', label: 'Hạn 24/12/2024', dueDate: '2024-12-24', dueAt: '2024-12-24T16:59:59.999Z' });
    expect(nextPeriod(d, firstPeriod(d))).toBeNull();
    expect(periodsOpenAt(d, null, at('2030-01-01T00:00:00Z')).map((p) => p.key)).toEqual(['2024-12-24']);
  });

  it('"trước 17 giờ ngày 25/12/2024" is due at that hour, not at the end of the day', () => {
    const d = deadline('trước 17 giờ ngày 25/12/2024');
    expect(firstPeriod(d)).toMatchObject({ key: '2024-12-25', dueDate: '2024-12-25', dueAt: '2024-12-25T09:59:59.999Z' });
  });

  it('"Định kỳ hằng năm (trước ngày 25/11)" is a period per year, each due on 24/11', () => {
    const d = deadline('Định kỳ hằng năm (trước ngày 25/11)');
    expect(firstPeriod(d)).toMatchObject({ key: '2024', label: 'Năm 2024', dueDate: '2024-11-24', dueAt: '2024-11-24T16:59:59.999Z' });
    expect(nextPeriod(d, firstPeriod(d))).toMatchObject({ key: '2025', dueDate: '2025-11-24' });
  });

  it('a plan issued after this year’s date starts next year', () => {
    expect(firstPeriod(deadline('Định kỳ hằng năm (trước ngày 25/11)', '2024-12-01'))).toMatchObject({ key: '2025', dueDate: '2025-11-24' });
  });

  it('opens every period up to the current one, and the next only when a deadline has passed', () => {
    const d = deadline('Định kỳ hằng năm (trước ngày 25/11)');
    const keys = (iso: string, until: string | null = null) => periodsOpenAt(d, until, at(iso)).map((p) => p.key);
    expect(keys('2024-10-01T00:00:00Z')).toEqual(['2024']);
    // 24/11/2024 23:59:59 ICT is still 2024's deadline; a millisecond later 2025 opens.
    expect(keys('2024-11-24T16:59:59.999Z')).toEqual(['2024']);
    expect(keys('2024-11-24T17:00:00.000Z')).toEqual(['2024', '2025']);
    expect(keys('2027-06-01T00:00:00Z')).toEqual(['2024', '2025', '2026', '2027']);
    expect(keys('2027-06-01T00:00:00Z', '2025-12-31')).toEqual(['2024', '2025']);
  });

  it('quarterly periods end with their quarter and roll over the year', () => {
    const d = deadline('Báo cáo hằng quý', '2024-11-05');
    expect(firstPeriod(d)).toMatchObject({ key: '2024-Q4', label: 'Quý IV/2024', dueDate: '2024-12-31' });
    expect(periodsOpenAt(d, null, at('2025-04-15T00:00:00Z')).map((p) => [p.key, p.dueDate])).toEqual([
      ['2024-Q4', '2024-12-31'],
      ['2025-Q1', '2025-03-31'],
      ['2025-Q2', '2025-06-30'],
    ]);
  });

  it('names the period before, for comparisons with the previous year or quarter', () => {
    expect(previousPeriodKey('2026')).toBe('2025');
    expect(previousPeriodKey('2026-Q1')).toBe('2025-Q4');
    expect(previousPeriodKey('2026-Q3')).toBe('2026-Q2');
    expect(previousPeriodKey('2024-12-24')).toBeNull();
  });
});
