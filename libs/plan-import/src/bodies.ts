import type {
  BodyMatch,
  BodyMatchResult,
  BodyMention,
  BodyMentionRole,
  ImplementingSelector,
  ImportedPlan,
  ImportedTask,
  ImportWarning,
  MatchedUnit,
} from '#contracts';
import { keyOf, trimPunctuation } from './text.js';
import { warn } from './warnings.js';

/** A unit of the importer's tree as the lookup returns it. */
export type UnitCandidate = MatchedUnit;

/**
 * Finds units by name in the importer's tree (the service asks the directory, scoped to the
 * actor): every unit whose name contains `q` (ignoring case and diacritics), optionally only the
 * children of `parentCode`. `total` counts all, `items` may be a first page.
 */
export interface UnitLookup {
  search(q: string, options?: { parentCode?: string }): Promise<{ items: UnitCandidate[]; total: number }>;
}

export interface BodyGroup {
  name: string;
  mentions: BodyMention[];
}

/** The kind of cell ("chi bộ") units, as the directory's imports name it. */
export const CELL_KIND = 'chi_bo';

/**
 * Every body the document names, once per name (compared without case and diacritics), with
 * where and in which capacity: role lines, the issuing body, reporting lines and recipients.
 * People ("Đ/c …") are not units and are left out.
 */
export function collectBodies(doc: ImportedPlan): BodyGroup[] {
  const groups = new Map<string, BodyGroup>();
  const add = (name: string | null, mention: BodyMention) => {
    const clean = name ? trimPunctuation(name) : '';
    if (!clean || !/\p{L}/u.test(clean)) return;
    const key = keyOf(clean);
    const group = groups.get(key) ?? { name: clean, mentions: [] };
    group.mentions.push(mention);
    groups.set(key, group);
  };
  if (doc.issuingBody) add(doc.issuingBody.name, { line: doc.issuingBody.line, role: 'issuer', task: null });
  const visit = (task: ImportedTask, inTasks: boolean) => {
    for (const role of task.roles) for (const body of role.bodies) add(body, { line: role.line, role: role.kind, task: inTasks ? task.number : null });
    for (const child of task.children) visit(child, inTasks);
  };
  doc.tasks.forEach((t) => visit(t, true));
  doc.organisation.forEach((t) => visit(t, false));
  for (const report of doc.reporting) {
    for (const body of report.reporters) add(body, { line: report.line, role: 'reporter', task: null });
    add(report.to, { line: report.line, role: 'report-to', task: null });
    add(report.through, { line: report.line, role: 'report-through', task: null });
  }
  for (const recipient of doc.recipients) {
    if (!recipient.person && recipient.purpose !== 'archive') add(recipient.name, { line: recipient.line, role: 'recipient', task: null });
  }
  return [...groups.values()];
}

const ADVISORY =
  /\b(co quan|ban dang|cac ban|tham muu|giup viec|nganh|doan the|mat tran|to chuc chinh tri|chinh tri - xa hoi|ct-xh|hoi dong|uy ban|so, ban|dong chi|dang doan|ban can su|phong ban|dia phuong|chinh quyen|doanh nghiep|truong)\b/u;
const PARTY = /\b(dang uy|chi bo|chi uy|to chuc (co so )?dang|co so dang|cap uy|dang bo|huyen uy|thi uy|thanh uy|tinh uy|chi, dang bo)\b/u;
const NOT_CELL = /\b(dang uy|chi uy|cap uy|to chuc|dang bo|huyen uy|thi uy|thanh uy|tinh uy)\b/u;

export type GroupReading = { selector: ImplementingSelector; how: string; flagged: boolean } | { selector: null; reason: string };

/**
 * Group phrases: "Các đảng ủy, chi bộ trực thuộc Thị ủy" is every directly subordinate unit;
 * "các chi bộ" every cell below; "Các cấp ủy, tổ chức đảng" (every level) is given to the direct
 * subordinates, each of which cascades further (flagged, since the text says more than that);
 * groups of advisory or mass bodies have no selector. Null when the name is not a group.
 */
