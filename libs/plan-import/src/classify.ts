import type { ImportedRoleKind } from '#contracts';
import { editDistance, isUpperCaseLine, keyOf } from './text.js';

export type LabelRole = ImportedRoleKind | 'timeline';

/** What one cleaned paragraph is, from its first characters. */
export type LineKind =
  | { type: 'roman'; numeral: string; value: number; heading: string }
  | { type: 'numbered'; label: string; parts: number[]; text: string }
  | { type: 'lettered'; label: string; text: string }
  | { type: 'bullet'; marker: string; text: string }
  | { type: 'label'; role: LabelRole; label: string; value: string; typo: string | null }
  | { type: 'recipients'; rest: string }
  | { type: 'text'; text: string };

const ROMAN: Record<string, number> = {
  I: 1, II: 2, III: 3, IV: 4, V: 5, VI: 6, VII: 7, VIII: 8, IX: 9, X: 10,
  XI: 11, XII: 12, XIII: 13, XIV: 14, XV: 15,
};

/** Words a section heading written in sentence case may start with ("II. Nội dung thực hiện"). */
const SECTION_WORDS =
  /^(muc dich|muc tieu|yeu cau|noi dung|nhiem vu|giai phap|to chuc|ke hoach|danh gia|kinh phi|trach nhiem|phan cong|che do|quan diem|tien do|thoi gian|chi tieu|khen thuong|bao cao)/;

