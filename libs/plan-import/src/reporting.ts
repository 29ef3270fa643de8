import type { ImportedReport, ImportWarning } from '#contracts';
import { parseTimeline } from '#timeline';
import { citations } from './header.js';
import { clip, collapseSpaces, keyOf, trimPunctuation } from './text.js';
import { warn } from './warnings.js';

/** "Định kỳ hằng năm", "hằng quý", "6 tháng đầu năm": a recurring report. */
const CYCLE = /(?:định\s+kỳ\s+)?(?:hằng|hàng|mỗi)\s+(?:năm|quý|tháng|tuần)|định\s+kỳ\s+(?:6|sáu)\s+tháng|(?:6|sáu|9|chín)\s+tháng\s+(?:đầu\s+năm|cuối\s+năm)/giu;
/** "trước ngày 25/12/2024", "chậm nhất ngày 15/6", "trong quý IV/2024", "tháng 01/2026". */
const WHEN =
  /(?:(?:trước|chậm\s+nhất(?:\s+là)?|trong|vào|đến|hoàn\s+thành\s+trong|hoàn\s+thành\s+trước)\s+)?(?:ngày\s+)?\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{4})?(?!\d)|(?:(?:trước|trong|vào)\s+)?quý\s+[IVX\d]{1,4}(?:\s*[/-]\s*\d{4}|\s+năm\s+\d{4})?|(?:(?:trước|trong|vào)\s+)?tháng\s+\d{1,2}(?:\s*[/-]\s*\d{4}|\s+năm\s+\d{4})?/giu;
/** A cited document and its date ("Quy định số 144-QĐ/TW, ngày 09/5/2024") is not a deadline. */
const CITED_DATE = /^,?\s*(?:ngày\s+)?\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}/u;

const BODY_START = '(?:Ban|Thường trực|Văn phòng|Ủy ban|Uỷ ban|Đảng ủy|Tỉnh ủy|Thị ủy|Huyện ủy|Thành ủy|Cấp ủy|cấp ủy|Chi bộ|UBND|Hội đồng|Sở|Thường vụ|BTV)';
const TO = new RegExp(
  `(?:\\bcho|\\bgửi(?:\\s+về)?|\\blên|\\bvề|^)\\s*(${BODY_START}[^,;.()]*?)(?=\\s*[(,;.]|\\s+(?:để|qua|trước|theo|định kỳ|và|chậm nhất|lãnh đạo|biết)\\b|$)`,
  'u',
);
const THROUGH = /\bqua\s+((?:Ban|Văn phòng|Ủy ban|Uỷ ban|Thường trực|Đảng ủy|Cơ quan)[^,;.()]*?)\s*(?=[),;.]|\s+(?:để|trước)\b|$)/u;
const WHAT_END = /\s(?:cho|gửi|lên|trước|để|định kỳ|hằng|hàng|chậm nhất|qua)\s|\svề\s(?=\p{Lu})|[(;.]|$/u;

function masked(sentence: string): string {
  let out = sentence;
  for (const match of citations(sentence)) {
    const end = match.index + match[0].length;
    const date = CITED_DATE.exec(sentence.slice(end));
    const length = match[0].length + (date ? date[0].length : 0);
    out = out.slice(0, match.index) + ' '.repeat(length) + out.slice(match.index + length);
  }
  return out;
}

/** The deadline words of a sentence, in order: "Định kỳ hằng năm (trước ngày 25/11)". */
export function deadlineTextOf(sentence: string): string | null {
  const text = masked(sentence);
  const pieces = [...text.matchAll(CYCLE), ...text.matchAll(WHEN)].sort((a, b) => a.index - b.index);
  if (!pieces.length) return null;
  const first = pieces[0];
  const last = pieces.at(-1)!;
  let phrase: string;
  if (last.index + last[0].length - first.index <= 60) {
    phrase = sentence.slice(first.index, last.index + last[0].length);
    const open = (phrase.match(/\(/gu) ?? []).length;
    const close = (phrase.match(/\)/gu) ?? []).length;
    if (open > close) phrase += ')';
    else if (close > open) phrase = phrase.replace(/\)/u, '');
  } else {
    phrase = pieces.map((m) => m[0]).join(' ');
  }
  return collapseSpaces(phrase);
}

/** Sentences of a paragraph ("… 25/12/2024. Định kỳ …"), each with the paragraph's line. */
function sentences(text: string): string[] {
  return text.slice(0, 20_000).split(/(?<=[.;!?])\s+(?=\p{Lu})/u);
}

/**
 * Reporting obligations in a paragraph: a sentence that asks for a report ("báo cáo") and says
 * when. What, to whom ("cho Ban Thường vụ Thị ủy"), through whom ("qua Ban Tuyên giáo Thị ủy") and
 * the deadline (read like a timeline; a failure is a warning, the text kept).
 */
export function readReports(
  p: { text: string; line: number },
  reporters: string[],
  referenceDate: string,
  warnings: ImportWarning[],
): ImportedReport[] {
  const found: ImportedReport[] = [];
  const body = p.text.replace(/^(?:\d{1,2}(?:\.\d{1,2})*[.)]?|[a-zđ]\)|[-–+•])\s+/u, '');
  for (const sentence of sentences(body)) {
    const at = keyOf(sentence).indexOf('bao cao');
    if (at < 0) continue;
    const deadlineText = deadlineTextOf(sentence);
    if (!deadlineText) continue;
    const verb = /báo\s+cáo/iu.exec(sentence);
    const afterVerb = verb ? sentence.slice(verb.index + verb[0].length) : sentence;
    const whatEnd = WHAT_END.exec(afterVerb);
    let what = trimPunctuation(afterVerb.slice(0, whatEnd ? whatEnd.index : afterVerb.length));
    const to = TO.exec(afterVerb.trimStart()) ?? TO.exec(afterVerb.slice(whatEnd?.index ?? 0));
    if (to && what.startsWith(to[1])) what = '';
    const through = THROUGH.exec(sentence);
    let deadline: ImportedReport['deadline'] = null;
    let error: string | null = null;
    try {
      deadline = parseTimeline(deadlineText, { referenceDate });
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
      warn(warnings, p, `Không đọc được thời hạn báo cáo "${deadlineText}": ${error}`);
    }
    found.push({
      text: clip(collapseSpaces(sentence), 600),
      line: p.line,
      what: clip(what, 300) || clip(trimPunctuation(sentence), 300),
      deadlineText,
      deadline,
      error,
      to: to ? clip(trimPunctuation(to[1]), 150) : null,
      through: through ? clip(trimPunctuation(through[1]), 150) : null,
      reporters,
      adHoc: /đột\s+xuất|khi\s+có\s+yêu\s+cầu/iu.test(sentence),
    });
  }
  return found;
}
