import type { ImportedPlan, ImportedReport, ImportedTarget, ImportWarning } from '#contracts';
import {
  MAX_ITEMS,
  buildItems,
  finishItems,
  liftRoles,
  markHeadingBodies,
  readPurpose,
  sectionNode,
  splitSections,
  type ItemNode,
  type SectionBlock,
} from './body.js';
import { classifyLine } from './classify.js';
import { isCapacityLine, readClosing } from './closing.js';
import { readHeader } from './header.js';
import { toParagraphs, type Paragraph } from './lines.js';
import { readReports } from './reporting.js';
import { readTargets } from './targets.js';
import { warn } from './warnings.js';

/** Far more than any plan has (with MAX_ITEMS and the targets' cap: the answer stays proportionate). */
const MAX_REPORTS = 500;

export interface ParseOptions {
  /**
   * Local `YYYY-MM-DD` used when the document has no issue date: it becomes the (flagged) issue
   * date and gives timelines without a year their year. The CLI and the service pass today.
   */
  referenceDate?: string;
}

export function emptyPlan(warnings: ImportWarning[] = []): ImportedPlan {
  return {
    documentType: null,
    symbol: null,
    issueDate: null,
    title: null,
    issuingBody: null,
    basis: [],
    purpose: null,
    sections: [],
    tasks: [],
    organisation: [],
    reporting: [],
    targets: [],
    recipients: [],
    signer: null,
    warnings,
  };
}

/**
 * Reads a Vietnamese plan (Kế hoạch) from its text: number and symbol, issue date, issuing body,
 * basis, purpose, the task hierarchy with roles and deadlines, reporting obligations, targets,
 * recipients and signer. Pure, and total: it never throws; what it is unsure of becomes a warning
 * with its source line.
 */
export function parsePlanDocument(text: string, options: ParseOptions = {}): ImportedPlan {
  const warnings: ImportWarning[] = [];
  try {
    return parse(typeof text === 'string' ? text : '', options, warnings);
  } catch (error) {
    // A bug, not a property of the input: still an answer, with the reason.
    warnings.push({ line: 0, text: '', message: `Lỗi nội bộ khi đọc tài liệu: ${error instanceof Error ? error.message : String(error)}` });
    return emptyPlan(warnings);
  }
}

