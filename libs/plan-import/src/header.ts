import type {
  ImportedBasis,
  ImportedDocumentType,
  ImportedIssueDate,
  ImportedIssuingBody,
  ImportedSymbol,
  ImportWarning,
  SourceSpan,
} from '#contracts';
import { DOCUMENT_KINDS } from '#contracts';
import type { Paragraph } from './lines.js';
import { clip, collapseSpaces, findDate, isoDate, isUpperCaseLine, keyOf, sentenceCase, splitOutside, trimPunctuation } from './text.js';
import { warn } from './warnings.js';

/** Document kinds by the code in a symbol (`301-KH/TU`), as the plans service knows them, and a few more. */
export const KIND_NAMES = DOCUMENT_KINDS;

/** The heading that names the document, and the kind it stands for. */
const DOCUMENT_HEADINGS: Record<string, string> = {
  'ke hoach': 'KH',
  'chuong trinh': 'CTR',
  'huong dan': 'HD',
  'quy dinh': 'QĐ',
  'quyet dinh': 'QĐ',
  'chi thi': 'CT',
  'nghi quyet': 'NQ',
  'thong bao': 'TB',
  'bao cao': 'BC',
  'ket luan': 'KL',
  'cong van': 'CV',
  'de an': 'ĐA',
  'thong tri': 'TT',
};

/** A symbol as printed: number, kind, issuer code ("301-KH/TU", "51-KH/ĐUK", "159-HD/BTGTW"). */
export const SYMBOL_SOURCE = String.raw`(\d{1,6})\s*[-–]\s*(\p{Lu}[\p{Lu}\p{Ll}]{0,3})\s*\/\s*(\p{Lu}[\p{Lu}\d]*(?:\s?[-–]\s?[\p{Lu}\d]+)*)`;
const SYMBOL = new RegExp(`(?<![\\p{L}\\d])${SYMBOL_SOURCE}`, 'u');
const NUMBER_LINE = new RegExp(`^(?:Số|SỐ|số)\\s*[:.]?\\s*${SYMBOL_SOURCE}`, 'u');
const BLANK_NUMBER_LINE = /^(?:Số|SỐ|số)\s*[:.]?\s*[-–._…\s]*[-–]\s*\p{Lu}{2,4}\s*\//u;

export interface ParsedSymbol {
  symbol: string;
  number: number;
  kind: string;
  issuerCode: string;
}

export function readSymbol(match: RegExpExecArray): ParsedSymbol {
  const kind = match[2].toUpperCase();
  const issuerCode = match[3].replace(/\s+/gu, '').replace(/–/gu, '-');
  return { symbol: `${match[1]}-${kind}/${issuerCode}`, number: Number(match[1]), kind, issuerCode };
}

/** "Kế hoạch", "kế hoạch", "KẾ HOẠCH": each kind word, any case, for citations. */
const KIND_WORDS = [
  'Kế hoạch',
  'Quy định',
  'Quyết định',
  'Hướng dẫn',
  'Kết luận',
  'Chỉ thị',
  'Nghị quyết',
  'Công văn',
  'Thông báo',
  'Thông tri',
  'Chương trình',
  'Báo cáo',
  'Nghị định',
  'Thông tư',
  'Luật',
  'Đề án',
];
const anyCase = (word: string) =>
  [...word].map((c) => (c.toLowerCase() !== c.toUpperCase() ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c === ' ' ? '\\s+' : c)).join('');
const KIND_WORD_SOURCE = `(?:${KIND_WORDS.map(anyCase).join('|')})`;
const CITATION_SOURCE = `(?<![\\p{L}])(${KIND_WORD_SOURCE})\\s+(?:[sS]ố\\s*:?\\s*)?${SYMBOL_SOURCE}`;
/** Every citation of a document with its symbol ("Kế hoạch số 301-KH/TU"), in order. */
export function citations(text: string): RegExpExecArray[] {
  return [...text.matchAll(new RegExp(CITATION_SOURCE, 'gu'))];
}

/** ", Ban Thường vụ Thị ủy ban hành Kế hoạch thực hiện như sau:" — who issues the plan. */
const ISSUE_CLAUSE =
  /(?:^|[,;)]\s*|\.\s+)((?:Ban|Thường trực|Đảng ủy|Đảng đoàn|Chi bộ|Chi ủy|Tỉnh ủy|Thị ủy|Huyện ủy|Thành ủy|Ủy ban|Văn phòng|Hội đồng|Cấp ủy|Đảng bộ)[^,;.:]{0,150}?)\s+(?:ban hành|xây dựng|triển khai|đề ra|thống nhất ban hành)\s+(?:các\s+)?(?:kế hoạch|chương trình|hướng dẫn|quy định|đề án|nội dung)/giu;

