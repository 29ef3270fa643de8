import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IParagraphOptions,
} from 'docx';
import { figureText, vn, type ConsolidatedReport, type ConsolidatedRow } from './consolidated-report.js';
import { fill } from './report-template.js';

/** A4 in twentieths of a point, and Party document margins (top/bottom 20 mm, left 30 mm, right 15 mm). */
const A4 = { width: 11_906, height: 16_838 };
const MM = 56.7;
const MARGIN = { top: Math.round(20 * MM), bottom: Math.round(20 * MM), left: Math.round(30 * MM), right: Math.round(15 * MM) };
const TEXT_WIDTH = A4.width - MARGIN.left - MARGIN.right;

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const GRID = { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE };

type Run = { text: string; bold?: boolean; italics?: boolean; underline?: boolean; size?: number };

function para(runs: Run[] | string, options: Omit<IParagraphOptions, 'children'> = {}): Paragraph {
  const list = typeof runs === 'string' ? [{ text: runs }] : runs;
  return new Paragraph({
    spacing: { before: 60, after: 60, line: 300 },
    ...options,
    children: list.map(
      (run) =>
        new TextRun({
          text: run.text,
          bold: run.bold,
          italics: run.italics,
          underline: run.underline ? {} : undefined,
          size: run.size,
        }),
    ),
  });
}

const centered = (runs: Run[] | string, options: Omit<IParagraphOptions, 'children'> = {}) =>
  para(runs, { alignment: AlignmentType.CENTER, spacing: { before: 0, after: 0 }, ...options });
const body = (text: string) => para(text, { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 720 } });
const heading = (text: string) => para([{ text, bold: true }], { spacing: { before: 200, after: 80 }, indent: { firstLine: 720 } });
const bullet = (text: string) => para(`- ${text}`, { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 720 } });

function cell(text: string, options: { bold?: boolean; width?: number; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; size?: number } = {}) {
  return new TableCell({
    verticalAlign: VerticalAlign.CENTER,
    width: options.width ? { size: options.width, type: WidthType.DXA } : undefined,
    margins: { left: 60, right: 60, top: 30, bottom: 30 },
    children: [
      new Paragraph({
        alignment: options.align ?? AlignmentType.LEFT,
        children: [new TextRun({ text, bold: options.bold, size: options.size })],
      }),
    ],
  });
}

function grid(header: string[], rows: string[][], widths: number[], size: number, totalsLast = false): Table {
  const scale = TEXT_WIDTH / widths.reduce((a, b) => a + b, 0);
  const w = widths.map((x) => Math.floor(x * scale));
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: w,
    layout: TableLayoutType.FIXED,
    borders: GRID,
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h, i) => cell(h, { bold: true, width: w[i], align: AlignmentType.CENTER, size })) }),
      ...rows.map(
        (row, r) =>
          new TableRow({
            children: row.map((text, i) =>
              cell(text, { width: w[i], size, bold: totalsLast && r === rows.length - 1, align: i <= 1 ? AlignmentType.LEFT : AlignmentType.CENTER }),
            ),
          }),
      ),
    ],
  });
}

/**
 * The consolidated report as a Party document: A4, Times New Roman, the header block (committee
 * on the left with "*" and the number, "ĐẢNG CỘNG SẢN VIỆT NAM" and the place-and-date line on
 * the right), the title, numbered sections, the table of units and the signature block with the
 * distribution list. Wording comes from the template.
 */
