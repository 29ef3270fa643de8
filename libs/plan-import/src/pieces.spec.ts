import { classifyLine } from './classify.js';
import { htmlToText } from './document-to-text.js';
import { readGroup } from './bodies.js';
import { deadlineTextOf, readReports } from './reporting.js';
import { splitBodies } from './split-bodies.js';
import { readTargets } from './targets.js';

const target = (text: string) => readTargets({ text, line: 1 }).map((t) => [t.comparator, t.value, t.max, t.unit, t.countNoun, t.perYear, t.subject]);

describe('numeric targets', () => {
  it('reads the forms plans use', () => {
    expect(target('Phấn đấu >80% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ.')).toEqual([['>', 80, null, 'percent', null, false, 'tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ']]);
    expect(target('Hằng năm có từ 15% - 20% đảng viên hoàn thành xuất sắc nhiệm vụ.')).toEqual([['between', 15, 20, 'percent', null, true, 'đảng viên hoàn thành xuất sắc nhiệm vụ']]);
    expect(target('kéo giảm tỷ lệ đảng viên vi phạm 2%/năm')).toEqual([['decrease', 2, null, 'percent', null, true, 'tỷ lệ đảng viên vi phạm']]);
    expect(target('Nâng tỷ lệ chi bộ đạt "trong sạch, vững mạnh" lên 85%.')).toEqual([['increase', 85, null, 'percent', null, false, 'tỷ lệ chi bộ đạt "trong sạch, vững mạnh"']]);
    expect(target('Mỗi năm biểu dương, khen thưởng 01 - 02 tập thể, 03 cá nhân tiêu biểu.')).toEqual([
      ['between', 1, 2, 'count', 'tập thể', true, 'tập thể'],
    ]);
    expect(target('Mỗi chi bộ xây dựng ít nhất 01 mô hình "dân vận khéo".')).toEqual([['>=', 1, null, 'count', 'mô hình', false, 'mô hình "dân vận khéo"']]);
    expect(target('tỷ lệ đảng viên vi phạm không quá 1,5%.')).toEqual([['<=', 1.5, null, 'percent', null, false, 'tỷ lệ đảng viên vi phạm']]);
  });

  it('does not take facts, years or dates for goals', () => {
    expect(target('Quy định 144 đã được quán triệt đến tất cả đảng viên tại 72 Chi bộ, Đảng bộ trực thuộc.')).toEqual([]);
    expect(target('nhiệm kỳ 2020 - 2025, ngày 25/12/2024, Quyết định số 15-QĐ/TU')).toEqual([]);
  });
});

describe('line kinds', () => {
  it.each([
    ['I- MỤC ĐÍCH, YÊU CẦU', 'roman'],
    ['III. Tổ chức thực hiện', 'roman'],
    ['V. I. Lênin đã dạy', 'text'],
    ['1. Mục đích', 'numbered'],
    ['1.2 Báo cáo', 'numbered'],
    ['2.2.1. Tuyên truyền', 'numbered'],
    ['Điều 3. Cần, kiệm', 'numbered'],
    ['25.11.2024 là hạn', 'text'],
    ['15 - 20% hoàn thành', 'text'],
    ['1 Lãnh đạo', 'text'],
    ['a) Chân thứ nhất', 'lettered'],
    ['đ) Mục năm', 'lettered'],
    ['- Về yêu nước: …', 'bullet'],
    ['- + *Cơ quan chỉ đạo*: Ban Thường vụ', 'label'],
    ['Về thời gian thực hiện: Thường xuyên', 'label'],
    ['Về chính trị: Giáo dục', 'text'],
    ['Tổ chức sơ kết, tổng kết: Cấp ủy', 'text'],
    ['Nơi nhận:', 'recipients'],
  ])('%s → %s', (text, type) => {
    expect(classifyLine(text.replace(/\*/gu, '')).type).toBe(type);
  });

  it('reads which role a label names', () => {
    const role = (text: string) => {
      const kind = classifyLine(text);
      return kind.type === 'label' ? [kind.role, kind.value, kind.typo] : null;
    };
    expect(role('Cơ quan chỉ đạo: Ban Thường vụ Thị ủy.')).toEqual(['directing', 'Ban Thường vụ Thị ủy.', null]);
    expect(role('Cơ quan theo dõi, tham mưu: Ban Tuyên giáo Thị ủy.')).toEqual(['lead', 'Ban Tuyên giáo Thị ủy.', null]);
    expect(role('Đơn vị chủ trì: Ban Tổ chức')).toEqual(['lead', 'Ban Tổ chức', null]);
    expect(role('Cơ quan phối hợp: Các ban')).toEqual(['coordinating', 'Các ban', null]);
    expect(role('Cơ quan tổ chức thực hiện: Các chi bộ')).toEqual(['implementing', 'Các chi bộ', null]);
    expect(role('Thời hạn hoàn thành: quý I/2025')).toEqual(['timeline', 'quý I/2025', null]);
    expect(role('Thòi gain thực hiện: quý I/2025')).toEqual(['timeline', 'quý I/2025', 'Thời gian thực hiện']);
    expect(role('Cơ quan phôi hơp: X')).toEqual(['coordinating', 'X', null]);
  });
});

