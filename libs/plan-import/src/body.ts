import type {
  ImportedPurpose,
  ImportedRole,
  ImportedSection,
  ImportedSectionKind,
  ImportedTask,
  ImportedTimeline,
  ImportWarning,
} from '#contracts';
import { parseTimeline } from '#timeline';
import { classifyLine, type LineKind } from './classify.js';
import type { Paragraph } from './lines.js';
import { BODY_HEAD, splitBodies } from './split-bodies.js';
import { capitalise, clip, keyOf, sentenceCase, trimPunctuation } from './text.js';
import { warn } from './warnings.js';

/** A paragraph of the body, with its classification. */
export interface BodyLine {
  p: Paragraph;
  kind: LineKind;
}

/** A task or organisation item while it is being read. */
export interface ItemNode {
  label: string;
  written: number[] | null;
  lettered: boolean;
  heading: string;
  line: number;
  section: string;
  paras: Paragraph[];
  roles: ImportedRole[];
  timeline: { text: string; line: number } | null;
  children: ItemNode[];
  /** Set when the heading itself names the bodies responsible ("2. Ban Tuyên giáo Thị ủy"). */
  headingBodies: boolean;
}

export interface SectionBlock {
  section: ImportedSection;
  lines: BodyLine[];
  /** Paragraphs before the section's first item (its introduction). */
  intro?: Paragraph[];
}

export function sectionKind(heading: string): ImportedSectionKind {
  const key = keyOf(heading);
  if (/^(muc dich|yeu cau|muc tieu|quan diem)/u.test(key)) return 'purpose';
  if (/^(to chuc thuc hien|to chuc trien khai|trach nhiem|phan cong|che do (thong tin,? )?bao cao|dieu khoan thi hanh)/u.test(key)) return 'organisation';
  if (/^kinh phi/u.test(key)) return 'other';
  return 'tasks';
}

/** Cuts the body at its Roman-numeral headings; text before the first one forms a section without a numeral. */
export function splitSections(paragraphs: Paragraph[], warnings: ImportWarning[]): SectionBlock[] {
  const blocks: SectionBlock[] = [];
  let previous = 0;
  for (const p of paragraphs) {
    const kind = classifyLine(p.text.slice(0, 2000));
    if (kind.type === 'roman') {
      if (previous && kind.value !== previous + 1) warn(warnings, p, `Phần ${kind.numeral} không nối tiếp phần trước (số La Mã không liên tục)`);
      previous = kind.value;
      blocks.push({ section: { numeral: kind.numeral, heading: kind.heading, kind: sectionKind(kind.heading), text: p.text, line: p.line }, lines: [] });
      continue;
    }
    if (!blocks.length) blocks.push({ section: { numeral: '', heading: '', kind: 'tasks', text: '', line: p.line }, lines: [] });
    blocks.at(-1)!.lines.push({ p, kind });
  }
  return blocks;
}

/** Section I: purposes and requirements, split at their "1. Mục đích" / "2. Yêu cầu" headings when it has them. */
export function readPurpose(block: SectionBlock): ImportedPurpose {
  const purpose: ImportedPurpose = { heading: block.section.heading, text: block.section.text, line: block.section.line, purposes: [], requirements: [], general: [] };
  let bucket: 'purposes' | 'requirements' | 'general' = 'general';
  for (const { p, kind } of block.lines) {
    const text = kind.type === 'numbered' || kind.type === 'lettered' || kind.type === 'bullet' ? kind.text : p.text;
    const key = keyOf(text.slice(0, 60));
    const heading = /^(muc dich|yeu cau)\b/u.exec(key);
    if (heading && (kind.type === 'numbered' || text.length <= 40)) {
      bucket = heading[1] === 'muc dich' ? 'purposes' : 'requirements';
      const rest = text.includes(':') ? text.slice(text.indexOf(':') + 1).trim() : '';
      if (rest) purpose[bucket].push(rest);
      continue;
    }
    if (text.trim()) purpose[bucket].push(text.trim());
  }
  return purpose;
}

/** Far more than any plan has; a pathological input cannot grow the answer without bound. */
export const MAX_ITEMS = 5000;

const HEAD_START = new RegExp(`^(?:${BODY_HEAD}|các)\\b`, 'u');