export async function renderDocx(report: ConsolidatedReport): Promise<Buffer> {
  const { template: t, values: v, summary } = report;
  const L = t.labels;
  const half = Math.floor(TEXT_WIDTH / 2);
  const size = t.fontSizePt * 2;
  const small = size - 2;

  const header = new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [half - 600, half + 600],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          new TableCell({
            borders: NO_BORDERS,
            width: { size: half - 600, type: WidthType.DXA },
            children: [
              centered(fill(t.upperBodyLine, v).toUpperCase()),
              centered([{ text: fill(t.bodyLine, v).toUpperCase(), bold: true }]),
              centered('*'),
              centered(fill(t.numberLine, v)),
            ],
          }),
          new TableCell({
            borders: NO_BORDERS,
            width: { size: half + 600, type: WidthType.DXA },
            children: [
              centered([{ text: t.partyName, bold: true, underline: true }]),
              centered(''),
              centered([{ text: fill(t.placeDateLine, v), italics: true }]),
            ],
          }),
        ],
      }),
    ],
  });

  const children: (Paragraph | Table)[] = [
    header,
    centered([{ text: t.documentType, bold: true, size: size + 2 }], { spacing: { before: 360, after: 60 } }),
    centered([{ text: fill(t.subject, v), bold: true }]),
    centered([{ text: fill(t.periodLine, v), italics: true }], { spacing: { before: 60, after: 240 } }),
    body(fill(t.intro, v)),
    heading(t.sections.reporting),
    ...report.text.reporting.map(bullet),
    heading(t.sections.tasks),
    ...report.text.tasks.map(bullet),
    heading(t.sections.figures),
  ];

  if (summary.figures.length) {
    const rows = summary.figures.map((f) => {
      const indicator = report.indicators.find((i) => i.code === f.code)!;
      return [f.name, f.unit ?? '', vn(f.reported), figureText(indicator, f.value), f.ratio?.value !== null && f.ratio ? `${vn(f.ratio.value)}%` : ''];
    });
    children.push(grid([L.indicator, L.measure, L.reported, L.result, L.ratio], rows, [46, 14, 14, 14, 12], small));
  } else {
    children.push(bullet(L.noFigures));
  }

  children.push(heading(t.sections.ratings), ...report.text.ratings.map(bullet));
  children.push(heading(t.sections.targets), ...report.text.targets.map(bullet));
  children.push(heading(t.sections.units));

  const numeric = report.indicators.filter((i) => i.type !== 'text');
  const unitRow = (row: ConsolidatedRow) => [
    row.order === null ? '' : String(row.order),
    row.name,
    `${vn(row.tasks.done)}/${vn(row.tasks.total)}`,
    vn(row.tasks.overdue),
    row.reports ? `${vn(row.reports.received)}/${vn(row.reports.expected)}` : '',
    ...numeric.map((i) => figureText(i, row.figures[i.code] ?? null)),
    row.ratingShort ?? '',
  ];
  children.push(
    grid(
      [L.order, L.unit, L.tasksDone, L.tasksOverdue, L.reportsReceived, ...numeric.map((i) => i.name), L.rating],
      [...report.rows.map(unitRow), unitRow(report.totals)],
      [8, 33, 11, 8, 11, ...numeric.map(() => 10), 13],
      small - 4,
      true,
    ),
  );
  children.push(para(fill(t.closing, v), { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 720 }, spacing: { before: 200, after: 60 } }));

  children.push(
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: [half, half],
      layout: TableLayoutType.FIXED,
      borders: NO_BORDERS,
      rows: [
        new TableRow({
          children: [
            new TableCell({
              borders: NO_BORDERS,
              width: { size: half, type: WidthType.DXA },
              children: [
                para([{ text: t.recipients.title, bold: true, italics: true, underline: true, size: small - 2 }], { spacing: { before: 240, after: 0 } }),
                ...t.recipients.lines.map((line) => para([{ text: fill(line, v), size: small - 4 }], { spacing: { before: 0, after: 0 } })),
              ],
            }),
            new TableCell({
              borders: NO_BORDERS,
              width: { size: half, type: WidthType.DXA },
              children: [
                centered([{ text: t.signature.capacity, bold: true }], { spacing: { before: 240, after: 0 } }),
                centered([{ text: t.signature.title, bold: true }]),
                centered(''),
                centered(''),
                centered(''),
                centered([{ text: report.signer ?? '', bold: true }]),
              ],
            }),
          ],
        }),
      ],
    }),
  );

  const document = new Document({
    creator: 'Triển khai',
    title: `${t.documentType} ${fill(t.subject, v)}`,
    styles: { default: { document: { run: { font: t.font, size } } } },
    sections: [{ properties: { page: { size: A4, margin: MARGIN } }, children }],
  });
  return Packer.toBuffer(document);
}