const ROMAN_LINE = /^([IVX]{1,5})\s*[.\-–—:)]\s*(\S.*)$/u;
/** "1.", "1.2.", "1.2", "1)", "Điều 3." — the text must start like a sentence, so dates never match. */
const NUMBERED_LINE = /^(\d{1,2}(?:\.\d{1,2})*)(?!\d)(\.|\))?\s*(?=[\p{L}“"'(])(.*)$/u;
const ARTICLE_LINE = /^(Điều)\s+(\d{1,3})\s*[.:]\s*(.*)$/iu;
const LETTERED_LINE = /^([a-zđ])\s*([)/]|\.(?=\s*\p{Lu}))\s*(?=[\p{L}“"'(])(.*)$/u;
const BULLET_LINE = /^(?:([-–—−+•·∙●○▪■◦►✓])\s*|(o)\s+)(?=\S)(.*)$/u;

export function classifyLine(text: string): LineKind {
  const roman = ROMAN_LINE.exec(text);
  if (roman && ROMAN[roman[1]]) {
    const heading = roman[2].trim();
    if (isUpperCaseLine(heading) || SECTION_WORDS.test(keyOf(heading.slice(0, 40)))) {
      return { type: 'roman', numeral: roman[1], value: ROMAN[roman[1]], heading };
    }
  }
  const article = ARTICLE_LINE.exec(text);
  if (article) return { type: 'numbered', label: `${article[1]} ${article[2]}.`, parts: [Number(article[2])], text: article[3].trim() };

  const numbered = NUMBERED_LINE.exec(text);
  if (numbered) {
    const parts = numbered[1].split('.').map(Number);
    // "1 Lãnh đạo" is not a numbered item; "1.1 Lãnh đạo" and "1) Lãnh đạo" are.
    if ((numbered[2] || parts.length > 1) && parts[0] >= 1 && parts.every((p) => p <= 99)) {
      return { type: 'numbered', label: `${numbered[1]}${numbered[2] ?? ''}`, parts, text: numbered[3].trim() };
    }
  }
  const lettered = LETTERED_LINE.exec(text);
  if (lettered) return { type: 'lettered', label: `${lettered[1]}${lettered[2]}`, text: lettered[3].trim() };

  // Bullets may be stacked ("- + Cơ quan chỉ đạo: …"); a label keeps the bullet's place.
  let rest = text;
  let marker = '';
  for (let i = 0; i < 3; i++) {
    const bullet = BULLET_LINE.exec(rest);
    if (!bullet) break;
    marker = marker || (bullet[1] ?? bullet[2]);
    rest = bullet[3];
  }
  const label = readLabel(rest);
  if (label) return label;
  if (/^n[oơ]i nh[aậ]n\b/iu.test(rest) && keyOf(rest.slice(0, 9)).startsWith('noi nhan')) {
    return { type: 'recipients', rest: rest.replace(/^\S+\s+\S+\s*:?\s*/u, '') };
  }
  if (marker) return { type: 'bullet', marker, text: rest.trim() };
  return { type: 'text', text };
}

/** Words a role or timeline label is made of; any other word means it is an ordinary "X: y" sentence. */
const LABEL_WORDS = new Set(
  'co quan don vi ve cac va chi dao chu tri theo doi tham muu phoi hop to chuc thuc hien thoi gian han hoan thanh tien do trien khai thuong truc giup viec lanh phu trach'.split(
    ' ',
  ),
);

const ROLE_CUES: Array<[LabelRole, RegExp]> = [
  ['timeline', /\b(thoi gian|thoi han|tien do)\b/],
  ['directing', /\b(chi dao|lanh dao)\b/],
  ['lead', /\b(chu tri|theo doi|tham muu|thuong truc|phu trach)\b/],
  ['coordinating', /\bphoi hop\b/],
  ['implementing', /\b(thuc hien|trien khai)\b/],
];

/** Labels as they should be written, for typos ("Thời gain thực hiện", "Cơ quan phôí hơp"). */
const CANONICAL: Array<[string, LabelRole, string]> = [
  ['thoi gian thuc hien', 'timeline', 'Thời gian thực hiện'],
  ['thoi gian hoan thanh', 'timeline', 'Thời gian hoàn thành'],
  ['thoi han hoan thanh', 'timeline', 'Thời hạn hoàn thành'],
  ['co quan chi dao', 'directing', 'Cơ quan chỉ đạo'],
  ['co quan chu tri', 'lead', 'Cơ quan chủ trì'],
  ['co quan chu tri tham muu', 'lead', 'Cơ quan chủ trì, tham mưu'],
  ['co quan theo doi tham muu', 'lead', 'Cơ quan theo dõi, tham mưu'],
  ['co quan tham muu', 'lead', 'Cơ quan tham mưu'],
  ['co quan phoi hop', 'coordinating', 'Cơ quan phối hợp'],
  ['co quan to chuc thuc hien', 'implementing', 'Cơ quan tổ chức thực hiện'],
  ['co quan thuc hien', 'implementing', 'Cơ quan thực hiện'],
  ['don vi chu tri', 'lead', 'Đơn vị chủ trì'],
  ['don vi phoi hop', 'coordinating', 'Đơn vị phối hợp'],
  ['don vi thuc hien', 'implementing', 'Đơn vị thực hiện'],
];

/** "Cơ quan chỉ đạo: Ban Thường vụ Thị ủy." → directing; "Về thời gian thực hiện: Thường xuyên." → timeline. */
function readLabel(text: string): LineKind | null {
  const colon = text.indexOf(':');
  if (colon < 2 || colon > 70) return null;
  const label = text.slice(0, colon).trim();
  if (label.split(/\s+/u).length > 9) return null;
  const value = text.slice(colon + 1).trim();
  const key = keyOf(label)
    .replace(/[^a-z ]+/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/^ve /u, '');
  if (!key) return null;
  if (key.split(' ').every((word) => LABEL_WORDS.has(word))) {
    const cue = ROLE_CUES.find(([, pattern]) => pattern.test(key));
    if (cue) return { type: 'label', role: cue[0], label, value, typo: null };
    return null;
  }
  if (key.length < 8) return null;
  const allowed = key.length >= 14 ? 2 : 1;
  let best: [number, LabelRole, string] | null = null;
  for (const [canonical, role, display] of CANONICAL) {
    const distance = editDistance(key, canonical, allowed);
    if (distance <= allowed && (!best || distance < best[0])) best = [distance, role, display];
  }
  return best ? { type: 'label', role: best[1], label, value, typo: best[2] } : null;
}