/**
 * Builds the item tree of one section: "1." → "1.1." → "a)", Điều N; bullets and plain paragraphs
 * describe the item above them; role and timeline lines belong to it.
 */
export function buildItems(block: SectionBlock, warnings: ImportWarning[], budget = { items: MAX_ITEMS }): ItemNode[] {
  const root: ItemNode[] = [];
  const stack: ItemNode[] = [];
  const numeral = block.section.numeral;
  for (const line of block.lines) {
    const { p } = line;
    let { kind } = line;
    if (kind.type === 'numbered' || kind.type === 'lettered') {
      if (budget.items === 0) {
        warn(warnings, p, `Quá ${MAX_ITEMS} mục: các mục sau được giữ làm nội dung của mục trước`);
        budget.items = -1;
      }
      if (budget.items < 0) kind = { type: 'text', text: p.text };
      else budget.items--;
    }
    switch (kind.type) {
      case 'numbered': {
        const depth = kind.parts.length;
        while (stack.length && (stack.at(-1)!.lettered || (stack.at(-1)!.written?.length ?? 0) >= depth)) stack.pop();
        const parent = stack.at(-1);
        if (parent?.written && depth > 1 && parent.written.join('.') !== kind.parts.slice(0, -1).join('.')) {
          warn(warnings, p, `Mục ${kind.label} nằm dưới mục ${parent.label} (số thứ tự không khớp)`);
        } else if (!parent && depth > 1 && !kind.label.startsWith('Điều')) {
          warn(warnings, p, `Mục ${kind.label} không có mục cha ${kind.parts.slice(0, -1).join('.')}`);
        }
        const node = newNode(kind.label, kind.parts, false, kind.text, p, numeral);
        (parent ? parent.children : root).push(node);
        stack.push(node);
        break;
      }
      case 'lettered': {
        while (stack.length && stack.at(-1)!.lettered) stack.pop();
        const parent = stack.at(-1);
        const node = newNode(kind.label, null, true, kind.text, p, numeral);
        (parent ? parent.children : root).push(node);
        stack.push(node);
        break;
      }
      case 'label': {
        const item = stack.at(-1);
        if (kind.typo) warn(warnings, p, `Đọc "${kind.label}" là "${kind.typo}"`);
        if (!item) {
          warn(warnings, p, `Dòng "${kind.label}" không thuộc nhiệm vụ nào, đã bỏ qua`);
          break;
        }
        if (kind.role === 'timeline') {
          if (item.timeline) warn(warnings, p, `Nhiệm vụ ${item.label} có nhiều dòng thời gian thực hiện; giữ dòng đầu`);
          else item.timeline = { text: kind.value, line: p.line };
        } else {
          const bodies = splitBodies(kind.value);
          if (!bodies.length) warn(warnings, p, `Dòng "${kind.label}" không nêu cơ quan nào`);
          item.roles.push({ kind: kind.role, label: kind.label, text: kind.value, line: p.line, bodies });
        }
        break;
      }
      default: {
        const item = stack.at(-1);
        const text = kind.type === 'bullet' ? `- ${kind.text}` : p.text;
        if (!item) {
          (block.intro ??= []).push({ ...p, text });
          break;
        }
        if (!item.heading) item.heading = text.replace(/^- /u, '');
        else item.paras.push({ ...p, text });
      }
    }
  }
  return root;
}

function newNode(label: string, written: number[] | null, lettered: boolean, heading: string, p: Paragraph, section: string): ItemNode {
  return { label, written, lettered, heading, line: p.line, section, paras: [], roles: [], timeline: null, children: [], headingBodies: false };
}

/**
 * Role and timeline lines written once after the last sub-item of an item ("1.1 … 1.5", then
 * "+ Cơ quan chỉ đạo: …") are the item's, not its last sub-item's.
 */
export function liftRoles(nodes: ItemNode[]): void {
  for (const node of nodes) {
    liftRoles(node.children);
    if (node.roles.length || node.timeline || node.children.length < 2) continue;
    const holders = node.children.filter((child) => child.roles.length || child.timeline);
    const last = node.children.at(-1)!;
    if (holders.length === 1 && holders[0] === last) {
      node.roles = last.roles;
      node.timeline = last.timeline;
      last.roles = [];
      last.timeline = null;
    }
  }
}

