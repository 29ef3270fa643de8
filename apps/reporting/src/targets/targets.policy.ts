import {
  RATING_LABELS,
  type AssignmentStats,
  type IndicatorDefinition,
  type RatingDistribution,
  type ReportCounts,
  type TargetDefinition,
  type TargetResult,
  type TargetStatus,
} from '#contracts';

/**
 * Targets over a subtree: met, not met, or not yet known. Each metric gives the value measured so
 * far and the range the final value can still end in given what has not arrived (unrated units,
 * missing reports); the target is met when every value in that range meets it, not met when none
 * does, and unknown otherwise. So "≥ 80% rated good or better" is met as soon as the good ones
 * alone reach 80% of all units, and not met as soon as even rating every remaining unit good
 * could not reach it; a ratio over reports is known once every expected report is in.
 */

export interface FigureTotals {
  n: number;
  sum: number;
  yes: number;
}

export interface TargetFacts {
  assignments: AssignmentStats;
  indicators: Map<string, IndicatorDefinition>;
  /** Obligation codes in plan order, with the indicators each carries. */
  obligations: { code: string; indicators: string[] }[];
  /** The selected obligation and period (figures default to them). */
  selection: { obligation: string; period: string } | null;
  /** The current period of an obligation (for targets on another obligation than the selected). */
  currentPeriod(obligation: string): string | null;
  previousPeriod(period: string): string | null;
  reporting(obligation: string, period: string): ReportCounts | null;
  figures(obligation: string, period: string, indicator: string): FigureTotals | null;
  ratings(period: string, kind: string): RatingDistribution | null;
  ratingPeriod: string;
}

interface Measure {
  actual: number | null;
  /** null: unbounded on that side. */
  lo: number | null;
  hi: number | null;
  /** No range at all: nothing to measure yet. */
  unmeasurable?: boolean;
  explanation: string;
  numbers: Record<string, number | null>;
}

const EPS = 1e-9;
const round = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);
const share = (part: number, whole: number) => (part / whole) * 100;
const fmt = (value: number) => `${round(value)}`.replace('.', ',');

export function judge(target: Pick<TargetDefinition, 'comparator' | 'value' | 'max'>, lo: number | null, hi: number | null): TargetStatus {
  const v = target.value;
  const ge = (a: number | null, b: number) => a !== null && a >= b - EPS;
  const gt = (a: number | null, b: number) => a !== null && a > b + EPS;
  const le = (a: number | null, b: number) => a !== null && a <= b + EPS;
  const lt = (a: number | null, b: number) => a !== null && a < b - EPS;
  const decide = (all: boolean, none: boolean): TargetStatus => (all ? 'met' : none ? 'not_met' : 'unknown');
  switch (target.comparator) {
    case '>':
      return decide(gt(lo, v), le(hi, v));
    case '>=':
    case 'increase':
      return decide(ge(lo, v), lt(hi, v));
    case '<':
      return decide(lt(hi, v), ge(lo, v));
    case '<=':
      return decide(le(hi, v), gt(lo, v));
    case 'decrease':
      return decide(le(hi, -v), gt(lo, -v));
    case '=':
      return decide(ge(lo, v) && le(hi, v), lt(hi, v) || gt(lo, v));
    case 'between': {
      const max = target.max ?? v;
      return decide(ge(lo, v) && le(hi, max), lt(hi, v) || gt(lo, max));
    }
  }
}

export function evaluateTarget(target: TargetDefinition, facts: TargetFacts): TargetResult {
  const measure = measureOf(target, facts);
  const status = measure.unmeasurable ? 'unknown' : judge(target, measure.lo, measure.hi);
  return {
    code: target.code,
    text: target.text,
    comparator: target.comparator,
    value: target.value,
    max: target.max,
    status,
    actual: round(measure.actual),
    range: { min: round(measure.lo), max: round(measure.hi) },
    explanation: measure.explanation,
    numbers: measure.numbers,
  };
}

/** The obligation a figure target reads: the one named, else the selected one if it carries the indicator, else the first that does. */
function obligationFor(facts: TargetFacts, named: string | undefined, indicator: string | null): string | null {
  if (named) return named;
  const carries = (code: string) => indicator === null || facts.obligations.find((o) => o.code === code)?.indicators.includes(indicator);
  if (facts.selection && carries(facts.selection.obligation)) return facts.selection.obligation;
  return facts.obligations.find((o) => carries(o.code))?.code ?? null;
}

function periodFor(facts: TargetFacts, obligation: string): string | null {
  return facts.selection?.obligation === obligation ? facts.selection.period : facts.currentPeriod(obligation);
}

function unmeasurable(explanation: string, numbers: Record<string, number | null> = {}): Measure {
  return { actual: null, lo: null, hi: null, unmeasurable: true, explanation, numbers };
}

