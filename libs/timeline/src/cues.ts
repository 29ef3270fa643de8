import { END, QUARTER_WORD, START } from './forms/form.js';

/** Cues are tested with `.test`, so they must not be global (a global RegExp keeps lastIndex). */
function cue(source: string): RegExp {
  return new RegExp(`${START}(?:${source})${END}`, 'iu');
}

/** "Thường xuyên": work without a completion deadline. */
export const ONGOING = cue('thường xuyên');

/**
 * Words that make a deadline come back. "hàng năm" is the common spelling of "hằng năm".
 * "Định kỳ 6 tháng (trước ngày 15/6)" names the half-year report, due once a year on that day.
 */
export const CYCLES = [
  { every: 'year', cue: cue('(?:h[ằà]ng|mỗi) năm|định k[ỳì] (?:6|sáu) tháng') },
  { every: 'quarter', cue: cue(`(?:h[ằà]ng|mỗi) ${QUARTER_WORD}`) },
  { every: 'month', cue: cue('(?:h[ằà]ng|mỗi) tháng') },
  { every: 'week', cue: cue('(?:h[ằà]ng|mỗi) tuần') },
] as const;

export type Cycle = (typeof CYCLES)[number]['every'];

/**
 * "nhân kỷ niệm Ngày Bến Tre Đồng Khởi (17/01)", "vào dịp sinh nhật Bác": an anniversary comes
 * back every year, unless the text dates one occurrence ("kỷ niệm 95 năm … (03/02/2025)").
 */
export const ANNIVERSARY = cue('k[ỷỉ] niệm|sinh nhật');
