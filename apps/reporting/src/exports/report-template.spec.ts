import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vn } from './consolidated-report.js';
import { DEFAULT_REPORT_TEMPLATE, fill, loadReportTemplate } from './report-template.js';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..');

describe('report template', () => {
  it('ships deploy/report-template.json identical to the built-in default (ops start from it)', () => {
    expect(JSON.parse(readFileSync(join(ROOT, 'deploy', 'report-template.json'), 'utf8'))).toEqual(DEFAULT_REPORT_TEMPLATE);
  });

  it('overlays an ops file on the default, key by key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tk-template-'));
    const path = join(dir, 't.json');
    writeFileSync(path, JSON.stringify({ signature: { title: 'PHÓ BÍ THƯ' }, recipients: { lines: ['- Lưu VT.'] }, labels: { total: 'Cộng' } }));
    const template = loadReportTemplate(path);
    expect(template.signature).toEqual({ capacity: 'T/M BAN THƯỜNG VỤ', title: 'PHÓ BÍ THƯ' });
    expect(template.recipients.lines).toEqual(['- Lưu VT.']);
    expect(template.labels.total).toBe('Cộng');
    expect(template.partyName).toBe('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(loadReportTemplate(undefined)).toBe(DEFAULT_REPORT_TEMPLATE);
  });

  it('refuses a broken file at start, naming the problem', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tk-template-'));
    const path = join(dir, 't.json');
    writeFileSync(path, JSON.stringify({ signature: 'BÍ THƯ' }));
    expect(() => loadReportTemplate(path)).toThrow(/template.signature must be an object/);
    writeFileSync(path, JSON.stringify({ sinature: {} }));
    expect(() => loadReportTemplate(path)).toThrow(/template.sinature is not a template key/);
    writeFileSync(path, '{');
    expect(() => loadReportTemplate(path)).toThrow(/REPORT_TEMPLATE_PATH/);
  });

  it('fills placeholders, leaving unknown ones visible', () => {
    expect(fill('{place}, ngày {day} tháng {month} năm {year} {oops}', { place: 'Hà Nội', day: '05', month: '09', year: 2026 })).toBe(
      'Hà Nội, ngày 05 tháng 09 năm 2026 {oops}',
    );
  });

  it('writes numbers the Vietnamese way', () => {
    expect([vn(1234567), vn(93.3333), vn(0), vn(-2.5), vn(null)]).toEqual(['1.234.567', '93,33', '0', '-2,5', '–']);
  });
});