export function readGroup(name: string): GroupReading | null {
  const key = keyOf(name);
  const group = /^(cac|tat ca|toan the|moi|nhung)\b/u.test(key) || /\b(truc thuoc|cac cap)\b/u.test(key) || / va cac /u.test(key);
  if (!group) return null;
  if (ADVISORY.test(key)) return { selector: null, reason: 'Nhóm cơ quan, tổ chức không ứng với một đơn vị hay bộ chọn nào' };
  if (!PARTY.test(key)) return { selector: null, reason: 'Nhóm không xác định được là các đơn vị nào' };
  const named = key.replace(/\btruc thuoc\b.*$/u, '');
  if (/\btruc thuoc\b/u.test(key)) return { selector: { type: 'direct-subordinates' }, how: 'các tổ chức đảng trực thuộc', flagged: false };
  if (/\bchi bo\b/u.test(named) && !NOT_CELL.test(named)) {
    return { selector: { type: 'descendants', kind: CELL_KIND }, how: 'mọi chi bộ cấp dưới', flagged: false };
  }
  return {
    selector: { type: 'direct-subordinates' },
    how: 'các cấp ủy, tổ chức đảng cấp dưới: giao cho các đơn vị trực thuộc, mỗi cấp tự triển khai tiếp',
    flagged: true,
  };
}

const STANDING = /^(ban thuong vu|ban chap hanh|thuong truc|tap the ban thuong vu|btv|bch)\s+/u;
const LEVELS = ['dang uy khoi', 'tinh uy', 'thi uy', 'huyen uy', 'thanh uy', 'quan uy', 'dang uy', 'chi uy', 'chi bo'];

/** "Ban Thường vụ Thị ủy", "Thị ủy" in a plan of "Thị ủy Ninh Hòa": the issuer itself. */
function refersTo(key: string, unitKey: string): boolean {
  const rest = key.replace(STANDING, '');
  return !!rest && (unitKey === rest || unitKey.startsWith(`${rest} `));
}

/** "Ban Tuyên giáo Thị ủy" in a plan of "Thị ủy Ninh Hòa": "Ban Tuyên giáo" among the issuer's children. */
function withoutIssuerSuffix(name: string, issuerKey: string): string | null {
  const key = keyOf(name);
  for (const level of LEVELS) {
    if (key.endsWith(` ${level}`) && (issuerKey === level || issuerKey.startsWith(`${level} `))) {
      const words = name.trim().split(/\s+/u);
      const stripped = words.slice(0, words.length - level.split(' ').length).join(' ');
      return stripped.split(/\s+/u).length >= 2 ? stripped : null;
    }
  }
  return null;
}

const ABBREVIATIONS: Array<[RegExp, string]> = [
  [/\bUBND\b/gu, 'Ủy ban nhân dân'],
  [/\bHĐND\b/gu, 'Hội đồng nhân dân'],
  [/\bUBMTTQ\b/gu, 'Ủy ban Mặt trận Tổ quốc'],
  [/\bMTTQ\b/gu, 'Mặt trận Tổ quốc'],
  [/\bUBKT\b/gu, 'Ủy ban Kiểm tra'],
  [/\bBTV\b/gu, 'Ban Thường vụ'],
  [/\bBCH\b/gu, 'Ban Chấp hành'],
  [/\bBTG\b/gu, 'Ban Tuyên giáo'],
  [/\bBTC\b/gu, 'Ban Tổ chức'],
  [/\bBDV\b/gu, 'Ban Dân vận'],
  [/\bCT-XH\b/gu, 'chính trị - xã hội'],
  [/\bĐUK\b/gu, 'Đảng ủy Khối'],
];

function expand(name: string): string {
  return ABBREVIATIONS.reduce((text, [pattern, full]) => text.replace(pattern, full), name);
}

interface Variant {
  q: string;
  parentCode?: string;
  how: 'exact-name' | 'abbreviation' | 'issuer-child';
}

/**
 * One name against the tree: a group phrase becomes a selector (or is flagged), a reference to the
 * issuer is the issuer, otherwise the directory is searched by the name as written, with its
 * abbreviations expanded, and without the issuer's level word among the issuer's children. Only a
 * single exact name (or a single unit containing the whole name) is a match; several are
 * ambiguous and never picked.
 */
