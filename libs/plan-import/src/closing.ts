import type { ImportedRecipient, ImportedSigner, ImportWarning, RecipientPurpose } from '#contracts';
import { classifyLine } from './classify.js';
import type { Paragraph } from './lines.js';
import { capitalise, clip, collapseSpaces, isUpperCaseLine, keyOf, trimPunctuation } from './text.js';
import { warn } from './warnings.js';

const MODE = /^(T\/M|TM\.?|K\/T|KT\.?|T\/L|TL\.?|TUQ\.?|Q\.)\s*(.*)$/u;
const MODES: Record<string, ImportedSigner['mode']> = { tm: 'on-behalf', kt: 'deputy', tl: 'by-order', tuq: 'by-order', q: 'acting' };

/** Titles a signer signs in, by key, and how they are written in a sentence. */
const TITLES: Record<string, string> = {
  'bi thu': 'Bí thư',
  'pho bi thu': 'Phó Bí thư',
  'pho bi thu thuong truc': 'Phó Bí thư Thường trực',
  'chu nhiem': 'Chủ nhiệm',
  'pho chu nhiem': 'Phó Chủ nhiệm',
  'truong ban': 'Trưởng ban',
  'pho truong ban': 'Phó Trưởng ban',
  'chanh van phong': 'Chánh Văn phòng',
  'pho chanh van phong': 'Phó Chánh Văn phòng',
  'chu tich': 'Chủ tịch',
  'pho chu tich': 'Phó Chủ tịch',
  'giam doc': 'Giám đốc',
  'pho giam doc': 'Phó Giám đốc',
  'uy vien': 'Ủy viên',
};

/** "BAN THƯỜNG VỤ" → "Ban Thường vụ": the usual casing of the bodies one signs for. */
function officeCase(text: string): string {
  const out = text
    .toLocaleLowerCase('vi')
    .replace(/ban thường vụ/gu, 'Ban Thường vụ')
    .replace(/ban chấp hành/gu, 'Ban Chấp hành')
    .replace(/thường trực/gu, 'Thường trực')
    .replace(/ủy ban kiểm tra/gu, 'Ủy ban Kiểm tra')
    .replace(/(^|\s)(tỉnh|thị|huyện|thành|đảng|chi) ủy/gu, (_m, space: string, word: string) => `${space}${capitalise(word)} ủy`)
    .replace(/chi bộ/gu, 'Chi bộ')
    .replace(/văn phòng/gu, 'Văn phòng')
    .replace(/(^|\s)ban(?=\s)/gu, '$1Ban');
  return capitalise(out);
}

function titleOf(text: string): string | null {
  return TITLES[keyOf(trimPunctuation(text))] ?? null;
}

/** A signature line: "T/M BAN THƯỜNG VỤ", "K/T BÍ THƯ", "BÍ THƯ". */
export function isCapacityLine(text: string): boolean {
  if (text.length > 80) return false;
  const mode = MODE.exec(text);
  if (mode && (isUpperCaseLine(mode[2]) || !mode[2])) return true;
  return isUpperCaseLine(text) && !!titleOf(text);
}

const PURPOSES: Array<[RegExp, RecipientPurpose]> = [
  [/^(?:de )?bao cao$|^b\/?c$|^bc$/u, 'report'],
  [/^(?:de )?biet$|^b\/?t$|^de biet va thuc hien$/u, 'information'],
  [/^(?:de )?(?:thuc hien|chi dao thuc hien|trien khai thuc hien)$|^t\/?h$/u, 'implement'],
  [/^(?:de )?phoi hop(?: thuc hien)?$/u, 'coordinate'],
  [/^(?:de )?dang (?:tai|tin)$|^dang website$/u, 'publish'],
];

function recipientOf(p: Paragraph, raw: string): ImportedRecipient | null {
  let text = trimPunctuation(raw.replace(/^[-–+•·]\s*/u, '').trim());
  if (!text || !/\p{L}/u.test(text)) return null;
  let purposeText: string | null = null;
  let purpose: RecipientPurpose | null = null;
  const paren = /\s*\(([^()]{1,40})\)\s*$/u.exec(text);
  if (paren) {
    const key = keyOf(trimPunctuation(paren[1]));
    const known = PURPOSES.find(([pattern]) => pattern.test(key))?.[1] ?? (/^de /u.test(key) ? 'other' : null);
    if (known) {
      purposeText = trimPunctuation(paren[1]);
      purpose = known;
      text = trimPunctuation(text.slice(0, paren.index));
    }
  }
  const archive = /^(Lưu|lưu|LƯU)\s*:?\s*(.*)$/u.exec(text);
  if (archive) {
    purposeText = archive[1];
    purpose = 'archive';
    text = trimPunctuation(archive[2]) || 'Lưu';
  }
  const person = /^(?:Đ\/c|đ\/c|Đồng chí|đồng chí)\s+\p{Lu}/u.test(text);
  return { text: clip(collapseSpaces(raw), 300), line: p.line, name: clip(text, 200), purpose, purposeText, person };
}