const BASIS_START = /^(?:Thực hiện|THỰC HIỆN|Căn cứ|CĂN CỨ|Thi hành|Triển khai|Quán triệt|Để triển khai|Để thực hiện|Nhằm triển khai|Tiếp tục thực hiện)(?=\s)/u;

export interface HeaderResult {
  documentType: ImportedDocumentType | null;
  symbol: ImportedSymbol | null;
  issueDate: ImportedIssueDate | null;
  title: SourceSpan | null;
  issuingBody: ImportedIssuingBody | null;
  basis: ImportedBasis[];
  /** Paragraph indexes consumed by the header (not body text). */
  used: Set<number>;
}

/** The paragraphs before the body (section I, or the first numbered item): what the document is. */
export function readHeader(
  paragraphs: Paragraph[],
  bodyStart: number,
  referenceDate: string | undefined,
  warnings: ImportWarning[],
): HeaderResult {
  const zone = paragraphs.slice(0, Math.min(bodyStart, 40));
  const used = new Set<number>();
  const result: HeaderResult = { documentType: null, symbol: null, issueDate: null, title: null, issuingBody: null, basis: [], used };

  let typeIndex = -1;
  const headerLines: Array<{ index: number; text: string }> = [];
  zone.forEach((p, index) => {
    if (!result.symbol) {
      const number = NUMBER_LINE.exec(p.text);
      if (number) {
        const symbol = readSymbol(number);
        result.symbol = { ...symbol, text: clip(p.text, 200), line: p.line };
        used.add(index);
        if (!KIND_NAMES[symbol.kind]) warn(warnings, p, `Loại văn bản "${symbol.kind}" trong số, ký hiệu "${symbol.symbol}" không quen thuộc`);
        return;
      }
      if (BLANK_NUMBER_LINE.test(p.text)) {
        warn(warnings, p, 'Số văn bản để trống (bản dự thảo?): cần ghi số, ký hiệu trước khi ban hành');
        used.add(index);
        return;
      }
    }
    if (typeIndex < 0) {
      const type = documentTypeOf(p.text);
      if (type) {
        typeIndex = index;
        used.add(index);
        result.documentType = { ...type.type, line: p.line };
        if (type.rest) result.title = { text: type.rest, line: p.line };
        return;
      }
      if (index < 12 && isUpperCaseLine(p.text) && p.text.length <= 120 && !BASIS_START.test(p.text)) headerLines.push({ index, text: p.text });
    }
  });

  result.issueDate = findIssueDate(paragraphs, zone.length, used, warnings);

  // Trích yếu: the lines right under the heading, up to the basis or the body.
  if (typeIndex >= 0 && !result.title) {
    const lines: string[] = [];
    let line = 0;
    for (let i = typeIndex + 1; i < zone.length && lines.length < 4; i++) {
      const p = zone[i];
      if (used.has(i)) continue;
      if (BASIS_START.test(p.text) || /^[-–_*=.\s]+$/u.test(p.text)) {
        if (lines.length) break;
        if (BASIS_START.test(p.text)) break;
        continue;
      }
      if (lines.length && !/^(?:về|thực hiện|triển khai|tổ chức|và|của)\b/iu.test(p.text) && p.blankBefore && !/^\p{Ll}/u.test(p.text)) break;
      lines.push(p.text);
      line ||= p.line;
      used.add(i);
    }
    if (lines.length) result.title = { text: collapseSpaces(lines.join(' ')), line };
  }
  if (result.title) result.title = { ...result.title, text: tidyTitle(result.title.text) };

  zone.forEach((p, index) => {
    if (used.has(index) || !BASIS_START.test(p.text)) return;
    if (!citations(p.text.slice(0, 20_000)).length) return;
    used.add(index);
    result.basis.push(...readBasis(p, warnings));
    const body = issuingBodyIn(p.text);
    if (body) result.issuingBody = { name: body, text: clip(p.text, 300), line: p.line, source: 'basis-paragraph' };
  });
  if (!result.issuingBody) {
    for (const p of zone) {
      const body = issuingBodyIn(p.text);
      if (body) {
        result.issuingBody = { name: body, text: clip(p.text, 300), line: p.line, source: 'basis-paragraph' };
        break;
      }
    }
  }
  if (!result.issuingBody && typeIndex >= 0) {
    const issuer = headerLines
      .filter(({ text }) => !/^(ĐẢNG CỘNG SẢN VIỆT NAM|CỘNG HÒA|ĐẢNG BỘ)/u.test(text) && !/^[*\-–\s]+$/u.test(text) && !NUMBER_LINE.test(text))
      .at(-1);
    if (issuer) {
      result.issuingBody = { name: sentenceCaseOrg(issuer.text), text: issuer.text, line: zone[issuer.index].line, source: 'header' };
    }
  }

  if (!result.documentType) warn(warnings, null, 'Không thấy tiêu đề loại văn bản (KẾ HOẠCH …) ở đầu tài liệu');
  if (!result.symbol) warn(warnings, null, 'Không tìm thấy số, ký hiệu văn bản (dạng "Số 301-KH/TU")');
  if (!result.title) warn(warnings, null, 'Không tìm thấy trích yếu (tên) của kế hoạch');
  if (!result.basis.length) warn(warnings, null, 'Không tìm thấy văn bản căn cứ ("Thực hiện …", "Căn cứ …")');
  if (!result.issueDate && referenceDate) {
    const iso = /^\d{4}-\d{2}-\d{2}$/u.test(referenceDate) ? isoDate(+referenceDate.slice(8, 10), +referenceDate.slice(5, 7), +referenceDate.slice(0, 4)) : null;
    if (iso) {
      result.issueDate = { date: iso, text: referenceDate, line: 0, place: null, source: 'reference' };
      warn(warnings, null, `Không tìm thấy ngày ban hành ("…, ngày … tháng … năm …"); tạm lấy ngày tham chiếu ${iso}`);
    }
  }
  if (!result.issueDate) warn(warnings, null, 'Không tìm thấy ngày ban hành ("…, ngày … tháng … năm …")');
  return result;
}