export async function matchBody(name: string, lookup: UnitLookup, issuer: UnitCandidate): Promise<BodyMatchResult> {
  const group = readGroup(name);
  if (group) {
    return group.selector ? { status: 'selector', selector: group.selector, how: group.how } : { status: 'unmatched', reason: group.reason };
  }
  const key = keyOf(name);
  const issuerKey = keyOf(issuer.name);
  if (refersTo(key, issuerKey)) return { status: 'matched', unit: pick(issuer), how: 'issuer' };

  const variants: Variant[] = [{ q: name, how: 'exact-name' }];
  const expanded = expand(name);
  if (expanded !== name) variants.push({ q: expanded, how: 'abbreviation' });
  const child = withoutIssuerSuffix(expanded, issuerKey);
  if (child) variants.push({ q: child, parentCode: issuer.code, how: 'issuer-child' });

  let ambiguous: { candidates: UnitCandidate[]; total: number } | null = null;
  for (const variant of variants) {
    const page = await lookup.search(variant.q, variant.parentCode ? { parentCode: variant.parentCode } : undefined);
    const exact = page.items.filter((unit) => keyOf(unit.name) === keyOf(variant.q));
    if (exact.length === 1) return { status: 'matched', unit: pick(exact[0]), how: variant.how };
    if (exact.length > 1) return { status: 'ambiguous', candidates: exact.slice(0, 10).map(pick), total: exact.length };
    if (variant.how !== 'issuer-child' && page.total === 1 && page.items.length === 1) {
      return { status: 'matched', unit: pick(page.items[0]), how: 'name-contains' };
    }
    if (page.total > 1 && !ambiguous) ambiguous = { candidates: page.items.slice(0, 10).map(pick), total: page.total };
  }
  if (ambiguous) return { status: 'ambiguous', ...ambiguous };
  return { status: 'unmatched', reason: 'Không có đơn vị nào mang tên này trong phạm vi của bạn' };
}

function pick(unit: UnitCandidate): UnitCandidate {
  return { code: unit.code, name: unit.name, kind: unit.kind, path: unit.path };
}

/** Matches every body (a few at a time) and says, with the first line naming it, what is unsure. */
export async function matchBodies(
  groups: BodyGroup[],
  lookup: UnitLookup,
  issuer: UnitCandidate,
  warnings: ImportWarning[],
): Promise<BodyMatch[]> {
  const results: BodyMatch[] = new Array(groups.length);
  let next = 0;
  const worker = async () => {
    while (next < groups.length) {
      const i = next++;
      results[i] = { ...groups[i], result: await matchBody(groups[i].name, lookup, issuer) };
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, groups.length) }, worker));
  for (const match of results) {
    // A recipient outside the tree (the upper committee "để báo cáo") is expected; it stays flagged in the match.
    if (match.mentions.every((m) => m.role === 'recipient')) continue;
    const at = { line: match.mentions[0]?.line ?? 0, text: match.name };
    const roles = describeRoles(match.mentions.map((m) => m.role));
    const { result } = match;
    if (result.status === 'ambiguous') {
      warn(warnings, at, `"${match.name}" (${roles}) khớp ${result.total} đơn vị (${result.candidates.map((c) => c.name).slice(0, 5).join('; ')}): chưa chọn, cần chỉ rõ`);
    } else if (result.status === 'unmatched') {
      warn(warnings, at, `"${match.name}" (${roles}) không khớp đơn vị nào: ${result.reason}`);
    } else if (result.status === 'selector') {
      const group = readGroup(match.name);
      if (group?.selector && group.flagged) warn(warnings, at, `Hiểu "${match.name}" là ${group.how}`);
    }
  }
  return results;
}

const ROLE_NAMES: Record<BodyMentionRole, string> = {
  issuer: 'cơ quan ban hành',
  directing: 'chỉ đạo',
  lead: 'chủ trì, theo dõi',
  coordinating: 'phối hợp',
  implementing: 'thực hiện',
  recipient: 'nơi nhận',
  reporter: 'báo cáo',
  'report-to': 'nhận báo cáo',
  'report-through': 'báo cáo qua',
};

export function describeRoles(roles: BodyMentionRole[]): string {
  return [...new Set(roles)].map((r) => ROLE_NAMES[r]).join(', ');
}
