import { TimelineError, endOfLocalDay, formatLocalDate } from './index.js';

describe('endOfLocalDay', () => {
  it.each([
    ['2024-12-24', '2024-12-24T16:59:59.999Z'],
    ['2024-12-31', '2024-12-31T16:59:59.999Z'],
    ['2028-02-29', '2028-02-29T16:59:59.999Z'],
  ])('%s ends at %s', (date, instant) => {
    expect(endOfLocalDay(date)).toBe(instant);
  });

  it.each(['2025-02-29', '2025-13-01', '2025-1-5', '25/12/2024', '2025-03'])('refuses %s', (date) => {
    expect(() => endOfLocalDay(date)).toThrow(TimelineError);
  });
});

describe('formatLocalDate', () => {
  it.each([
    ['2024-12-24T16:59:59.999Z', '24/12/2024'],
    // 17:00 UTC is already midnight of the next day in Viet Nam
    ['2024-12-31T17:00:00.000Z', '01/01/2025'],
    ['2024-12-31T16:59:59.999Z', '31/12/2024'],
    ['2025-01-01T00:30:00+07:00', '01/01/2025'],
    ['2024-12-31T12:00:00-05:00', '01/01/2025'],
  ])('%s is %s in Viet Nam', (instant, local) => {
    expect(formatLocalDate(instant)).toBe(local);
  });

  it('round-trips endOfLocalDay', () => {
    expect(formatLocalDate(endOfLocalDay('2025-06-30'))).toBe('30/06/2025');
  });

  it.each(['2025-01-01', '2025-01-01T10:00:00', 'not a date'])('refuses %s (no offset or not ISO)', (value) => {
    expect(() => formatLocalDate(value)).toThrow(TimelineError);
  });
});