function documentTypeOf(text: string): { type: Omit<ImportedDocumentType, 'line'>; rest: string } | null {
  const words = /^([\p{L}]+\s+[\p{L}]+)(?:\s+(.*))?$/u.exec(text.slice(0, 2000));
  if (!words) return null;
  const kind = DOCUMENT_HEADINGS[keyOf(words[1])];
  if (!kind || !isUpperCaseLine(words[1])) return null;
  const rest = (words[2] ?? '').trim();
  // "KẾ HOẠCH" alone, or followed by its trích yếu in lower case; never a sentence in capitals.
  if (rest && (isUpperCaseLine(rest) || !/^\p{Ll}/u.test(rest))) return null;
  return { type: { kind, kindName: KIND_NAMES[kind], text: words[1] }, rest };
}

/** "thực hiện Quy định số 144-QĐ/TW …" → "Thực hiện Quy định số 144-QĐ/TW …" */
function tidyTitle(text: string): string {
  const quoted = /^[“"](.*)[”"]$/u.exec(text.trim());
  const title = trimPunctuation(quoted ? quoted[1] : text);
  return title.charAt(0).toLocaleUpperCase('vi') + title.slice(1);
}

/** "THỊ ỦY NINH HÒA" → "Thị ủy Ninh Hòa" (the words after the first are proper names, kept capitalised). */
function sentenceCaseOrg(text: string): string {
  const words = text.toLocaleLowerCase('vi').split(/\s+/u);
  const levelWords = new Set(['ủy', 'bộ', 'khối', 'ban', 'đảng', 'thường', 'vụ', 'chấp', 'hành']);
  let properFrom = words.findIndex((w, i) => i >= 2 && !levelWords.has(w));
  if (properFrom < 0) properFrom = words.length;
  return words
    .map((w, i) => (i === 0 || i >= properFrom ? w.charAt(0).toLocaleUpperCase('vi') + w.slice(1) : w))
    .join(' ');
}

function issuingBodyIn(text: string): string | null {
  ISSUE_CLAUSE.lastIndex = 0;
  let found: string | null = null;
  for (const match of text.slice(0, 20_000).matchAll(ISSUE_CLAUSE)) found = collapseSpaces(match[1]);
  return found;
}

/** "Bến Tre, ngày 20 tháng 5 năm 2021": the place-and-date line, near the top or above the signature. */
const PLACE_DATE = /^(?:([^,]{1,60}),\s*)?ngày\s*([\d.…]{0,4})\s*tháng\s*([\d.…]{0,4})\s*năm\s*([\d.…]{0,6})/iu;

