import type {
  BodyMatch,
  ImplementingSelector,
  ImportedPlan,
  ImportedRoleKind,
  ImportedTask,
  ImportWarning,
  PlanInput,
  ReportingObligationInput,
  TaskInput,
} from '#contracts';
import type { UnitCandidate } from './bodies.js';
import { clip, keyOf } from './text.js';
import { warn } from './warnings.js';

/** What a timeline becomes in the draft when the document gives none that can be read (flagged). */
export const PLACEHOLDER_TIMELINE = 'Thường xuyên';
const MAX_TASKS = 2000;

export interface DraftOptions {
  /** The importer's own unit: the issuer unless the issuing body matched another unit of the tree. */
  issuer: UnitCandidate;
  /** Fill what the document lacks. */
  defaults?: { symbol?: string; issueDate?: string; title?: string };
}

export interface Draft {
  input: PlanInput | null;
  /** Source line of each draft task, for turning the plans service's `tasks[i]` errors into warnings. */
  taskLines: number[];
  warnings: ImportWarning[];
}

function isWithin(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}.`);
}

/**
 * The document and its matched bodies as a PlanInput for PlansService.create: the issuing unit,
 * every task (depth first) with its units and timeline, and each reporting obligation with a
 * deadline as a task of its own (it is work with a date the cascade must track). Nothing is
 * guessed: what cannot be carried into the draft is left out and said in a warning; without a
 * symbol, issue date, title or tasks there is no draft (input null) and the warnings say why.
 */
export function toPlanInput(doc: ImportedPlan, matches: BodyMatch[], options: DraftOptions): Draft {
  const warnings: ImportWarning[] = [];
  const byKey = new Map(matches.map((m) => [keyOf(m.name), m]));
  const resultOf = (name: string) => byKey.get(keyOf(name))?.result;

  let issuer = options.issuer;
  if (doc.issuingBody) {
    const result = resultOf(doc.issuingBody.name);
    if (result?.status === 'matched') issuer = result.unit;
    else warn(warnings, doc.issuingBody, `Cơ quan ban hành "${doc.issuingBody.name}" chưa khớp đơn vị nào; dự thảo ghi đơn vị ban hành là "${options.issuer.name}"`);
  }

  const tasks: TaskInput[] = [];
  const taskLines: number[] = [];
  const missingTimeline: ImportedTask[] = [];

  const unitCodes = (task: ImportedTask, kind: ImportedRoleKind): string[] => {
    const codes: string[] = [];
    for (const role of task.roles.filter((r) => r.kind === kind)) {
      for (const body of role.bodies) {
        const result = resultOf(body);
        if (result?.status === 'matched') codes.push(result.unit.code);
        else if (result?.status === 'selector') {
          warn(warnings, role, `Nhiệm vụ ${task.number}: nhóm "${body}" không ghi được làm ${kind === 'directing' ? 'cơ quan chỉ đạo' : kind === 'lead' ? 'cơ quan chủ trì' : 'cơ quan phối hợp'}`);
        }
      }
    }
    return [...new Set(codes)];
  };

  const implementingOf = (label: string, bodies: Array<{ name: string; line: number; text: string }>): ImplementingSelector | undefined => {
    const selectors: ImplementingSelector[] = [];
    const units: string[] = [];
    for (const body of bodies) {
      const result = resultOf(body.name);
      if (result?.status === 'selector') selectors.push(result.selector);
      else if (result?.status === 'matched') {
        if (result.unit.path !== issuer.path && isWithin(result.unit.path, issuer.path)) units.push(result.unit.code);
        else warn(warnings, body, `${label}: "${body.name}" không trực thuộc đơn vị ban hành, không đưa vào đơn vị thực hiện`);
      } else {
        const why = result?.status === 'ambiguous' ? `khớp ${result.total} đơn vị` : 'không khớp đơn vị nào';
        warn(warnings, body, `${label}: "${body.name}" ${why}, không đưa vào đơn vị thực hiện`);
      }
    }
    if (selectors.length) {
      const chosen = selectors.find((s) => s.type === 'direct-subordinates') ?? selectors[0];
      if (units.length) warn(warnings, bodies[0], `${label}: đơn vị thực hiện là ${describe(chosen)}; các đơn vị nêu riêng (${units.join(', ')}) chỉ được giao nếu thuộc nhóm đó`);
      return chosen;
    }
    return units.length ? { type: 'units', unitCodes: [...new Set(units)] } : undefined;
  };

  const timelineOf = (task: ImportedTask, inherited: string | null): string | null => {
    if (task.timeline?.deadline) return task.timeline.text;
    const fromChildren = task.children.map((c) => consensus(c));
    if (fromChildren.length && fromChildren.every((t) => t && t === fromChildren[0])) return fromChildren[0];
    return inherited;
  };

  const visit = (task: ImportedTask, inherited: string | null) => {
    const timeline = timelineOf(task, inherited);
    if (task.timeline && !task.timeline.deadline) {
      warn(
        warnings,
        task.timeline,
        `Nhiệm vụ ${task.number}: thời gian "${task.timeline.text}" không đọc được; dự thảo tạm ghi "${timeline ?? PLACEHOLDER_TIMELINE}", cần sửa`,
      );
    } else if (!timeline) missingTimeline.push(task);
    const label = `Nhiệm vụ ${task.number}`;
    const implementingBodies = task.roles
      .filter((r) => r.kind === 'implementing')
      .flatMap((r) => r.bodies.map((name) => ({ name, line: r.line, text: r.text })));
    const directing = unitCodes(task, 'directing');
    const lead = unitCodes(task, 'lead');
    const coordinating = unitCodes(task, 'coordinating');
    if (directing.length > 1) warn(warnings, { line: task.line, text: task.title }, `${label}: có ${directing.length} cơ quan chỉ đạo; dự thảo ghi cơ quan đầu tiên`);
    if (lead.length > 1) warn(warnings, { line: task.line, text: task.title }, `${label}: có ${lead.length} cơ quan chủ trì, theo dõi; cơ quan đầu tiên là chủ trì, các cơ quan khác ghi là phối hợp`);
    const input: TaskInput = {
      number: task.number,
      title: clip(task.title, 4000),
      timeline: timeline ?? PLACEHOLDER_TIMELINE,
    };
    if (directing[0]) input.directingUnitCode = directing[0];
    if (lead[0]) input.leadUnitCode = lead[0];
    const coordinatingCodes = [...new Set([...lead.slice(1), ...coordinating])];
    if (coordinatingCodes.length) input.coordinatingUnitCodes = coordinatingCodes;
    const implementing = implementingOf(label, implementingBodies);
    if (implementing) input.implementing = implementing;
    tasks.push(input);
    taskLines.push(task.line);
    for (const child of task.children) visit(child, timeline);
  };
  doc.tasks.forEach((task) => visit(task, null));

  for (const task of missingTimeline) {
    warn(warnings, { line: task.line, text: task.title }, `Nhiệm vụ ${task.number}: không ghi thời gian thực hiện; dự thảo tạm ghi "${PLACEHOLDER_TIMELINE}", cần xem lại`);
  }

  // Reporting duties become the plan's reporting obligations (issue 4): one expected report per
  // reporting unit and period, reminded and rolled up by the reporting service.
  const reportingObligations: ReportingObligationInput[] = [];
  for (const report of doc.reporting) {
    if (!report.deadline || !report.deadlineText) {
      warn(warnings, report, 'Nghĩa vụ báo cáo không có thời hạn đọc được, không đưa vào dự thảo');
      continue;
    }
    const code = `BC${reportingObligations.length + 1}`;
    const label = `Báo cáo ${code}`;
    const reporters =
      implementingOf(label, report.reporters.map((name) => ({ name, line: report.line, text: report.text }))) ??
      ({ type: 'direct-subordinates' } as const);
    if (!report.reporters.length) {
      warn(warnings, report, `${label}: văn bản không nêu đơn vị báo cáo; dự thảo tạm giao các đơn vị trực thuộc, cần xem lại`);
    }
    const obligation: ReportingObligationInput = {
      code,
      title: clip(`Báo cáo ${report.what}`, 4000),
      timeline: report.deadlineText,
      reporters,
      ...(report.adHoc ? { adHoc: true } : {}),
    };
    if (report.through) {
      obligation.through = report.through;
      const through = resultOf(report.through);
      if (through?.status === 'matched') obligation.throughUnitCode = through.unit.code;
    }
    if (report.to) {
      const to = resultOf(report.to);
      if (to?.status === 'matched' && to.unit.code !== issuer.code) obligation.toUnitCode = to.unit.code;
    }
    reportingObligations.push(obligation);
    warn(warnings, report, `Nghĩa vụ báo cáo ${code} (${report.deadlineText}) được đưa vào dự thảo`);
  }

  const symbol = options.defaults?.symbol?.trim() || doc.symbol?.symbol;
  const issueDate = options.defaults?.issueDate?.trim() || doc.issueDate?.date;
  const title = options.defaults?.title?.trim() || doc.title?.text;
  const blocking: string[] = [];
  if (!symbol) blocking.push('thiếu số, ký hiệu văn bản');
  if (!issueDate) blocking.push('thiếu ngày ban hành');
  if (!title) blocking.push('thiếu trích yếu');
  if (!tasks.length) blocking.push('không có nhiệm vụ nào');
  if (tasks.length > MAX_TASKS) blocking.push(`quá ${MAX_TASKS} nhiệm vụ`);
  if (blocking.length) {
    warn(warnings, null, `Chưa tạo được dự thảo: ${blocking.join('; ')}. Bổ sung rồi nhập lại (hoặc nhập thẳng trên màn hình)`);
    return { input: null, taskLines, warnings };
  }

  const signer = doc.signer ? (doc.signer.name ? `${doc.signer.name} (${doc.signer.capacity})` : doc.signer.capacity) : undefined;
  const input: PlanInput = {
    symbol: symbol!,
    title: clip(title!, 2000),
    issuingUnitCode: issuer.code,
    issueDate: issueDate!,
    tasks,
  };
  if (signer) input.signer = clip(signer, 200);
  if (reportingObligations.length) input.reportingObligations = reportingObligations;
  if (doc.basis.length) input.basis = doc.basis.slice(0, 100).map((b) => ({ text: clip(b.text, 2000) }));
  return { input, taskLines, warnings };
}

/** The timeline a task's subtree agrees on, if it does. */
function consensus(task: ImportedTask): string | null {
  if (task.timeline?.deadline) return task.timeline.text;
  const children = task.children.map(consensus);
  return children.length && children.every((t) => t && t === children[0]) ? children[0] : null;
}

function describe(selector: ImplementingSelector): string {
  if (selector.type === 'direct-subordinates') return 'các đơn vị trực thuộc';
  if (selector.type === 'descendants') return `mọi đơn vị cấp dưới loại ${selector.kind}`;
  return selector.unitCodes.join(', ');
}
