import type { LocalDay } from '../local-time.js';

/** The days a written period covers: one day, a month, a quarter, part of a year. */
export interface Period {
  first: LocalDay;
  last: LocalDay;
}

/** What a form reads from its match: the year as written (if any) and the period in any year. */
export interface PeriodReading {
  year: number | undefined;
  /** undefined when that year has no such period (29/02/2025, 31/02, month 13, quarter V). */
  periodIn(year: number): Period | undefined;
}

/**
 * One way of writing a period. `noun` names it in error messages ("Ngày không hợp lệ …").
 * Patterns are built with `pattern()` and use named groups, so readers do not count parentheses.
 */
export interface Form {
  noun: 'Ngày' | 'Tháng' | 'Quý' | 'Năm';
  pattern: RegExp;
  read(groups: Record<string, string | undefined>): PeriodReading;
}

/**
 * Word edges that know Vietnamese letters: JS `\b` only knows ASCII, so it would let "quý vị"
 * read as "quý V" and "năm" match inside a longer syllable.
 */
export const START = String.raw`(?<![\p{L}\p{N}])`;
export const END = String.raw`(?![\p{L}\p{N}])`;
/** "quý", with the old tone placement "qúy" still found in scanned documents. */
export const QUARTER_WORD = '(?:quý|qúy)';
/** Between a month or quarter and its year: "IV/2024", "01-2026", "II năm 2023", "3, năm 2025". */
export const YEAR_JOIN = String.raw`(?:\s?[/–-]\s?|,? năm )`;

/** Global (for matchAll), Unicode (for \p{L}), case-insensitive (Vietnamese case folds with `u`). */
export function pattern(source: string): RegExp {
  return new RegExp(source, 'giu');
}

export function optionalNumber(value: string | undefined): number | undefined {
  return value === undefined ? undefined : Number(value);
}
