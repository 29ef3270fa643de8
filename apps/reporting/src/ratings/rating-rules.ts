import { DateTime } from 'luxon';
import { RATING_LEVELS, type FieldError, type RatingLevel, type RatingRecord, type RatingRule } from '#contracts';
import { LOCAL_ZONE } from '#timeline';

/**
 * The suggestion an upper unit sees before rating a unit: the first rule whose minimums the
 * unit's record meets (share of its tasks due in the year that are done, and done on time), else
 * "Không hoàn thành nhiệm vụ". Organisations set their own rules; these apply otherwise.
 */
export const DEFAULT_RATING_RULES: RatingRule[] = [
  { level: 'excellent', minDoneShare: 1, minOnTimeShare: 0.9 },
  { level: 'good', minDoneShare: 0.9, minOnTimeShare: 0.7 },
  { level: 'done', minDoneShare: 0.7, minOnTimeShare: 0 },
];

export function suggestRating(record: RatingRecord, rules: RatingRule[]): RatingLevel | null {
  if (record.total === 0) return null;
  const done = record.doneShare ?? 0;
  const onTime = record.onTimeShare ?? 0;
  for (const rule of rules) if (done >= rule.minDoneShare - 1e-9 && onTime >= rule.minOnTimeShare - 1e-9) return rule.level;
  return 'not_done';
}

/** A record from the unit's counts: shares of all its tasks due in the period (0–1). */
export function ratingRecord(total: number, done: number, doneOnTime: number): RatingRecord {
  return {
    total,
    done,
    doneOnTime,
    doneShare: total ? done / total : null,
    onTimeShare: total ? doneOnTime / total : null,
  };
}

/** Rules go from the best level down; each level once; shares between 0 and 1. */
export function checkRatingRules(rules: unknown): FieldError[] {
  if (!Array.isArray(rules) || rules.length === 0) return [{ path: 'rules', message: 'Cần ít nhất một quy tắc' }];
  const errors: FieldError[] = [];
  const order = RATING_LEVELS.slice(0, 3);
  let previous = -1;
  const seen = new Set<string>();
  rules.forEach((rule: RatingRule, i) => {
    const at = `rules[${i}]`;
    const index = order.indexOf(rule?.level as (typeof order)[number]);
    if (index < 0) errors.push({ path: `${at}.level`, message: `Mức phải là một trong: ${order.join(', ')}` });
    else if (seen.has(rule.level)) errors.push({ path: `${at}.level`, message: `Mức "${rule.level}" bị lặp` });
    else if (index < previous) errors.push({ path: `${at}.level`, message: 'Các quy tắc xếp từ mức cao xuống mức thấp' });
    seen.add(rule?.level);
    previous = Math.max(previous, index);
    for (const field of ['minDoneShare', 'minOnTimeShare'] as const) {
      const value = rule?.[field];
      if (typeof value !== 'number' || !(value >= 0 && value <= 1)) errors.push({ path: `${at}.${field}`, message: 'phải là một số từ 0 đến 1' });
    }
  });
  return errors;
}

/** The instants bounding a rating year in Viet Nam: [1/1 00:00, next 1/1 00:00). */
export function ratingYear(period: string): { from: string; to: string } {
  const start = DateTime.fromObject({ year: Number(period), month: 1, day: 1 }, { zone: LOCAL_ZONE });
  return { from: start.toUTC().toISO()!, to: start.plus({ years: 1 }).toUTC().toISO()! };
}