function findIssueDate(paragraphs: Paragraph[], zoneLength: number, used: Set<number>, warnings: ImportWarning[]): ImportedIssueDate | null {
  const candidates = [
    ...paragraphs.slice(0, Math.max(zoneLength, 15)).map((p, i) => ({ p, i })),
    ...paragraphs.slice(-25).map((p, i) => ({ p, i: paragraphs.length - Math.min(25, paragraphs.length) + i })),
  ];
  for (const { p, i } of candidates) {
    const match = PLACE_DATE.exec(p.text);
    if (!match) continue;
    const [day, month, year] = [match[2], match[3], match[4]].map((v) => (/^\d+$/u.test(v ?? '') ? Number(v) : NaN));
    const date = isoDate(day, month, year);
    if (!date) {
      warn(warnings, p, Number.isNaN(day) || Number.isNaN(month) ? 'Ngày ban hành để trống' : `Ngày ban hành không hợp lệ "${match[0]}"`);
      continue;
    }
    if (i < zoneLength) used.add(i);
    return { date, text: clip(p.text, 200), line: p.line, place: match[1]?.trim() || null, source: 'place-date' };
  }
  return null;
}

/**
 * The upper documents a basis paragraph cites. Citations are split at ";" and at "và"/","
 * between two citations; a document named inside another one's "về …" clause, in quotes or in
 * parentheses is part of that citation, not a basis of its own.
 */
export function readBasis(p: Paragraph, warnings: ImportWarning[]): ImportedBasis[] {
  let text = p.text.slice(0, 20_000);
  ISSUE_CLAUSE.lastIndex = 0;
  let clause: RegExpExecArray | null = null;
  for (const match of text.matchAll(ISSUE_CLAUSE)) clause = match;
  if (clause) text = text.slice(0, clause.index);
  text = text.replace(BASIS_START, '');

  const basis: ImportedBasis[] = [];
  for (const part of splitOutside(text, /;/u)) {
    const matches = citations(part);
    const top: RegExpExecArray[] = [];
    for (const match of matches) {
      const previous = top.at(-1);
      if (!previous) {
        top.push(match);
        continue;
      }
      const gap = part.slice(previous.index + previous[0].length, match.index);
      const nested = /\svề\s|[“"(]/u.test(gap) || /\svề\s/u.test(part.slice(previous.index, match.index));
      if (!nested && /(?:,|\bvà)\s*$/u.test(gap)) top.push(match);
    }
    top.forEach((match, i) => {
      const end = i + 1 < top.length ? top[i + 1].index : part.length;
      basis.push(readCitation(part.slice(match.index, end), match, p, warnings));
    });
  }
  return basis;
}

function readCitation(segment: string, match: RegExpExecArray, p: Paragraph, warnings: ImportWarning[]): ImportedBasis {
  const symbol = readSymbol(match.slice(1) as unknown as RegExpExecArray);
  const kindName = sentenceCase(collapseSpaces(match[1]));
  const after = segment.slice(match[0].length);
  const date = findDate(after);
  const dated = date && date.index <= 25 ? date : null;
  if (dated && !dated.iso) warn(warnings, p, `Ngày "${dated.text}" của văn bản ${symbol.symbol} không hợp lệ`);
  const rest = dated ? after.slice(dated.index + dated.text.length) : after;
  const issuer = /^\s*,?\s*của\s+(.+?)(?=\s+(?:về|quy định về|quy định|hướng dẫn|ban hành|tại|khóa|khoá)\s|\s*[,;(“"]|$)/u.exec(rest);
  const about = /\svề\s+(.*)$/su.exec(rest);
  if (!KIND_NAMES[symbol.kind]) warn(warnings, p, `Loại văn bản "${symbol.kind}" trong "${symbol.symbol}" không quen thuộc`);
  const expected = Object.entries(KIND_NAMES).find(([, name]) => keyOf(name) === keyOf(kindName))?.[0];
  if (expected && expected !== symbol.kind && !(keyOf(kindName) === 'quyet dinh' && symbol.kind === 'QĐ')) {
    warn(warnings, p, `"${kindName}" nhưng ký hiệu "${symbol.symbol}" là loại ${symbol.kind}`);
  }
  return {
    text: clip(trimPunctuation(collapseSpaces(segment)).replace(/\s+và$/u, ''), 600),
    line: p.line,
    kindName,
    symbol: symbol.symbol,
    number: symbol.number,
    kind: symbol.kind,
    issuerCode: symbol.issuerCode,
    date: dated?.iso ?? null,
    issuer: issuer ? clip(trimPunctuation(issuer[1]).replace(/\s+(?:và|cùng)$/u, ''), 150) : null,
    subject: about ? clip(trimPunctuation(about[1].replace(/[“”"]/gu, '')).replace(/\s+và$/u, ''), 400) : null,
  };
}

export { SYMBOL };