const SIGNED = /^[([]?\s*(?:đã ký|đã kí|ký|kí|signed)(?:[^)\]]*)[)\]]?$/iu;
const NAME = /^(?:Đ\/c\s+)?(\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){1,5})$/u;

function personName(text: string): string | null {
  const clean = trimPunctuation(text);
  const title = NAME.exec(clean);
  if (title) return title[1];
  const words = clean.split(/\s+/u);
  if (isUpperCaseLine(clean) && words.length >= 2 && words.length <= 6 && words.every((w) => /^\p{Lu}+$/u.test(w)) && !titleOf(clean)) {
    return words.map((w) => w.charAt(0) + w.slice(1).toLocaleLowerCase('vi')).join(' ');
  }
  return null;
}

/** "Nơi nhận:" and its lines, and the signature block (capacity lines, then the name), in either order. */
export function readClosing(paragraphs: Paragraph[], warnings: ImportWarning[]): { recipients: ImportedRecipient[]; signer: ImportedSigner | null } {
  const recipients: ImportedRecipient[] = [];
  let capacity: Paragraph[] = [];
  let signer: ImportedSigner | null = null;
  let state: 'none' | 'recipients' | 'signature' | 'done' = 'none';
  for (const p of paragraphs) {
    const kind = classifyLine(p.text.slice(0, 300));
    if (kind.type === 'recipients') {
      state = 'recipients';
      for (const piece of kind.rest.split(/(?:^|\s)[-–+•]\s+/u)) {
        const recipient = recipientOf(p, piece);
        if (recipient) recipients.push(recipient);
      }
      continue;
    }
    if (isCapacityLine(p.text)) {
      if (state !== 'signature') capacity = [];
      capacity.push(p);
      state = 'signature';
      continue;
    }
    if (state === 'signature' && capacity.length) {
      if (SIGNED.test(p.text.trim())) continue;
      const name = personName(p.text);
      if (name || !signer) {
        signer = signerOf(capacity, name, name ? p : null);
        state = 'done';
        if (name) continue;
      }
    }
    if (state === 'recipients') {
      const recipient = recipientOf(p, p.text);
      if (recipient) recipients.push(recipient);
    }
  }
  if (!signer && capacity.length) signer = signerOf(capacity, null, null);
  if (signer && !signer.name) warn(warnings, { line: signer.line, text: signer.text }, 'Không thấy tên người ký dưới chức danh');
  if (!signer) warn(warnings, null, 'Không tìm thấy người ký (T/M …, chức danh, họ tên)');
  if (!recipients.length) warn(warnings, null, 'Không tìm thấy "Nơi nhận"');
  return { recipients, signer };
}

function signerOf(capacity: Paragraph[], name: string | null, nameLine: Paragraph | null): ImportedSigner {
  const parts: string[] = [];
  let mode: ImportedSigner['mode'] = 'direct';
  let onBehalfOf: string | null = null;
  let title: string | null = null;
  for (const p of capacity) {
    const match = MODE.exec(p.text);
    if (match) {
      const prefix = match[1].replace('.', '');
      const rest = match[2].trim();
      const key = keyOf(prefix).replace('/', '');
      const lineMode = MODES[key] ?? 'direct';
      // "T/M BAN THƯỜNG VỤ BÍ THƯ" on one line: the title at its end.
      const trailing = Object.keys(TITLES)
        .sort((a, b) => b.length - a.length)
        .find((t) => keyOf(rest).endsWith(` ${t}`));
      const target = trailing ? rest.slice(0, rest.length - trailing.length).trim() : rest;
      const targetTitle = titleOf(target);
      if (lineMode === 'on-behalf' && !onBehalfOf) onBehalfOf = targetTitle ?? officeCase(target);
      if (mode === 'direct' || lineMode !== 'on-behalf') mode = lineMode;
      const readable = `${match[1].toUpperCase().replace('TM', 'T/M').replace('KT', 'K/T').replace('TL', 'T/L').replace(/\.$/u, '')} ${targetTitle ?? officeCase(target)}`.trim();
      parts.push(readable);
      if (trailing) {
        title = TITLES[trailing];
        parts.push(title);
      }
    } else {
      title = titleOf(p.text) ?? officeCase(trimPunctuation(p.text));
      parts.push(title);
    }
  }
  const first = capacity[0];
  return {
    name,
    capacity: parts.join(', '),
    mode,
    onBehalfOf,
    title,
    text: clip(capacity.map((p) => p.text).join(' / ') + (name ? ` / ${name}` : ''), 300),
    line: nameLine && !first ? nameLine.line : first.line,
  };
}
