import type { IndicatorDefinition } from '#contracts';
import { INDICATORS } from '../testing/fixtures.js';
import { assignmentStats, indicatorResults, indicatorValue, periodReporting, ratingDistributions, reportCounts, type ReportAggRow } from './summary.js';

const now = new Date('2026-11-21T03:00:00Z');
const past = new Date('2026-11-01T16:59:59.999Z');
const ahead = new Date('2026-12-24T16:59:59.999Z');
const row = (over: Partial<ReportAggRow>): ReportAggRow => ({
  obligation_id: 'o1', period_key: '2026', kind: 'chi_bo', due_at: ahead, expected: 0, received: 0, on_time: 0, accepted: 0, returned: 0, ...over,
});

describe('summaries from roll-up rows', () => {
  it('no data yet: zeros and no rates, never a division by zero', () => {
    expect(assignmentStats([], now)).toEqual({
      total: 0, new: 0, acknowledged: 0, inProgress: 0, done: 0, overdue: 0, doneOnTime: 0, completionRate: null, onTimeRate: null,
    });
    expect(reportCounts([], now)).toMatchObject({ expected: 0, received: 0, missing: 0, rate: null, onTimeRate: null });
    expect(indicatorResults(INDICATORS, [])).toEqual(
      INDICATORS.map((i) => expect.objectContaining({ code: i.code, reported: 0, value: null, yes: 0 })),
    );
    expect(ratingDistributions([], [], '2026')).toEqual([]);
  });

  it('counts overdue work from the deadlines as of now; ongoing work is never overdue nor late', () => {
    const stats = assignmentStats(
      [
        { due_at: past, n_new: 2, n_acknowledged: 1, n_in_progress: 1, n_done: 4, n_done_on_time: 3 },
        { due_at: ahead, n_new: 5, n_acknowledged: 0, n_in_progress: 0, n_done: 1, n_done_on_time: 1 },
        { due_at: Infinity, n_new: 3, n_acknowledged: 0, n_in_progress: 0, n_done: 2, n_done_on_time: 2 },
      ],
      now,
    );
    expect(stats).toEqual({
      total: 19, new: 10, acknowledged: 1, inProgress: 1, done: 7, overdue: 4, doneOnTime: 4, completionRate: 36.84, onTimeRate: 80,
    });
  });

  it('a report still due is expected, not missing; after the deadline what has not come is missing', () => {
    expect(reportCounts([row({ expected: 10, received: 7, on_time: 6, returned: 1 })], now)).toMatchObject({ missing: 0, late: 1, rate: 70, onTimeRate: 60 });
    expect(reportCounts([row({ due_at: past, expected: 10, received: 7, on_time: 6, returned: 1 })], now)).toMatchObject({ missing: 3 });
  });

  it('a unit added midway raises what is expected, and the rate with it', () => {
    const before = reportCounts([row({ expected: 4, received: 4, on_time: 4 })], now);
    const after = reportCounts([row({ expected: 5, received: 4, on_time: 4 })], now);
    expect([before.rate, after.rate]).toEqual([100, 80]);
  });

  it('splits a period by the reporting units’ kind (level)', () => {
    const [period] = periodReporting(
      [row({ kind: 'chi_bo', expected: 30, received: 28, on_time: 25 }), row({ kind: 'dang_uy_xa', expected: 3, received: 3, on_time: 3 })],
      [{ obligationId: 'o1', obligationCode: 'BC1', period: '2026', label: 'Năm 2026', dueAt: ahead.toISOString() }],
      now,
    );
    expect(period).toMatchObject({ expected: 33, received: 31, rate: 93.94 });
    expect(period.byLevel.map((l) => [l.kind, l.received, l.expected])).toEqual([['chi_bo', 28, 30], ['dang_uy_xa', 3, 3]]);
  });

  it('applies each indicator’s rule: sum, min, max, share of units, and part-of-whole ratios', () => {
    const results = indicatorResults(INDICATORS, [
      { obligation_id: 'o1', period_key: '2026', indicator_code: 'dang_vien', n: 3, sum: '150', yes: 0, min: '20', max: '80' },
      { obligation_id: 'o1', period_key: '2026', indicator_code: 'quan_triet', n: 3, sum: '147', yes: 0, min: '20', max: '78' },
      { obligation_id: 'o1', period_key: '2026', indicator_code: 'hoi_nghi', n: 3, sum: '0', yes: 2, min: null, max: null },
      { obligation_id: 'o1', period_key: '2026', indicator_code: 'ty_le_sinh_hoat', n: 3, sum: '270', yes: 0, min: '80', max: '100' },
    ]);
    const by = Object.fromEntries(results.map((r) => [r.code, r]));
    expect(by.dang_vien).toMatchObject({ value: 150, sum: 150, ratio: null });
    expect(by.quan_triet).toMatchObject({ value: 147, ratio: { of: 'dang_vien', value: 98 } });
    expect(by.hoi_nghi).toMatchObject({ value: 66.67, yes: 2, reported: 3, sum: null });
    expect(by.ty_le_sinh_hoat).toMatchObject({ value: 80, min: 80, max: 100 });
    expect(by.ghi_chu).toMatchObject({ value: null, reported: 0 });
    const max: IndicatorDefinition = { ...INDICATORS[4], rollup: 'max' };
    expect(indicatorValue(max, { n: 3, sum: 270, yes: 0, min: 80, max: 100 })).toBe(100);
  });

  it('after a returned report, its figures are simply not in the rows: totals fall back, nothing else moves', () => {
    const withIt = indicatorResults(INDICATORS.slice(0, 1), [{ obligation_id: 'o1', period_key: '2026', indicator_code: 'dang_vien', n: 2, sum: '50', yes: 0, min: '20', max: '30' }]);
    const without = indicatorResults(INDICATORS.slice(0, 1), [{ obligation_id: 'o1', period_key: '2026', indicator_code: 'dang_vien', n: 1, sum: '20', yes: 0, min: '20', max: '20' }]);
    expect([withIt[0].value, without[0].value]).toEqual([50, 20]);
  });

  it('rates each kind of unit against how many of that kind the subtree holds, rated or not', () => {
    const [chiBo] = ratingDistributions(
      [
        { period: '2026', kind: 'chi_bo', level: 'excellent', n: 1 },
        { period: '2026', kind: 'chi_bo', level: 'good', n: 3 },
        { period: '2025', kind: 'chi_bo', level: 'not_done', n: 9 },
      ],
      [{ kind: 'chi_bo', n: 6 }],
      '2026',
    );
    expect(chiBo).toEqual({ period: '2026', kind: 'chi_bo', units: 6, rated: 4, counts: { excellent: 1, good: 3, done: 0, not_done: 0 } });
  });
});