function measureOf(target: TargetDefinition, facts: TargetFacts): Measure {
  const metric = target.metric;
  switch (metric.type) {
    case 'rating-share': {
      const period = metric.period ?? facts.ratingPeriod;
      const d = facts.ratings(period, metric.unitKind);
      const units = d?.units ?? 0;
      if (units === 0) return unmeasurable(`Không có đơn vị loại "${metric.unitKind}" trong phạm vi`, { units: 0 });
      const rated = d?.rated ?? 0;
      const counted = metric.levels.reduce((sum, level) => sum + (d?.counts[level] ?? 0), 0);
      const names = metric.levels.map((level) => RATING_LABELS[level]).join(', ');
      const numbers = { units, rated, counted };
      if (rated === 0) {
        return { actual: null, lo: 0, hi: 100, explanation: `Năm ${period}: chưa xếp loại đơn vị nào (${units} đơn vị)`, numbers };
      }
      return {
        actual: share(counted, rated === units ? units : rated),
        lo: share(counted, units),
        hi: share(counted + units - rated, units),
        explanation:
          rated === units
            ? `Năm ${period}: ${counted}/${units} đơn vị đạt "${names}"`
            : `Năm ${period}: đã xếp loại ${rated}/${units} đơn vị, ${counted} đạt "${names}"`,
        numbers,
      };
    }
    case 'completion-rate': {
      const { total, done } = facts.assignments;
      if (total === 0) return unmeasurable('Chưa có nhiệm vụ nào được giao', { total: 0, done: 0 });
      return { actual: share(done, total), lo: share(done, total), hi: 100, explanation: `${done}/${total} nhiệm vụ đã hoàn thành`, numbers: { total, done } };
    }
    case 'reporting-rate': {
      const obligation = obligationFor(facts, metric.obligation, null);
      const period = obligation ? periodFor(facts, obligation) : null;
      const counts = obligation && period ? facts.reporting(obligation, period) : null;
      if (!counts || counts.expected === 0) return unmeasurable('Chưa có kỳ báo cáo nào');
      const { expected, received } = counts;
      return {
        actual: share(received, expected),
        lo: share(received, expected),
        hi: 100,
        explanation: `Kỳ ${period}: ${received}/${expected} báo cáo đã nhận`,
        numbers: { expected, received },
      };
    }
    case 'indicator-total':
    case 'indicator-ratio':
    case 'indicator-change':
      return measureFigure(target, facts);
  }
}

function measureFigure(target: TargetDefinition, facts: TargetFacts): Measure {
  const metric = target.metric as Extract<TargetDefinition['metric'], { indicator: string }>;
  const indicator = facts.indicators.get(metric.indicator);
  const obligation = obligationFor(facts, metric.obligation, metric.indicator);
  const period = obligation ? periodFor(facts, obligation) : null;
  if (!indicator || !obligation || !period) return unmeasurable('Chưa có kỳ báo cáo nào thu chỉ tiêu này');

  /** The indicator's total, or its ratio to the whole, over one period, and whether every report is in. */
  const read = (key: string) => {
    const counts = facts.reporting(obligation, key);
    const part = facts.figures(obligation, key, indicator.code);
    const whole = indicator.partOf ? facts.figures(obligation, key, indicator.partOf) : null;
    const sum = part?.sum ?? 0;
    const value = indicator.partOf ? (whole && whole.sum > 0 ? share(sum, whole.sum) : null) : sum;
    return {
      expected: counts?.expected ?? 0,
      received: counts?.received ?? 0,
      complete: !!counts && counts.expected > 0 && counts.received === counts.expected,
      sum,
      whole: whole?.sum ?? null,
      value,
    };
  };
  const current = read(period);
  const numbers: Record<string, number | null> = {
    expected: current.expected,
    received: current.received,
    sum: current.sum,
    ...(indicator.partOf ? { whole: current.whole } : {}),
  };
  if (current.expected === 0) return unmeasurable(`Kỳ ${period}: không có báo cáo nào phải nộp`, numbers);
  const progress = `Kỳ ${period}: đã nhận ${current.received}/${current.expected} báo cáo`;

  if (target.metric.type === 'indicator-total') {
    if (current.complete) return { actual: current.sum, lo: current.sum, hi: current.sum, explanation: `${progress}, tổng ${fmt(current.sum)}`, numbers };
    // Counts only grow as reports arrive.
    return { actual: current.sum, lo: current.sum, hi: null, explanation: `${progress}, tổng đến nay ${fmt(current.sum)}`, numbers };
  }
  if (target.metric.type === 'indicator-ratio') {
    if (current.complete) {
      if (current.value === null) return unmeasurable(`${progress}, tổng "${indicator.partOf}" bằng 0`, numbers);
      return { actual: current.value, lo: current.value, hi: current.value, explanation: `${progress}, tỷ lệ ${fmt(current.value)}%`, numbers };
    }
    // Units still to report can move the ratio anywhere between 0 and 100%.
    return { actual: current.value, lo: 0, hi: 100, explanation: `${progress}; tỷ lệ chỉ xác định khi đủ báo cáo`, numbers };
  }
  const previousKey = facts.previousPeriod(period);
  const previous = previousKey ? read(previousKey) : null;
  numbers.previous = round(previous?.value ?? null);
  numbers.current = round(current.value);
  if (!previous || previous.expected === 0) return unmeasurable(`Không có kỳ trước kỳ ${period} để so sánh`, numbers);
  if (!previous.complete || !current.complete) {
    return unmeasurable(
      `So sánh kỳ ${period} với kỳ ${previousKey} khi đủ báo cáo (kỳ ${previousKey}: ${previous.received}/${previous.expected}, kỳ ${period}: ${current.received}/${current.expected})`,
      numbers,
    );
  }
  if (previous.value === null || current.value === null || previous.value === 0) {
    return unmeasurable(`Kỳ ${previousKey} bằng 0, không tính được mức thay đổi`, numbers);
  }
  const change = ((current.value - previous.value) / previous.value) * 100;
  numbers.change = round(change);
  const word = change <= 0 ? 'giảm' : 'tăng';
  return {
    actual: change,
    lo: change,
    hi: change,
    explanation: `Kỳ ${period} so với kỳ ${previousKey}: ${fmt(previous.value)} → ${fmt(current.value)}, ${word} ${fmt(Math.abs(change))}%`,
    numbers,
  };
}
