import type { NotificationKind } from '#contracts';
import { letter, planFacts, row, type TemplateSources } from './layout.js';

type ReportDeadlineKind = Extract<NotificationKind, 'report.due-soon' | 'report.overdue' | 'report.escalated'>;

/**
 * Report deadline notices (`report.due-soon|overdue|escalated`): no task, but an obligation, a
 * period and the unit the report goes to (`assigner`). A notice about one report names its unit;
 * one about several (`report.id` null) counts them.
 */
const UNITS = '{{#report.id}}{{unit.name}}{{/report.id}}{{^report.id}}{{report.count}} đơn vị{{/report.id}}';
const REPORT_REF = '{{#report}}{{obligation.code}} – {{obligation.title}}, {{period.label}}{{/report}}{{#plan}} ({{symbol}}){{/plan}}';

const REPORT_FACTS = planFacts(
  `{{#report}}
Báo cáo: {{obligation.code}} – {{obligation.title}}
Kỳ báo cáo: {{period.label}}
{{/report}}
Đơn vị báo cáo: ${UNITS}
{{#assigner}}
Nơi nhận báo cáo: {{name}}
{{/assigner}}
Hạn nộp: {{deadline}}
`,
  '{{#report}}\n' +
    row('Báo cáo', '{{obligation.code}} – {{obligation.title}}') +
    row('Kỳ báo cáo', '{{period.label}}') +
    '{{/report}}\n' +
    row('Đơn vị báo cáo', UNITS) +
    '{{#assigner}}\n' +
    row('Nơi nhận báo cáo', '{{name}}') +
    '{{/assigner}}\n' +
    row('Hạn nộp', '<b>{{deadline}}</b>'),
);

export const REPORT_DEADLINE_LABELS: Record<ReportDeadlineKind, string> = {
  'report.due-soon': 'Báo cáo sắp đến hạn nộp',
  'report.overdue': 'Báo cáo quá hạn nộp',
  'report.escalated': 'Đôn đốc báo cáo quá hạn',
};

export const REPORT_DEADLINE_TEMPLATES: Record<ReportDeadlineKind, TemplateSources> = {
  'report.due-soon': letter(
    `Sắp đến hạn nộp báo cáo {{deadline}}: ${REPORT_REF}`,
    `Báo cáo của ${UNITS} sắp đến hạn nộp ngày {{deadline}} mà chưa được gửi.`,
    REPORT_FACTS,
  ),
  'report.overdue': letter(
    `Quá hạn nộp báo cáo: ${REPORT_REF}`,
    `Báo cáo của ${UNITS} đã quá hạn nộp ngày {{deadline}} mà chưa được gửi.`,
    REPORT_FACTS,
  ),
  'report.escalated': letter(
    `[Khẩn] Báo cáo chưa nộp quá hạn của ${UNITS}: ${REPORT_REF}`,
    `Báo cáo của ${UNITS} đã quá hạn nộp ngày {{deadline}} mà chưa được gửi. ` +
      'Thông báo được chuyển đến {{escalation.targetUnit.name}} (lần đôn đốc thứ {{escalation.step}}) để chỉ đạo, đôn đốc.',
    REPORT_FACTS,
  ),
};