/** In the organisation section an item headed by body names ("2. Ban Tuyên giáo Thị ủy") is addressed to them. */
export function markHeadingBodies(nodes: ItemNode[]): void {
  for (const node of nodes) {
    markHeadingBodies(node.children);
    if (node.heading.length > 120 || (!node.paras.length && !node.children.length)) continue;
    const bodies = splitBodies(node.heading);
    if (!bodies.length || !bodies.every((name) => HEAD_START.test(name))) continue;
    node.headingBodies = true;
    node.roles.unshift({ kind: 'implementing', label: 'Tổ chức thực hiện', text: node.heading, line: node.line, bodies });
  }
}

/** Titles stay short: a long heading keeps its first clause or sentence as title; nothing is lost (the rest is description). */
function titleOf(heading: string): { title: string; rest: string | null } {
  const text = heading.trim();
  if (text.length <= 150) return { title: trimPunctuation(text) || text, rest: null };
  const colon = text.indexOf(': ');
  if (colon > 0 && colon <= 100) return { title: text.slice(0, colon).trim(), rest: capitalise(text.slice(colon + 2).trim()) };
  const sentence = /^(.{20,300}?[.;])\s/u.exec(text);
  const title = trimPunctuation(sentence ? sentence[1] : clip(text, 300));
  return { title, rest: text };
}

/** Numbers every item by its position (1, 1.2, 1.2.1) and turns the tree into the output shape. */
export function finishItems(
  nodes: ItemNode[],
  referenceDate: string,
  warnings: ImportWarning[],
  prefix = '',
  level = 1,
  checkNumbers = true,
): ImportedTask[] {
  return nodes.map((node, index) => {
    const number = prefix ? `${prefix}.${index + 1}` : String(index + 1);
    if (checkNumbers && node.written && node.written.join('.') !== number.split('.').slice(-node.written.length).join('.')) {
      warn(warnings, { line: node.line, text: node.heading }, `Mục "${node.label}" được đánh lại số ${number} theo vị trí`);
    }
    const { title, rest } = titleOf(node.heading);
    const description = [rest, ...node.paras.map((p) => p.text)].filter(Boolean).join('\n');
    if (!title) warn(warnings, { line: node.line, text: node.label }, `Mục ${node.label} không có tên`);
    return {
      number,
      label: node.label,
      section: node.section,
      level,
      title: capitalise(title || node.label),
      description,
      line: node.line,
      roles: node.roles,
      timeline: node.timeline ? readTimeline(node.timeline, referenceDate, warnings) : null,
      children: finishItems(node.children, referenceDate, warnings, number, level + 1, checkNumbers),
    };
  });
}

/** A section standing as a task of its own when a plan has several task sections (II, III, IV). */
export function sectionNode(block: SectionBlock, children: ItemNode[]): ItemNode {
  const heading = sentenceCase(block.section.heading);
  return {
    label: block.section.numeral,
    written: null,
    lettered: false,
    heading,
    line: block.section.line,
    section: block.section.numeral,
    paras: block.intro ?? [],
    roles: [],
    timeline: null,
    children,
    headingBodies: false,
  };
}

/** The raw "Thời gian thực hiện" text, read by the same rules as entered plans; a failure is a warning, the text is kept. */
export function readTimeline(raw: { text: string; line: number }, referenceDate: string, warnings: ImportWarning[]): ImportedTimeline {
  const text = trimPunctuation(raw.text) || raw.text.trim();
  if (!text) {
    warn(warnings, raw, 'Dòng thời gian thực hiện để trống');
    return { text, line: raw.line, deadline: null, error: 'Để trống' };
  }
  if (text.length > 500) {
    warn(warnings, raw, 'Thời gian thực hiện quá dài để đọc thành thời hạn');
    return { text: clip(text, 500), line: raw.line, deadline: null, error: 'Quá dài' };
  }
  try {
    return { text, line: raw.line, deadline: parseTimeline(text, { referenceDate }), error: null };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    warn(warnings, { line: raw.line, text }, `Không đọc được thời gian thực hiện: ${message}`);
    return { text, line: raw.line, deadline: null, error: message };
  }
}
