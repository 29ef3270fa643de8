import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NOTIFICATION_KINDS, type NotificationData } from '#contracts';
import { digestCron } from '../digest/digest.scheduler.js';
import { uuidFrom } from '../digest/digest.service.js';
import { KIND_LABELS } from './built-in-templates.js';
import { TemplateStore } from './template-store.js';

const data: NotificationData = {
  assignmentId: 'a1',
  plan: { id: 'p', symbol: '301-KH/TU', title: 'Thực hiện Quy định 144-QĐ/TW' },
  task: { id: 't', number: '2.1', title: 'Quán triệt <chuẩn mực> & tiêu chí', timeline: 'trước ngày 25/12/2026' },
  unit: { id: '3', code: 'C1', name: 'Đảng ủy xã Một' },
  assigner: { id: '2', code: 'P', name: 'Tỉnh ủy' },
  dueAt: '2026-12-24T16:59:59.999Z',
  deadline: '24/12/2026',
  note: 'Bổ sung số liệu',
  escalation: { step: 2, targetUnit: { id: '2', code: 'P', name: 'Tỉnh ủy' } },
  extension: { approved: false, newDueAt: null, newDeadline: null },
  report: { id: 'r1', obligation: { code: 'BC1', title: 'Sơ kết <6 tháng> & đánh giá' }, period: { key: '2026-H1', label: '6 tháng đầu năm 2026' }, count: 1 },
};
const context = (kind: string) => ({ ...data, recipient: { name: 'Nguyễn Văn A' }, kindLabel: KIND_LABELS[kind as keyof typeof KIND_LABELS] });

describe('built-in templates', () => {
  const store = TemplateStore.load('');

  // Report deadline notices are about an obligation, not a task: its title is what must show (and be escaped).
  const reportDeadline = ['report.due-soon', 'report.overdue', 'report.escalated'];
  it.each(NOTIFICATION_KINDS)('%s: Vietnamese subject, text and HTML with plan, task or report, unit and deadline', (kind) => {
    const message = store.render(kind, context(kind));
    expect(message.subject).not.toMatch(/\n|\{\{|undefined/);
    expect(message.subject).toContain('301-KH/TU');
    for (const body of [message.text, message.html]) {
      expect(body).toContain('Nguyễn Văn A');
      expect(body).toContain('301-KH/TU');
      expect(body).toContain('Đảng ủy xã Một');
      expect(body).toContain('24/12/2026');
      expect(body).not.toMatch(/\{\{|undefined|\[object/);
    }
    const [raw, escaped] = reportDeadline.includes(kind)
      ? ['Sơ kết <6 tháng> & đánh giá', 'Sơ kết &lt;6 tháng&gt; &amp; đánh giá']
      : ['Quán triệt <chuẩn mực> & tiêu chí', 'Quán triệt &lt;chuẩn mực&gt; &amp; tiêu chí'];
    expect(message.text).toContain(raw);
    expect(message.html).toContain(escaped);
    expect(message.html).not.toContain(raw);
  });

  it('report deadline notices: one report names its unit and period, several are counted', () => {
    const one = store.render('report.overdue', context('report.overdue'));
    expect(one.subject).toBe('Quá hạn nộp báo cáo: BC1 – Sơ kết <6 tháng> & đánh giá, 6 tháng đầu năm 2026 (301-KH/TU)');
    expect(one.text).toContain('Báo cáo của Đảng ủy xã Một đã quá hạn nộp ngày 24/12/2026 mà chưa được gửi.');
    expect(one.text).toContain('Kỳ báo cáo: 6 tháng đầu năm 2026\nĐơn vị báo cáo: Đảng ủy xã Một\nNơi nhận báo cáo: Tỉnh ủy\nHạn nộp: 24/12/2026\n');
    const several = { ...context('report.escalated'), unit: data.escalation!.targetUnit, report: { ...data.report!, id: null, count: 12 } };
    const escalated = store.render('report.escalated', several);
    expect(escalated.subject).toBe('[Khẩn] Báo cáo chưa nộp quá hạn của 12 đơn vị: BC1 – Sơ kết <6 tháng> & đánh giá, 6 tháng đầu năm 2026 (301-KH/TU)');
    expect(escalated.text).toContain('Thông báo được chuyển đến Tỉnh ủy (lần đôn đốc thứ 2)');
    expect(escalated.html).toContain('<td>12 đơn vị</td>');
    expect(store.render('report.due-soon', context('report.due-soon')).subject).toBe(
      'Sắp đến hạn nộp báo cáo 24/12/2026: BC1 – Sơ kết <6 tháng> & đánh giá, 6 tháng đầu năm 2026 (301-KH/TU)',
    );
  });

  it('says what the deadline is for ongoing work', () => {
    const ongoing = { ...context('assignment.created'), dueAt: null, deadline: null, task: { ...data.task!, timeline: 'Thường xuyên' } };
    expect(store.render('assignment.created', ongoing).text).toContain('Thời hạn: Thường xuyên');
  });

  it('lists the day in the digest', () => {
    const digest = store.render('digest', {
      recipient: { name: 'B' }, date: '25/12/2026', count: 2,
      items: [{ kindLabel: 'Nhiệm vụ quá hạn', subject: 'Quá hạn: 1' }, { kindLabel: 'Nhiệm vụ mới', subject: 'Nhiệm vụ mới: 2' }],
    });
    expect(digest.subject).toBe('Tổng hợp thông báo ngày 25/12/2026: 2 thông báo');
    expect(digest.text).toContain('* Nhiệm vụ quá hạn: Quá hạn: 1\n* Nhiệm vụ mới: Nhiệm vụ mới: 2\n');
  });
});

describe('template overrides (NOTIFICATIONS_TEMPLATE_DIR)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'tk-templates-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('replaces only the parts given; the rest stay built-in', () => {
    writeFileSync(join(dir, 'assignment.created.subject.txt'), '[{{unit.code}}] Việc mới: {{plan.symbol}}\n');
    const store = TemplateStore.load(dir);
    expect(store.overrides).toEqual(['assignment.created.subject.txt']);
    const message = store.render('assignment.created', context('assignment.created'));
    expect(message.subject).toBe('[C1] Việc mới: 301-KH/TU');
    expect(message.text).toContain('Kính gửi đồng chí Nguyễn Văn A');
  });

  it('refuses a broken override, or a file that matches no template, at load', () => {
    writeFileSync(join(dir, 'digest.html'), '<ul>{{#items}}<li>{{subject}}</li></ul>');
    expect(() => TemplateStore.load(dir)).toThrow(/digest\.html, line 1: \{\{#items\}\} is never closed/);
    rmSync(join(dir, 'digest.html'));
    writeFileSync(join(dir, 'assignment.create.html'), 'x');
    expect(() => TemplateStore.load(dir)).toThrow(/assignment\.create\.html match no template/);
    expect(() => TemplateStore.load(join(dir, 'missing'))).toThrow(/is not a folder/);
  });
});

describe('digest helpers', () => {
  it('turns HH:MM into a daily cron pattern', () => {
    expect(digestCron('17:00')).toBe('0 17 * * *');
    expect(digestCron('07:05')).toBe('5 7 * * *');
  });

  it('derives a stable uuid from the digest content', () => {
    expect(uuidFrom('digest:u:1,2')).toBe(uuidFrom('digest:u:1,2'));
    expect(uuidFrom('digest:u:1,2')).not.toBe(uuidFrom('digest:u:1,3'));
    expect(uuidFrom('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