describe('bodies in a role line', () => {
  it('splits lists of bodies but not the commas inside one name', () => {
    expect(splitBodies('UBND thị xã; các đảng ủy, chi bộ trực thuộc Thị ủy.')).toEqual(['UBND thị xã', 'các đảng ủy, chi bộ trực thuộc Thị ủy']);
    expect(splitBodies('Ủy ban Kiểm tra Thị ủy, Ban Dân vận Thị ủy.')).toEqual(['Ủy ban Kiểm tra Thị ủy', 'Ban Dân vận Thị ủy']);
    expect(splitBodies('Các cơ quan chuyên trách tham mưu, giúp việc Thị ủy.')).toEqual(['Các cơ quan chuyên trách tham mưu, giúp việc Thị ủy']);
    expect(splitBodies('Ủy ban Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội thị xã')).toEqual([
      'Ủy ban Mặt trận Tổ quốc Việt Nam',
      'các tổ chức chính trị - xã hội thị xã',
    ]);
    expect(splitBodies('Mặt trận và đoàn thể')).toEqual(['Mặt trận và đoàn thể']);
  });

  it('reads group phrases as selectors, or flags them', () => {
    expect(readGroup('Các đảng ủy, chi bộ trực thuộc Thị ủy')).toEqual({ selector: { type: 'direct-subordinates' }, how: 'các tổ chức đảng trực thuộc', flagged: false });
    expect(readGroup('các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy')).toMatchObject({ selector: { type: 'direct-subordinates' } });
    expect(readGroup('Các chi bộ')).toMatchObject({ selector: { type: 'descendants', kind: 'chi_bo' } });
    expect(readGroup('Các cấp ủy, tổ chức đảng')).toMatchObject({ selector: { type: 'direct-subordinates' }, flagged: true });
    expect(readGroup('Các cơ quan chuyên trách tham mưu, giúp việc Thị ủy')).toMatchObject({ selector: null });
    expect(readGroup('Mặt trận và các tổ chức CT-XH thị xã')).toMatchObject({ selector: null });
    expect(readGroup('Ban Tuyên giáo Thị ủy')).toBeNull();
    expect(readGroup('UBND thị xã')).toBeNull();
  });
});

describe('reports', () => {
  it('finds the deadline words of a sentence, leaving cited documents’ dates alone', () => {
    expect(deadlineTextOf('Định kỳ hằng năm (trước ngày 25/11) hoặc đột xuất báo cáo kết quả')).toBe('Định kỳ hằng năm (trước ngày 25/11)');
    expect(deadlineTextOf('Báo cáo kết quả thực hiện Kế hoạch số 12-KH/TU ngày 15/8/2024 trước ngày 15/6/2025.')).toBe('trước ngày 15/6/2025');
    expect(deadlineTextOf('báo cáo sơ kết 6 tháng đầu năm trước ngày 10/6 hằng năm')).toBe('6 tháng đầu năm trước ngày 10/6 hằng năm');
    expect(deadlineTextOf('báo cáo Ban Thường vụ kịp thời khi có phát sinh')).toBeNull();
  });

  it('reads who a report goes to and through, and keeps an unreadable deadline with a warning', () => {
    const warnings: never[] = [];
    const [report] = readReports(
      { text: '1.3. Các chi bộ báo cáo kết quả về Ban Thường vụ Đảng ủy (qua Văn phòng Đảng ủy) trước ngày 31/02/2025.', line: 7 },
      ['Các chi bộ'],
      '2024-10-15',
      warnings,
    );
    expect(report).toMatchObject({ what: 'kết quả', to: 'Ban Thường vụ Đảng ủy', through: 'Văn phòng Đảng ủy', deadline: null, deadlineText: 'trước ngày 31/02/2025' });
    expect(report.error).toContain('31/02/2025');
    expect(warnings).toHaveLength(1);
  });
});

describe('docx HTML to text', () => {
  it('numbers nested Word lists, keeps table cells in reading order and drops emphasis', () => {
    const html =
      '<table><tr><td><p>THỊ ỦY NINH HÒA</p><p>Số 45-KH/TU</p></td><td><p><em>Ninh Hòa, ngày 20 tháng 9 năm 2024</em></p></td></tr></table>' +
      '<p><strong>KẾ HOẠCH</strong></p><ol><li>Quán triệt<ol><li>Hội nghị &amp; tọa đàm</li><li>Tuyên truyền</li></ol></li><li>Sơ kết</li></ol>' +
      '<ul><li>Ban A</li></ul><p>dòng một<br />dòng hai</p>';
    expect(htmlToText(html).split('\n').filter(Boolean)).toEqual([
      'THỊ ỦY NINH HÒA',
      'Số 45-KH/TU',
      'Ninh Hòa, ngày 20 tháng 9 năm 2024',
      'KẾ HOẠCH',
      '1. Quán triệt',
      '1.1. Hội nghị & tọa đàm',
      '1.2. Tuyên truyền',
      '2. Sơ kết',
      '- Ban A',
      'dòng một',
      'dòng hai',
    ]);
  });
});
