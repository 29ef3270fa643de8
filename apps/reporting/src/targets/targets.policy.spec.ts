import type { RatingDistribution, ReportCounts, TargetDefinition } from '#contracts';
import { previousPeriodKey } from '../obligations/periods.js';
import { assignmentStats } from '../rollup/summary.js';
import { INDICATORS, TARGETS } from '../testing/fixtures.js';
import { evaluateTarget, judge, type FigureTotals, type TargetFacts } from './targets.policy.js';

const [goodOrBetter, excellent, disseminated, violations] = TARGETS;

const counts = (expected: number, received: number): ReportCounts => ({
  expected, received, onTime: received, late: 0, accepted: 0, returned: 0, missing: 0, rate: null, onTimeRate: null,
});

/** Facts of one subtree: reporting and figures per period, ratings of cells. */
function facts(options: {
  reporting?: Record<string, ReportCounts>;
  figures?: Record<string, Record<string, number>>;
  ratings?: Partial<RatingDistribution> & { units: number };
  done?: [number, number];
}): TargetFacts {
  const figures = options.figures ?? {};
  return {
    assignments: assignmentStats(
      options.done ? [{ due_at: Infinity, n_new: options.done[1] - options.done[0], n_acknowledged: 0, n_in_progress: 0, n_done: options.done[0], n_done_on_time: options.done[0] }] : [],
      new Date(),
    ),
    indicators: new Map(INDICATORS.map((i) => [i.code, i])),
    obligations: [{ code: 'BC1', indicators: INDICATORS.map((i) => i.code) }],
    selection: { obligation: 'BC1', period: '2026' },
    currentPeriod: () => '2026',
    previousPeriod: previousPeriodKey,
    reporting: (_o, period) => options.reporting?.[period] ?? null,
    figures: (_o, period, code): FigureTotals | null => (figures[period]?.[code] === undefined ? null : { n: 1, sum: figures[period][code], yes: 0 }),
    ratings: (period, kind) =>
      options.ratings && kind === 'chi_bo'
        ? { period, kind, rated: 0, counts: { excellent: 0, good: 0, done: 0, not_done: 0 }, ...options.ratings }
        : null,
    ratingPeriod: '2026',
  };
}

const rated = (units: number, counts: Partial<RatingDistribution['counts']>) => {
  const full = { excellent: 0, good: 0, done: 0, not_done: 0, ...counts };
  return { units, rated: Object.values(full).reduce((a, b) => a + b, 0), counts: full };
};

describe('judging a range against a target', () => {
  it.each<[TargetDefinition['comparator'], number, number | null, number | null, number | null, string]>([
    ['>', 80, null, 80.01, 100, 'met'],
    ['>', 80, null, 80, 100, 'unknown'],
    ['>', 80, null, 40, 80, 'not_met'],
    ['>=', 80, null, 80, 80, 'met'],
    ['>=', 95, null, 0, 100, 'unknown'],
    ['<', 5, null, 1, 4.9, 'met'],
    ['<=', 5, null, 5.1, 7, 'not_met'],
    ['=', 0, null, 0, 0, 'met'],
    ['=', 0, null, 0, 20, 'unknown'],
    ['between', 15, 20, 16, 19, 'met'],
    ['between', 15, 20, 20, 100, 'unknown'],
    ['between', 15, 20, 40, 40, 'not_met'],
    ['decrease', 2, null, -33, -33, 'met'],
    ['decrease', 2, null, -1, -1, 'not_met'],
    ['increase', 10, null, 12, 12, 'met'],
    ['>=', 10, null, 5, null, 'unknown'],
    ['>=', 10, null, 12, null, 'met'],
  ])('%s %s (max %s) over [%s, %s] is %s', (comparator, value, max, lo, hi, status) => {
    expect(judge({ comparator, value, max }, lo, hi)).toBe(status);
  });
});

