import * as XLSX from 'xlsx';
import type { ConsolidatedReport, ConsolidatedRow } from './consolidated-report.js';
import { fill } from './report-template.js';

/**
 * The consolidated report as a workbook: a row per unit directly below (each its whole subtree),
 * the unit's own row when it has its own work, and the totals; numbers stay numbers (a cell that
 * reads back equals the roll-up). A second sheet lists the targets and their evaluation.
 */
export function renderXlsx(report: ConsolidatedReport): Buffer {
  const { template: t, values: v, summary } = report;
  const L = t.labels;
  const header = [
    L.order,
    L.unitCode,
    L.unit,
    L.kind,
    L.tasks,
    L.tasksDone,
    L.tasksOnTime,
    L.tasksOverdue,
    L.reportsExpected,
    L.reportsReceived,
    L.reportsOnTime,
    L.reportStatus,
    ...report.indicators.map((i) => (i.unit ? `${i.name} (${i.unit})` : i.name)),
    L.rating,
  ];
  const line = (row: ConsolidatedRow) => [
    row.order,
    row.code,
    row.name,
    row.kind,
    row.tasks.total,
    row.tasks.done,
    row.tasks.doneOnTime,
    row.tasks.overdue,
    row.reports?.expected ?? null,
    row.reports?.received ?? null,
    row.reports?.onTime ?? null,
    row.reportStatus,
    ...report.indicators.map((i) => row.figures[i.code] ?? null),
    row.rating ?? '',
  ];
  const aoa: unknown[][] = [
    [fill(t.xlsx.title, v)],
    [fill(L.unitLine, v)],
    [fill(L.planLine, v)],
    [fill(t.periodLine, v)],
    [fill(L.asOfLine, v)],
    [],
    header,
    ...report.rows.map(line),
    line(report.totals),
  ];
  const sheet = XLSX.utils.aoa_to_sheet(aoa);
  sheet['!cols'] = header.map((h, i) => ({ wch: i === 2 ? 36 : Math.max(10, Math.min(30, String(h).length + 2)) }));
  sheet['!autofilter'] = { ref: XLSX.utils.encode_range({ s: { r: 6, c: 0 }, e: { r: 6 + report.rows.length, c: header.length - 1 } }) };

  const targets = XLSX.utils.aoa_to_sheet([
    [L.target, L.targetResult, L.targetActual, L.targetExplanation],
    ...summary.targets.map((target) => [target.text, t.targetStatus[target.status], target.actual, target.explanation]),
  ]);
  targets['!cols'] = [{ wch: 60 }, { wch: 16 }, { wch: 16 }, { wch: 70 }];

  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, t.xlsx.sheetName);
  XLSX.utils.book_append_sheet(book, targets, t.xlsx.targetsSheetName);
  book.Props = { Title: fill(t.xlsx.title, v), Author: 'Triển khai' };
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}
