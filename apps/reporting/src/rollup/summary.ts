import {
  RATING_LEVELS,
  type AssignmentStats,
  type IndicatorDefinition,
  type IndicatorResult,
  type PeriodReporting,
  type RatingDistribution,
  type RatingLevel,
  type ReportCounts,
} from '#contracts';

/**
 * From roll-up rows (one subtree root's) to what people read: counts, rates, overdue and missing
 * as of `now`, consolidated figures by each indicator's rule. Pure: the SQL keeps the counters
 * exact, this decides what they mean. Rates are percentages rounded to two decimals.
 */

/** Postgres 'infinity' (ongoing work) arrives from the driver as the number Infinity, not a Date. */
export type DueAt = Date | number;

export interface AssignmentAggRow {
  due_at: DueAt;
  n_new: number;
  n_acknowledged: number;
  n_in_progress: number;
  n_done: number;
  n_done_on_time: number;
}

export interface ReportAggRow {
  obligation_id: string;
  period_key: string;
  kind: string;
  due_at: DueAt;
  expected: number;
  received: number;
  on_time: number;
  accepted: number;
  returned: number;
}

export interface FigureAggRow {
  obligation_id: string;
  period_key: string;
  indicator_code: string;
  n: number;
  sum: string | number;
  yes: number;
  min: string | number | null;
  max: string | number | null;
}

export interface RatingAggRow {
  period: string;
  kind: string;
  level: RatingLevel;
  n: number;
}

export interface UnitAggRow {
  kind: string;
  n: number;
}

export function pct(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 100 : null;
}

const time = (due: DueAt) => (typeof due === 'number' ? due : due.getTime());

export function assignmentStats(rows: AssignmentAggRow[], now: Date): AssignmentStats {
  const stats = { total: 0, new: 0, acknowledged: 0, inProgress: 0, done: 0, overdue: 0, doneOnTime: 0 };
  let doneWithDeadline = 0;
  for (const row of rows) {
    const total = row.n_new + row.n_acknowledged + row.n_in_progress + row.n_done;
    stats.total += total;
    stats.new += row.n_new;
    stats.acknowledged += row.n_acknowledged;
    stats.inProgress += row.n_in_progress;
    stats.done += row.n_done;
    if (Number.isFinite(time(row.due_at))) {
      stats.doneOnTime += row.n_done_on_time;
      doneWithDeadline += row.n_done;
      if (time(row.due_at) < now.getTime()) stats.overdue += total - row.n_done;
    }
  }
  return { ...stats, completionRate: pct(stats.done, stats.total), onTimeRate: pct(stats.doneOnTime, doneWithDeadline) };
}

export function reportCounts(rows: Pick<ReportAggRow, 'due_at' | 'expected' | 'received' | 'on_time' | 'accepted' | 'returned'>[], now: Date): ReportCounts {
  const c = { expected: 0, received: 0, onTime: 0, accepted: 0, returned: 0, missing: 0 };
  for (const row of rows) {
    c.expected += row.expected;
    c.received += row.received;
    c.onTime += row.on_time;
    c.accepted += row.accepted;
    c.returned += row.returned;
    if (time(row.due_at) < now.getTime()) c.missing += row.expected - row.received;
  }
  return { ...c, late: c.received - c.onTime, rate: pct(c.received, c.expected), onTimeRate: pct(c.onTime, c.expected) };
}

export interface PeriodMeta {
  obligationId: string;
  obligationCode: string;
  period: string;
  label: string;
  dueAt: string;
}

/** Reporting per (obligation, period) of the subtree, each split by the reporting units' kind. */
export function periodReporting(rows: ReportAggRow[], periods: PeriodMeta[], now: Date): PeriodReporting[] {
  return periods.map((meta) => {
    const own = rows.filter((row) => row.obligation_id === meta.obligationId && row.period_key === meta.period);
    const kinds = [...new Set(own.map((row) => row.kind))].sort();
    return {
      ...meta,
      ...reportCounts(own, now),
      byLevel: kinds.map((kind) => ({ kind, ...reportCounts(own.filter((row) => row.kind === kind), now) })),
    };
  });
}

const num = (value: string | number | null): number | null => (value === null ? null : Number(value));

/** The consolidated value of one indicator by its rule. */
export function indicatorValue(indicator: IndicatorDefinition, row: Pick<FigureAggRow, 'n' | 'sum' | 'yes' | 'min' | 'max'> | undefined): number | null {
  if (!row || row.n === 0) return null;
  switch (indicator.rollup) {
    case 'sum':
      return Number(row.sum);
    case 'min':
      return num(row.min);
    case 'max':
      return num(row.max);
    case 'share':
      return pct(row.yes, row.n);
    case 'none':
      return null;
  }
}

/** Figures of one period, in the plan's indicator order (those the obligation carries). */
export function indicatorResults(indicators: IndicatorDefinition[], rows: FigureAggRow[]): IndicatorResult[] {
  const byCode = new Map(rows.map((row) => [row.indicator_code, row]));
  return indicators.map((indicator) => {
    const row = byCode.get(indicator.code);
    const numeric = indicator.type === 'count' || indicator.type === 'percentage';
    const whole = indicator.partOf ? byCode.get(indicator.partOf) : undefined;
    return {
      code: indicator.code,
      name: indicator.name,
      type: indicator.type,
      rollup: indicator.rollup,
      unit: indicator.unit,
      reported: row?.n ?? 0,
      value: indicatorValue(indicator, row),
      sum: numeric && row ? Number(row.sum) : null,
      min: numeric && row ? num(row.min) : null,
      max: numeric && row ? num(row.max) : null,
      yes: row?.yes ?? 0,
      ratio: indicator.partOf ? { of: indicator.partOf, value: row && whole ? pct(Number(row.sum), Number(whole.sum)) : null } : null,
    };
  });
}

/** Ratings of one period per unit kind, with how many units of that kind the subtree holds. */
export function ratingDistributions(ratings: RatingAggRow[], units: UnitAggRow[], period: string): RatingDistribution[] {
  const own = ratings.filter((row) => row.period === period);
  const kinds = [...new Set([...units.map((u) => u.kind), ...own.map((r) => r.kind)])].sort();
  return kinds.map((kind) => {
    const counts = Object.fromEntries(RATING_LEVELS.map((level) => [level, 0])) as Record<RatingLevel, number>;
    for (const row of own.filter((r) => r.kind === kind)) counts[row.level] += row.n;
    return {
      period,
      kind,
      units: units.find((u) => u.kind === kind)?.n ?? 0,
      rated: Object.values(counts).reduce((a, b) => a + b, 0),
      counts,
    };
  });
}