describe('targets over a subtree', () => {
  it('no data yet: every target is unknown, and says why', () => {
    const empty = facts({});
    for (const target of TARGETS) expect(evaluateTarget(target, empty)).toMatchObject({ status: 'unknown', actual: null });
    expect(evaluateTarget(goodOrBetter, empty).explanation).toContain('Không có đơn vị loại "chi_bo"');
    expect(evaluateTarget(disseminated, empty).explanation).toContain('không có báo cáo nào phải nộp');
  });

  it('"above 80% rated good or better" is decided as soon as the remaining units cannot change it', () => {
    // 9 of 10 good already: met, whatever the last one gets.
    expect(evaluateTarget(goodOrBetter, facts({ ratings: rated(10, { good: 9 }) }))).toMatchObject({ status: 'met', range: { min: 90, max: 100 } });
    // 3 not good of 10: at most 70%.
    expect(evaluateTarget(goodOrBetter, facts({ ratings: rated(10, { good: 5, done: 3 }) }))).toMatchObject({ status: 'not_met', range: { min: 50, max: 70 } });
    // 8 good, 2 unrated: 80% to 100% — "above 80%" still open.
    expect(evaluateTarget(goodOrBetter, facts({ ratings: rated(10, { good: 8 }) }))).toMatchObject({ status: 'unknown', numbers: { units: 10, rated: 8, counted: 8 } });
  });

  it('a unit added midway can reopen a target that looked met', () => {
    expect(evaluateTarget(goodOrBetter, facts({ ratings: rated(5, { good: 5 }) })).status).toBe('met');
    // Two units join: 5 of 7 is below 80% until they are rated.
    expect(evaluateTarget(goodOrBetter, facts({ ratings: rated(7, { good: 5 }) })).status).toBe('unknown');
  });

  it('"15–20% excellent" is met only inside the band', () => {
    expect(evaluateTarget(excellent, facts({ ratings: rated(20, { excellent: 3, good: 17 }) }))).toMatchObject({ status: 'met', actual: 15 });
    expect(evaluateTarget(excellent, facts({ ratings: rated(20, { excellent: 5, good: 15 }) }))).toMatchObject({ status: 'not_met', actual: 25 });
  });

  it('a ratio over reports is known only when every expected report is in; a returned one leaves it open', () => {
    const complete = facts({ reporting: { '2026': counts(5, 5) }, figures: { '2026': { quan_triet: 147, dang_vien: 150 } } });
    expect(evaluateTarget(disseminated, complete)).toMatchObject({ status: 'met', actual: 98, numbers: { sum: 147, whole: 150 } });
    const oneReturned = facts({ reporting: { '2026': counts(5, 4) }, figures: { '2026': { quan_triet: 120, dang_vien: 120 } } });
    expect(evaluateTarget(disseminated, oneReturned)).toMatchObject({ status: 'unknown', actual: 100, range: { min: 0, max: 100 } });
    const low = facts({ reporting: { '2026': counts(2, 2) }, figures: { '2026': { quan_triet: 90, dang_vien: 100 } } });
    expect(evaluateTarget(disseminated, low)).toMatchObject({ status: 'not_met', actual: 90 });
  });

  it('"violations down 2% a year" compares the violation rate with the previous period', () => {
    const both = (previous: number, current: number) =>
      facts({
        reporting: { '2025': counts(5, 5), '2026': counts(5, 5) },
        figures: { '2025': { vi_pham: previous, dang_vien: 150 }, '2026': { vi_pham: current, dang_vien: 150 } },
      });
    expect(evaluateTarget(violations, both(6, 4))).toMatchObject({ status: 'met', actual: -33.33, numbers: { previous: 4, current: 2.67 } });
    expect(evaluateTarget(violations, both(100, 99))).toMatchObject({ status: 'not_met', actual: -1 });
    expect(evaluateTarget(violations, both(6, 7))).toMatchObject({ status: 'not_met' });
    expect(evaluateTarget(violations, both(0, 1))).toMatchObject({ status: 'unknown' });
    const noPrevious = facts({ reporting: { '2026': counts(5, 5) }, figures: { '2026': { vi_pham: 1, dang_vien: 150 } } });
    expect(evaluateTarget(violations, noPrevious)).toMatchObject({ status: 'unknown', explanation: expect.stringContaining('kỳ trước') });
  });

  it('totals and completion rates can be met before all the data is in', () => {
    const total: TargetDefinition = { code: 'T', text: 'Ít nhất 100 đảng viên được quán triệt', metric: { type: 'indicator-total', indicator: 'quan_triet' }, comparator: '>=', value: 100, max: null };
    expect(evaluateTarget(total, facts({ reporting: { '2026': counts(5, 2) }, figures: { '2026': { quan_triet: 120 } } }))).toMatchObject({ status: 'met', range: { min: 120, max: null } });
    const completion: TargetDefinition = { code: 'C', text: 'Hoàn thành 50% nhiệm vụ', metric: { type: 'completion-rate' }, comparator: '>=', value: 50, max: null };
    expect(evaluateTarget(completion, facts({ done: [6, 10] }))).toMatchObject({ status: 'met', actual: 60 });
    expect(evaluateTarget(completion, facts({ done: [4, 10] }))).toMatchObject({ status: 'unknown' });
  });
});