function parse(text: string, options: ParseOptions, warnings: ImportWarning[]): ImportedPlan {
  const { paragraphs } = toParagraphs(text, warnings);
  if (!paragraphs.length) {
    warn(warnings, null, 'Tài liệu trống');
    return emptyPlan(warnings);
  }
  const closingStart = findClosingStart(paragraphs);
  const bodyStart = findBodyStart(paragraphs, closingStart);
  const header = readHeader(paragraphs, bodyStart, options.referenceDate, warnings);
  const referenceDate = header.issueDate?.date ?? options.referenceDate ?? '';

  const bodyParagraphs = paragraphs.slice(bodyStart, closingStart).filter((_, i) => !header.used.has(bodyStart + i));
  const blocks = splitSections(bodyParagraphs, warnings);
  const sections = blocks.filter((b) => b.section.numeral).map((b) => b.section);

  const purposeBlock = blocks.find((b) => b.section.kind === 'purpose');
  let taskBlocks = blocks.filter((b) => b.section.kind === 'tasks');
  let orgBlocks = blocks.filter((b) => b.section.kind === 'organisation' || b.section.kind === 'other');
  if (!taskBlocks.some((b) => b.lines.length) && orgBlocks.length) {
    // A short plan whose tasks are listed under "Tổ chức thực hiện".
    taskBlocks = orgBlocks.filter((b) => b.section.kind === 'organisation');
    orgBlocks = orgBlocks.filter((b) => b.section.kind !== 'organisation');
  }

  const budget = { items: MAX_ITEMS };
  const taskTrees = taskBlocks.map((block) => ({ block, nodes: itemsOf(block, warnings, false, budget) })).filter((t) => t.nodes.length);
  let taskNodes: ItemNode[];
  if (taskTrees.length > 1) {
    warn(
      warnings,
      { line: taskTrees[0].block.section.line, text: taskTrees[0].block.section.text },
      `Kế hoạch có ${taskTrees.length} phần nội dung (${taskTrees.map((t) => t.block.section.numeral).join(', ')}); mỗi phần thành một nhiệm vụ và các mục được đánh số lại theo phần`,
    );
    taskNodes = taskTrees.map(({ block, nodes }) => sectionNode(block, nodes));
  } else {
    taskNodes = taskTrees[0]?.nodes ?? [];
  }
  const tasks = finishItems(taskNodes, referenceDate, warnings, '', 1, taskTrees.length <= 1);

  const orgNodes = orgBlocks.flatMap((block) => itemsOf(block, warnings, true, budget));
  const organisation = finishItems(orgNodes, referenceDate, warnings, '', 1, false);

  const reporting: ImportedReport[] = [];
  for (const node of orgNodes) collectReports(node, [], referenceDate, warnings, reporting);
  for (const block of orgBlocks) {
    // Paragraphs of the section before its first item ("Chế độ báo cáo: …").
    for (const { p, kind } of block.lines) {
      if (kind.type === 'numbered' || kind.type === 'lettered' || reporting.length >= MAX_REPORTS) break;
      reporting.push(...readReports(p, [], referenceDate, warnings));
    }
  }
  for (const node of taskNodes) collectReports(node, [], referenceDate, warnings, reporting, true);

  const targets: ImportedTarget[] = [];
  for (const p of bodyParagraphs) {
    if (targets.length >= 1000) break;
    targets.push(...readTargets(p));
  }

  const closing = readClosing(paragraphs.slice(closingStart), warnings);
  let issuingBody = header.issuingBody;
  if (!issuingBody && closing.signer?.onBehalfOf) {
    issuingBody = { name: closing.signer.onBehalfOf, text: closing.signer.text, line: closing.signer.line, source: 'signature' };
    warn(warnings, closing.signer, `Cơ quan ban hành chỉ đọc được từ chữ ký: "${closing.signer.onBehalfOf}"`);
  }
  if (!issuingBody) warn(warnings, null, 'Không xác định được cơ quan ban hành');

  if (!sections.length) warn(warnings, null, 'Không thấy các phần I, II, III … của một kế hoạch');
  if (!tasks.length) warn(warnings, null, 'Không tìm thấy nhiệm vụ nào (các mục 1., 1.1., a) … ở phần nội dung)');
  if (!header.documentType && !sections.length && !tasks.length) {
    warn(warnings, null, 'Tài liệu không giống một kế hoạch: không có tiêu đề, số ký hiệu, các phần và nhiệm vụ');
  }

  return {
    documentType: header.documentType,
    symbol: header.symbol,
    issueDate: header.issueDate,
    title: header.title,
    issuingBody,
    basis: header.basis,
    purpose: purposeBlock ? readPurpose(purposeBlock) : null,
    sections,
    tasks,
    organisation,
    reporting,
    targets,
    recipients: closing.recipients,
    signer: closing.signer,
    warnings,
  };
}

function itemsOf(block: SectionBlock, warnings: ImportWarning[], organisation: boolean, budget: { items: number }): ItemNode[] {
  const nodes = buildItems(block, warnings, budget);
  if (organisation) markHeadingBodies(nodes);
  liftRoles(nodes);
  return nodes;
}

/** Reports in an item and its sub-items; who reports is the nearest item that names its bodies. */
function collectReports(
  node: ItemNode,
  inherited: string[],
  referenceDate: string,
  warnings: ImportWarning[],
  out: ImportedReport[],
  fromTasks = false,
): void {
  const own = node.roles.filter((r) => r.kind === 'implementing').flatMap((r) => r.bodies);
  const reporters = own.length ? own : inherited;
  const texts = [...(node.headingBodies ? [] : [{ text: node.heading, line: node.line }]), ...node.paras];
  for (const t of texts) {
    if (out.length >= MAX_REPORTS) return;
    if (!t.text || (fromTasks && !/báo\s+cáo/iu.test(t.text))) continue;
    out.push(...readReports(t, reporters, referenceDate, warnings));
  }
  for (const child of node.children) collectReports(child, reporters, referenceDate, warnings, out, fromTasks);
}

/** The first "Nơi nhận" or signature line after the body has begun. */
function findClosingStart(paragraphs: Paragraph[]): number {
  const from = Math.floor(paragraphs.length / 3);
  for (let i = from; i < paragraphs.length; i++) {
    const text = paragraphs[i].text.slice(0, 300);
    if (classifyLine(text).type === 'recipients' || isCapacityLine(paragraphs[i].text)) return i;
  }
  return paragraphs.length;
}

/** Section I (the first Roman-numeral heading), or without one the first numbered item. */
function findBodyStart(paragraphs: Paragraph[], closingStart: number): number {
  let firstNumbered = -1;
  for (let i = 0; i < closingStart; i++) {
    const kind = classifyLine(paragraphs[i].text.slice(0, 2000));
    if (kind.type === 'roman') return i;
    if (firstNumbered < 0 && kind.type === 'numbered') firstNumbered = i;
  }
  return firstNumbered >= 0 ? firstNumbered : closingStart;
}
