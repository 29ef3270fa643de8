import {
  AlignmentType,
  Document,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { flatten, REFERENCE, rolesOf, seed, task, withoutLines } from '../test-fixtures/seeds.js';
import { documentToText, DocumentReadError, parsePlanDocument, readDocx } from './index.js';

/** A Word file with one paragraph per non-empty line of the text, as offices' exports are. */
async function docxOf(text: string): Promise<Buffer> {
  const paragraphs = text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => new Paragraph({ children: [new TextRun(line)] }));
  return Packer.toBuffer(new Document({ sections: [{ children: paragraphs }] }));
}

const cell = (...lines: string[]) =>
  new TableCell({ width: { size: 50, type: WidthType.PERCENTAGE }, children: lines.map((line) => new Paragraph({ children: [new TextRun(line)] })) });

describe('.docx input', () => {
  it('a .docx built from seed 001 imports to the same plan as its text', async () => {
    const text = seed('town');
    const fromText = parsePlanDocument(text, { referenceDate: REFERENCE });
    const fromDocx = parsePlanDocument(await documentToText(await docxOf(text)), { referenceDate: REFERENCE });
    expect(withoutLines({ ...fromDocx, warnings: undefined }, false)).toEqual(withoutLines({ ...fromText, warnings: undefined }, false));
    expect(fromDocx.warnings.map((w) => w.message)).toEqual(fromText.warnings.map((w) => w.message));
    expect(flatten(fromDocx.tasks)).toHaveLength(23);
    expect(fromDocx.reporting.map((r) => r.deadline?.kind)).toEqual(['fixed', 'recurring']);
  });

  it('reads a Word original: header and signature tables, automatic list numbering, emphasis', async () => {
    const numbering = {
      config: [
        {
          reference: 'tasks',
          levels: [
            { level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START },
            { level: 1, format: LevelFormat.DECIMAL, text: '%1.%2.', alignment: AlignmentType.START },
          ],
        },
      ],
    };
    const numbered = (text: string, level: number) => new Paragraph({ children: [new TextRun(text)], numbering: { reference: 'tasks', level } });
    const plain = (text: string, options: { bold?: boolean; italics?: boolean } = {}) => new Paragraph({ children: [new TextRun({ text, ...options })] });
    const document = new Document({
      numbering,
      sections: [
        {
          children: [
            new Table({
              rows: [new TableRow({ children: [cell('THỊ ỦY NINH HÒA', '*', 'Số 45-KH/TU'), cell('ĐẢNG CỘNG SẢN VIỆT NAM', 'Ninh Hòa, ngày 20 tháng 9 năm 2024')] })],
            }),
            plain('KẾ HOẠCH', { bold: true }),
            plain('triển khai Quy định số 144-QĐ/TW', { bold: true }),
            plain('Thực hiện Kế hoạch số 301-KH/TU ngày 15/8/2024 của Ban Thường vụ Tỉnh ủy, Ban Thường vụ Thị ủy ban hành Kế hoạch như sau:'),
            plain('II. NỘI DUNG', { bold: true }),
            numbered('Quán triệt Quy định số 144-QĐ/TW', 0),
            numbered('Tổ chức hội nghị quán triệt', 1),
            numbered('Tuyên truyền trên Trang thông tin điện tử', 1),
            plain('Cơ quan chủ trì: Ban Tuyên giáo Thị ủy.', { italics: true }),
            plain('Thời gian thực hiện: Hoàn thành trong quý IV/2024.', { italics: true }),
            numbered('Sơ kết', 0),
            plain('Thời gian thực hiện: tháng 01/2026.'),
            new Table({
              rows: [
                new TableRow({
                  children: [
                    cell('Nơi nhận:', '- Ban Thường vụ Tỉnh ủy (để báo cáo),', '- Lưu Văn phòng Thị ủy.'),
                    cell('T/M BAN THƯỜNG VỤ', 'BÍ THƯ', 'Đỗ Tâm Hiền'),
                  ],
                }),
              ],
            }),
          ],
        },
      ],
    });
    const plan = parsePlanDocument(await documentToText(await Packer.toBuffer(document)), { referenceDate: REFERENCE });
    expect(plan.symbol?.symbol).toBe('45-KH/TU');
    expect(plan.issueDate).toMatchObject({ date: '2024-09-20', place: 'Ninh Hòa', source: 'place-date' });
    expect(plan.title?.text).toBe('Triển khai Quy định số 144-QĐ/TW');
    expect(plan.basis.map((b) => b.symbol)).toEqual(['301-KH/TU']);
    expect(flatten(plan.tasks).map((t) => [t.number, t.label, t.title])).toEqual([
      ['1', '1.', 'Quán triệt Quy định số 144-QĐ/TW'],
      ['1.1', '1.1.', 'Tổ chức hội nghị quán triệt'],
      ['1.2', '1.2.', 'Tuyên truyền trên Trang thông tin điện tử'],
      ['2', '2.', 'Sơ kết'],
    ]);
    expect(rolesOf(task(plan, '1'))).toEqual({ lead: ['Ban Tuyên giáo Thị ủy'] });
    expect(task(plan, '1').timeline?.deadline).toMatchObject({ kind: 'fixed', dueDate: '2024-12-31' });
    expect(task(plan, '2').timeline?.deadline).toMatchObject({ kind: 'fixed', dueDate: '2026-01-31' });
    expect(plan.recipients.map((r) => [r.name, r.purpose])).toEqual([
      ['Ban Thường vụ Tỉnh ủy', 'report'],
      ['Văn phòng Thị ủy', 'archive'],
    ]);
    expect(plan.signer).toMatchObject({ name: 'Đỗ Tâm Hiền', capacity: 'T/M Ban Thường vụ, Bí thư' });
  });

  it('refuses what is not a .docx with a message for the user', async () => {
    await expect(readDocx(Buffer.from(''))).rejects.toThrow(DocumentReadError);
    await expect(readDocx(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]))).rejects.toThrow('Word 97-2003 (.doc) chưa được hỗ trợ');
    await expect(readDocx(Buffer.from('KẾ HOẠCH'))).rejects.toThrow('không phải tệp Word');
    await expect(readDocx(Buffer.from('PK\u0003\u0004 broken zip'))).rejects.toThrow(/^Không đọc được tệp Word/u);
  });
});
