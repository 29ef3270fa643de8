import type { Deadline, ImportedPlan, ImportedRoleKind, ImportedTarget, ImportedTask } from '#contracts';
import { clip } from './text.js';

const ROLE_LABELS: Record<ImportedRoleKind, string> = {
  directing: 'chỉ đạo',
  lead: 'chủ trì, theo dõi, tham mưu',
  coordinating: 'phối hợp',
  implementing: 'thực hiện',
};

const COMPARATORS: Record<ImportedTarget['comparator'], string> = {
  '>': 'trên',
  '>=': 'từ … trở lên:',
  '<': 'dưới',
  '<=': 'không quá',
  '=': '',
  between: '',
  decrease: 'giảm',
  increase: 'tăng',
};

function day(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

export function describeDeadline(deadline: Deadline | null, error?: string | null): string {
  if (!deadline) return `không đọc được${error ? ` (${error})` : ''}`;
  if (deadline.kind === 'ongoing') return 'thường xuyên, không có hạn hoàn thành';
  if (deadline.kind === 'fixed') return `hạn ${day(deadline.dueDate)}`;
  if (deadline.every === 'year') return `hằng năm, hạn ${String(deadline.day).padStart(2, '0')}/${String(deadline.month).padStart(2, '0')} (lần tới ${day(deadline.nextDueDate)})`;
  return `hằng quý (lần tới ${day(deadline.nextDueDate)})`;
}

function target(t: ImportedTarget): string {
  const unit = t.unit === 'percent' ? '%' : ` ${t.countNoun ?? ''}`;
  const figure = t.comparator === 'between' ? `${t.value} - ${t.max}${unit}` : `${t.value}${unit}`;
  const words = t.comparator === '>=' ? `${figure} trở lên` : `${COMPARATORS[t.comparator]} ${figure}`.trim();
  return `${words}${t.perYear ? '/năm' : ''}: ${t.subject}`;
}

/** The parsed plan as a readable tree (the CLI's default output). */
export function renderTree(doc: ImportedPlan): string {
  const out: string[] = [];
  const kind = doc.documentType?.text ?? '(không rõ loại văn bản)';
  out.push(`${kind} ${doc.symbol?.symbol ?? '(chưa có số, ký hiệu)'}`);
  if (doc.issueDate) {
    out.push(`  Ngày ban hành: ${day(doc.issueDate.date)}${doc.issueDate.place ? ` (${doc.issueDate.place})` : ''}${doc.issueDate.source === 'reference' ? ' [ngày tham chiếu, không có trong văn bản]' : ''}`);
  }
  if (doc.issuingBody) out.push(`  Cơ quan ban hành: ${doc.issuingBody.name}`);
  if (doc.title) out.push(`  Trích yếu: ${doc.title.text}`);
  if (doc.basis.length) {
    out.push('  Căn cứ:');
    for (const b of doc.basis) {
      out.push(`    - ${b.kindName ?? ''} ${b.symbol ?? ''} [${b.kind ?? '?'}]${b.date ? ` ngày ${day(b.date)}` : ''}${b.issuer ? ` của ${b.issuer}` : ''}`.replace(/\s+/gu, ' ').replace(/^ -/u, '    -'));
    }
  }
  if (doc.purpose) {
    out.push(`  Mục đích, yêu cầu: ${doc.purpose.purposes.length} mục đích, ${doc.purpose.requirements.length} yêu cầu${doc.purpose.general.length ? `, ${doc.purpose.general.length} mục chung` : ''}`);
  }
  out.push(`Nhiệm vụ (${count(doc.tasks)}):`);
  const task = (t: ImportedTask, indent: string) => {
    out.push(`${indent}${t.number}. ${clip(t.title, 140)}  [${t.label}, dòng ${t.line}]`);
    for (const role of t.roles) out.push(`${indent}    ${ROLE_LABELS[role.kind]}: ${role.bodies.join('; ')}`);
    if (t.timeline) out.push(`${indent}    thời gian: ${t.timeline.text} → ${describeDeadline(t.timeline.deadline, t.timeline.error)}`);
    for (const child of t.children) task(child, `${indent}  `);
  };
  for (const t of doc.tasks) task(t, '  ');
  if (doc.organisation.length) {
    out.push('Tổ chức thực hiện:');
    for (const t of doc.organisation) task(t, '  ');
  }
  if (doc.reporting.length) {
    out.push('Báo cáo:');
    for (const r of doc.reporting) {
      out.push(`  - ${clip(r.what, 140)}  [dòng ${r.line}]`);
      out.push(`      thời hạn: ${r.deadlineText ?? '?'} → ${describeDeadline(r.deadline, r.error)}${r.adHoc ? '; và đột xuất' : ''}`);
      if (r.reporters.length) out.push(`      đơn vị báo cáo: ${r.reporters.join('; ')}`);
      if (r.to) out.push(`      gửi: ${r.to}${r.through ? ` (qua ${r.through})` : ''}`);
    }
  }
  if (doc.targets.length) {
    out.push('Chỉ tiêu:');
    for (const t of doc.targets) out.push(`  - ${target(t)}  [dòng ${t.line}]`);
  }
  if (doc.recipients.length) {
    out.push('Nơi nhận:');
    for (const r of doc.recipients) out.push(`  - ${r.purpose === 'archive' ? 'Lưu: ' : ''}${r.name}${r.purposeText && r.purpose !== 'archive' ? ` (${r.purposeText})` : ''}`);
  }
  if (doc.signer) out.push(`Người ký: ${doc.signer.name ?? '(không rõ tên)'}, ${doc.signer.capacity}`);
  if (doc.warnings.length) {
    out.push(`Cảnh báo (${doc.warnings.length}):`);
    for (const w of doc.warnings) out.push(`  ${w.line ? `dòng ${w.line}` : 'cả văn bản'}: ${w.message}`);
  }
  return out.join('\n');
}

function count(tasks: ImportedTask[]): number {
  return tasks.reduce((n, t) => n + 1 + count(t.children), 0);
}
