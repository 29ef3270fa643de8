import type { ImportedTarget, TargetComparator } from '#contracts';
import { clip, collapseSpaces, trimPunctuation } from './text.js';

const PERCENT = /(\d{1,3}(?:[.,]\d{1,2})?)\s*%/gu;
const COUNT_NOUNS =
  'tập thể|cá nhân|đảng viên|chi bộ|tổ chức cơ sở đảng|tổ chức đảng|đảng bộ|mô hình|công trình|phần việc|cuộc|lượt|buổi|hội nghị|đơn vị|tấm gương|điển hình|sáng kiến|quần chúng|lớp|đợt|đồng chí|người';
const COUNT_RANGE = new RegExp(`(?<![\\d/.,])(\\d{1,4})\\s*[-–—]\\s*(\\d{1,4})\\s+(${COUNT_NOUNS})(?![\\p{L}])`, 'gu');
const COUNT_CUED = new RegExp(
  `(ít nhất|tối thiểu|không dưới|trên|hơn|phấn đấu(?:\\s+có)?|khen thưởng|biểu dương|kết nạp|chọn|xây dựng)\\s+(\\d{1,4})\\s+(${COUNT_NOUNS})(?![\\p{L}])`,
  'giu',
);

/** Where the measured phrase ends: the clause boundary, or the next target in the same sentence. */
const SUBJECT_END =
  /[;.:(]|,\s*(?=\d|trong đó|không|đồng thời|phấn đấu|bảo đảm|đảm bảo|góp phần|nhằm|để|phát hiện)|\s+trong đó\b|\s+và\s+(?=trên|dưới|từ|hơn|\d)|\s(?=\d{1,3}(?:[.,]\d+)?\s*%)/u;
const PER_YEAR_AFTER = /^\s*(?:\/\s*năm|(?:mỗi|hằng|hàng)\s+năm)/u;
const PER_YEAR_CLAUSE = /\b(?:hằng|hàng|mỗi)\s+năm\b/iu;

function num(text: string): number {
  return Number(text.replace(',', '.'));
}

function subjectAfter(text: string): string {
  const cut = text.slice(0, 240);
  const end = SUBJECT_END.exec(cut);
  return clip(trimPunctuation(collapseSpaces(cut.slice(0, end ? end.index : cut.length))), 160);
}

/** The clause the figure is in, before it: "Chi bộ có tỷ lệ đảng viên được đánh giá hoàn thành tốt nhiệm vụ". */
function clauseBefore(text: string): string {
  const start = Math.max(text.lastIndexOf(';'), text.lastIndexOf('.'), text.lastIndexOf(':'), text.lastIndexOf(','));
  return clip(trimPunctuation(collapseSpaces(text.slice(start + 1))), 160);
}

/** The sentence up to the figure, to see whether it says "hằng năm". */
function sentenceBefore(text: string, index: number): string {
  const head = text.slice(Math.max(0, index - 600), index);
  const stop = Math.max(head.lastIndexOf('. '), head.lastIndexOf('\n'));
  return head.slice(stop + 1);
}

function comparatorBefore(before: string): { comparator: TargetComparator; cut: number } | null {
  const table: Array<[RegExp, TargetComparator]> = [
    [/(?:trên|hơn|vượt|>)\s*$/iu, '>'],
    [/(?:từ|ít nhất|tối thiểu|không dưới|không thấp hơn|đạt|≥|>=)\s*$/iu, '>='],
    [/(?:không quá|tối đa|không vượt quá|≤|<=)\s*$/iu, '<='],
    [/(?:dưới|<)\s*$/iu, '<'],
  ];
  for (const [pattern, comparator] of table) {
    const match = pattern.exec(before);
    if (match) return { comparator, cut: match.index };
  }
  return null;
}

/**
 * Numeric goals in a paragraph: percentages with their comparator (">80%", "80% trở lên",
 * "15 - 20%"), yearly reductions ("kéo giảm tỷ lệ đảng viên vi phạm 2%/năm") and counted goals
 * ("01 - 02 tập thể", "ít nhất 01 mô hình"). A bare count ("tại 72 chi bộ") is a fact, not a goal.
 */
export function readTargets(p: { text: string; line: number }): ImportedTarget[] {
  const text = p.text.slice(0, 50_000);
  const targets: ImportedTarget[] = [];
  const excerpt = (index: number, end: number) =>
    clip(collapseSpaces(text.slice(Math.max(0, index - 80), Math.min(text.length, end + 120))), 300);

  for (const match of text.matchAll(PERCENT)) {
    if (targets.length >= 200) break;
    const index = match.index;
    const end = index + match[0].length;
    const after = text.slice(end, end + 260);
    // "15% - 20%": the first figure is the range's lower bound, read with the second.
    if (/^\s*[-–—]\s*\d/u.test(after)) continue;
    const before = text.slice(Math.max(0, index - 200), index);
    const value = num(match[1]);
    let comparator: TargetComparator = '=';
    let max: number | null = null;
    let min = value;
    let subject = '';
    let beforeCut = before;

    const range = /(\d{1,3}(?:[.,]\d{1,2})?)\s*%?\s*[-–—]\s*$/u.exec(before);
    const change = /(kéo giảm|giảm|tăng|nâng)\s+((?:tỷ lệ|tỉ lệ|số)[^;.:]{0,100}?)\s*(?:xuống\s+|lên\s+|thêm\s+)?$/iu.exec(range ? before.slice(0, range.index) : before);
    if (range) {
      comparator = 'between';
      min = num(range[1]);
      max = value;
      beforeCut = before.slice(0, range.index);
    } else if (change) {
      comparator = /giảm/iu.test(change[1]) ? 'decrease' : 'increase';
      subject = change[2];
      beforeCut = before.slice(0, change.index);
    } else {
      const cue = comparatorBefore(before);
      if (cue) {
        comparator = cue.comparator;
        beforeCut = before.slice(0, cue.cut);
      }
    }
    let rest = after;
    const orMore = /^\s*(trở lên|trở xuống)/u.exec(rest);
    if (orMore) {
      if (comparator === '=' || comparator === '>=') comparator = orMore[1] === 'trở lên' ? '>=' : '<=';
      rest = rest.slice(orMore[0].length);
    }
    const perYearAfter = PER_YEAR_AFTER.exec(rest);
    if (perYearAfter) rest = rest.slice(perYearAfter[0].length);
    if (!subject) subject = subjectAfter(rest);
    if (!subject) subject = clauseBefore(beforeCut);
    targets.push({
      text: excerpt(index, end),
      line: p.line,
      comparator,
      value: min,
      max,
      unit: 'percent',
      countNoun: null,
      perYear: !!perYearAfter || PER_YEAR_CLAUSE.test(sentenceBefore(text, index)),
      subject: clip(trimPunctuation(collapseSpaces(subject)), 160),
    });
  }

  for (const match of text.matchAll(COUNT_RANGE)) {
    if (targets.length >= 400) break;
    const end = match.index + match[0].length;
    targets.push({
      text: excerpt(match.index, end),
      line: p.line,
      comparator: 'between',
      value: Number(match[1]),
      max: Number(match[2]),
      unit: 'count',
      countNoun: match[3],
      perYear: PER_YEAR_CLAUSE.test(sentenceBefore(text, match.index)) || PER_YEAR_AFTER.test(text.slice(end)),
      subject: subjectAfter(text.slice(match.index + match[0].length - match[3].length)),
    });
  }
  for (const match of text.matchAll(COUNT_CUED)) {
    if (targets.length >= 400) break;
    const cue = match[1].toLowerCase();
    const comparator: TargetComparator = /ít nhất|tối thiểu|không dưới/u.test(cue) ? '>=' : /trên|hơn/u.test(cue) ? '>' : '=';
    const end = match.index + match[0].length;
    targets.push({
      text: excerpt(match.index, end),
      line: p.line,
      comparator,
      value: Number(match[2]),
      max: null,
      unit: 'count',
      countNoun: match[3],
      perYear: PER_YEAR_CLAUSE.test(sentenceBefore(text, match.index)) || PER_YEAR_AFTER.test(text.slice(end)),
      subject: subjectAfter(text.slice(end - match[3].length)),
    });
  }
  return targets;
}
