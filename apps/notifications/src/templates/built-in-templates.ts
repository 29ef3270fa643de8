import type { NotificationKind } from '#contracts';
import { TEXT_FOOTER, letter, planFacts, row, type TemplateSources } from './layout.js';
import { REPORT_DEADLINE_LABELS, REPORT_DEADLINE_TEMPLATES } from './report-deadline-templates.js';

export type { TemplateSources };

/** Every template key: one per notification kind, and the daily digest. */
export type TemplateKey = NotificationKind | 'digest';

/** How each kind is named to a person (inbox badges, digest lines). */
export const KIND_LABELS: Record<NotificationKind, string> = {
  'assignment.created': 'Nhiệm vụ mới',
  'assignment.completed': 'Nhiệm vụ đã hoàn thành',
  'assignment.due-soon': 'Nhiệm vụ sắp đến hạn',
  'assignment.overdue': 'Nhiệm vụ quá hạn',
  'assignment.escalated': 'Đôn đốc nhiệm vụ quá hạn',
  'report.returned': 'Báo cáo bị trả lại',
  'report.accepted': 'Báo cáo đã được tiếp nhận',
  'extension.decided': 'Kết quả đề nghị gia hạn',
  ...REPORT_DEADLINE_LABELS,
};

// ---------------------------------------------------------------------------------------------
// Shared pieces. Templates see the NotificationData of the event (plan, task, unit, assigner,
// deadline as dd/mm/yyyy, note, escalation, extension, report) plus recipient.name and kindLabel.
// Report deadline notices have their own facts (report-deadline-templates.ts).
// ---------------------------------------------------------------------------------------------

const DEADLINE = '{{#deadline}}{{deadline}}{{/deadline}}{{^deadline}}{{#task.timeline}}{{task.timeline}}{{/task.timeline}}{{^task.timeline}}không quy định{{/task.timeline}}{{/deadline}}';

const TASK_FACTS = planFacts(
  `{{#task}}
Nhiệm vụ {{number}}: {{title}}
{{/task}}
Đơn vị thực hiện: {{unit.name}}
{{#assigner}}
Đơn vị giao: {{name}}
{{/assigner}}
Thời hạn: ${DEADLINE}
`,
  '{{#task}}\n' +
    row('Nhiệm vụ', '{{number}}. {{title}}') +
    '{{/task}}\n' +
    row('Đơn vị thực hiện', '{{unit.name}}') +
    '{{#assigner}}\n' +
    row('Đơn vị giao', '{{name}}') +
    '{{/assigner}}\n' +
    row('Thời hạn', `<b>${DEADLINE}</b>`),
);

/** A kind about a task: the lead sentence, then the plan, task, units and deadline. */
const simple = (subject: string, lead: string): TemplateSources => letter(subject, lead, TASK_FACTS);

const TASK_REF = '{{#task}}{{number}}. {{title}}{{/task}}{{#plan}} ({{symbol}}){{/plan}}';
const NOTE_TEXT = '{{#note}} Ý kiến: {{note}}{{/note}}';

export const BUILT_IN_TEMPLATES: Record<TemplateKey, TemplateSources> = {
  'assignment.created': simple(
    `Nhiệm vụ mới: ${TASK_REF}`,
    '{{unit.name}} được giao nhiệm vụ mới{{#assigner}} từ {{name}}{{/assigner}}, thời hạn ' + DEADLINE + '.',
  ),
  'assignment.completed': simple(
    `Đã hoàn thành: ${TASK_REF} – {{unit.name}}`,
    '{{unit.name}} đã báo cáo hoàn thành nhiệm vụ.{{#note}} Kết quả: {{note}}{{/note}}',
  ),
  'assignment.due-soon': simple(
    `Sắp đến hạn {{deadline}}: ${TASK_REF}`,
    'Nhiệm vụ của {{unit.name}} sắp đến hạn ngày {{deadline}} và chưa hoàn thành.',
  ),
  'assignment.overdue': simple(
    `Quá hạn: ${TASK_REF}`,
    'Nhiệm vụ của {{unit.name}} đã quá hạn ngày {{deadline}} mà chưa hoàn thành.',
  ),
  'assignment.escalated': simple(
    `[Khẩn] Nhiệm vụ quá hạn của {{unit.name}}: ${TASK_REF}`,
    'Nhiệm vụ giao cho {{unit.name}} đã quá hạn ngày {{deadline}} mà chưa hoàn thành. ' +
      'Thông báo được chuyển đến {{escalation.targetUnit.name}} (lần đôn đốc thứ {{escalation.step}}) để chỉ đạo, đôn đốc.',
  ),
  'report.returned': simple(
    `Báo cáo bị trả lại: ${TASK_REF}`,
    'Báo cáo của {{unit.name}} đã bị trả lại, đề nghị bổ sung và gửi lại.' + NOTE_TEXT,
  ),
  'report.accepted': simple(`Báo cáo đã được tiếp nhận: ${TASK_REF}`, 'Báo cáo của {{unit.name}} đã được tiếp nhận.' + NOTE_TEXT),
  'extension.decided': simple(
    `{{#extension.approved}}Đồng ý gia hạn{{/extension.approved}}{{^extension.approved}}Không đồng ý gia hạn{{/extension.approved}}: ${TASK_REF}`,
    '{{#extension.approved}}Đề nghị gia hạn của {{unit.name}} đã được đồng ý{{#extension.newDeadline}}, thời hạn mới là ngày {{extension.newDeadline}}{{/extension.newDeadline}}.{{/extension.approved}}' +
      '{{^extension.approved}}Đề nghị gia hạn của {{unit.name}} không được đồng ý; thời hạn giữ nguyên.{{/extension.approved}}' +
      NOTE_TEXT,
  ),
  ...REPORT_DEADLINE_TEMPLATES,
  digest: {
    subject: 'Tổng hợp thông báo ngày {{date}}: {{count}} thông báo',
    text: `Kính gửi đồng chí {{recipient.name}},

Các thông báo trong ngày {{date}} ({{count}} thông báo):

{{#items}}
* {{kindLabel}}: {{subject}}
{{/items}}
${TEXT_FOOTER}`,
    html: `<!doctype html>
<html lang="vi">
<head><meta charset="utf-8"><title>Tổng hợp thông báo ngày {{date}}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#222;line-height:1.5">
<p>Kính gửi đồng chí {{recipient.name}},</p>
<p>Các thông báo trong ngày {{date}} ({{count}} thông báo):</p>
<ul>
{{#items}}
<li><b>{{kindLabel}}</b>: {{subject}}</li>
{{/items}}
</ul>
<p>Đề nghị đồng chí đăng nhập hệ thống Triển khai để xem chi tiết.</p>
<p style="color:#777;font-size:12px">Thư gửi tự động từ hệ thống Triển khai, vui lòng không trả lời thư này.</p>
</body>
</html>
`,
  },
};
