import { checkRatingRules, DEFAULT_RATING_RULES, ratingRecord, ratingYear, suggestRating } from './rating-rules.js';

describe('rating suggestions', () => {
  it.each([
    [10, 10, 10, 'excellent'],
    [10, 10, 8, 'good'],
    [10, 9, 7, 'good'],
    [10, 9, 5, 'done'],
    [10, 7, 0, 'done'],
    [10, 6, 6, 'not_done'],
  ])('%s tasks, %s done, %s on time → %s', (total, done, onTime, level) => {
    expect(suggestRating(ratingRecord(total, done, onTime), DEFAULT_RATING_RULES)).toBe(level);
  });

  it('suggests nothing for a unit with no task due in the year', () => {
    expect(suggestRating(ratingRecord(0, 0, 0), DEFAULT_RATING_RULES)).toBeNull();
  });

  it('follows an organisation’s own rules', () => {
    const lenient = [{ level: 'excellent' as const, minDoneShare: 0.8, minOnTimeShare: 0 }];
    expect(suggestRating(ratingRecord(10, 8, 0), lenient)).toBe('excellent');
    expect(suggestRating(ratingRecord(10, 7, 7), lenient)).toBe('not_done');
  });

  it('checks rules: known levels, best first, once each, shares in 0–1', () => {
    expect(checkRatingRules(DEFAULT_RATING_RULES)).toEqual([]);
    expect(checkRatingRules([])).toEqual([{ path: 'rules', message: 'Cần ít nhất một quy tắc' }]);
    expect(
      checkRatingRules([
        { level: 'good', minDoneShare: 0.9, minOnTimeShare: 1.5 },
        { level: 'excellent', minDoneShare: 1, minOnTimeShare: 1 },
        { level: 'not_done', minDoneShare: 0, minOnTimeShare: 0 },
      ]),
    ).toEqual([
      { path: 'rules[0].minOnTimeShare', message: 'phải là một số từ 0 đến 1' },
      { path: 'rules[1].level', message: 'Các quy tắc xếp từ mức cao xuống mức thấp' },
      { path: 'rules[2].level', message: 'Mức phải là một trong: excellent, good, done' },
    ]);
  });

  it('bounds the rating year in Viet Nam time', () => {
    expect(ratingYear('2026')).toEqual({ from: '2025-12-31T17:00:00.000Z', to: '2026-12-31T17:00:00.000Z' });
  });
});
