import { readFileSync } from 'node:fs';

/**
 * Headings, labels and fixed wording of the consolidated report (DOCX and XLSX). Ops adjust them
 * without a release: copy deploy/report-template.json (identical to this default), edit it, and
 * point REPORT_TEMPLATE_PATH at it; keys left out keep their default. `{name}` placeholders are
 * filled from the report (see TemplateValues).
 */
export interface ReportTemplate {
  font: string;
  fontSizePt: number;
  partyName: string;
  /** Upper left, first line: the upper committee ("ĐẢNG BỘ TỈNH …"). */
  upperBodyLine: string;
  /** Upper left, second line: the reporting committee. */
  bodyLine: string;
  numberLine: string;
  placeDateLine: string;
  documentType: string;
  subject: string;
  periodLine: string;
  intro: string;
  sections: { reporting: string; tasks: string; figures: string; ratings: string; targets: string; units: string };
  labels: Record<string, string>;
  targetStatus: { met: string; not_met: string; unknown: string };
  /** Ratings in the units table, where the full wording does not fit. */
  ratingShort: { excellent: string; good: string; done: string; not_done: string };
  closing: string;
  signature: { capacity: string; title: string };
  recipients: { title: string; lines: string[] };
  xlsx: { sheetName: string; targetsSheetName: string; title: string };
}

export const DEFAULT_REPORT_TEMPLATE: ReportTemplate = {
  font: 'Times New Roman',
  fontSizePt: 14,
  partyName: 'ĐẢNG CỘNG SẢN VIỆT NAM',
  upperBodyLine: '{upperUnitName}',
  bodyLine: '{unitName}',
  numberLine: 'Số {number}-BC/{issuerCode}',
  placeDateLine: '{place}, ngày {day} tháng {month} năm {year}',
  documentType: 'BÁO CÁO',
  subject: 'Kết quả thực hiện Kế hoạch số {planSymbol} của {planIssuer}',
  periodLine: 'Kỳ báo cáo: {periodLabel}',
  intro:
    'Thực hiện Kế hoạch số {planSymbol} của {planIssuer} ({planTitle}), {unitName} tổng hợp kết quả thực hiện trong đơn vị và các đơn vị trực thuộc (số liệu tính đến {asOf}) như sau:',
  sections: {
    reporting: 'I. TÌNH HÌNH BÁO CÁO',
    tasks: 'II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ',
    figures: 'III. SỐ LIỆU TỔNG HỢP',
    ratings: 'IV. KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI',
    targets: 'V. ĐÁNH GIÁ VIỆC THỰC HIỆN MỤC TIÊU',
    units: 'VI. TỔNG HỢP THEO ĐƠN VỊ',
  },
  labels: {
    reportingLine:
      'Số báo cáo phải nộp: {expected}; đã nhận: {received} ({rate}); đúng hạn: {onTime}; nộp muộn: {late}; bị trả lại: {returned}; quá hạn chưa nộp: {missing}.',
    reportingLevel: '{kind}: đã nhận {received}/{expected} báo cáo, đúng hạn {onTime}.',
    through: 'Báo cáo gửi qua {through}.',
    tasksLine: 'Tổng số nhiệm vụ được giao: {total}; đã hoàn thành: {done} ({completionRate}); hoàn thành đúng hạn: {doneOnTime}; quá hạn chưa hoàn thành: {overdue}.',
    ratingLine: '{kind} ({units} đơn vị, đã xếp loại {rated}): {counts}.',
    noRatings: 'Chưa có kết quả xếp loại năm {ratingPeriod}.',
    noTargets: 'Kế hoạch không đặt mục tiêu định lượng.',
    noFigures: 'Kỳ báo cáo này không có chỉ tiêu số liệu.',
    targetLine: '{text}: {status} ({explanation}).',
    indicator: 'Chỉ tiêu',
    measure: 'Đơn vị tính',
    reported: 'Số đơn vị báo cáo',
    result: 'Kết quả',
    ratio: 'Tỷ lệ',
    order: 'STT',
    unitCode: 'Mã đơn vị',
    unit: 'Đơn vị',
    kind: 'Loại đơn vị',
    tasks: 'Nhiệm vụ',
    tasksDone: 'Hoàn thành',
    tasksOnTime: 'Đúng hạn',
    tasksOverdue: 'Quá hạn',
    reportsExpected: 'Báo cáo phải nộp',
    reportsReceived: 'Báo cáo đã nhận',
    reportsOnTime: 'Báo cáo đúng hạn',
    reportStatus: 'Tình trạng báo cáo',
    rating: 'Xếp loại',
    total: 'Tổng cộng',
    ownRow: '{unitName} (tự thân)',
    yes: 'Có',
    no: 'Không',
    target: 'Mục tiêu',
    targetResult: 'Đánh giá',
    targetActual: 'Giá trị đạt được',
    targetExplanation: 'Căn cứ',
    unitLine: 'Đơn vị: {unitName}',
    planLine: 'Kế hoạch: {planSymbol} {planTitle}',
    asOfLine: 'Số liệu tính đến: {asOf}',
  },
  targetStatus: { met: 'Đạt', not_met: 'Chưa đạt', unknown: 'Chưa xác định' },
  ratingShort: { excellent: 'Xuất sắc', good: 'Tốt', done: 'Hoàn thành', not_done: 'Không hoàn thành' },
  closing: 'Trên đây là báo cáo kết quả thực hiện Kế hoạch số {planSymbol} của {unitName}.',
  signature: { capacity: 'T/M BAN THƯỜNG VỤ', title: 'BÍ THƯ' },
  recipients: { title: 'Nơi nhận:', lines: ['- {planIssuer} (để báo cáo),', '- Lưu Văn phòng.'] },
  xlsx: { sheetName: 'Tổng hợp', targetsSheetName: 'Mục tiêu', title: 'BÁO CÁO TỔNG HỢP KẾT QUẢ THỰC HIỆN KẾ HOẠCH SỐ {planSymbol}' },
};

type Json = { [key: string]: unknown };

function merge<T>(base: T, override: unknown, path: string): T {
  if (override === undefined) return base;
  if (Array.isArray(base)) {
    if (!Array.isArray(override) || !override.every((line) => typeof line === 'string')) throw new Error(`${path} must be a list of strings`);
    return override as T;
  }
  if (typeof base === 'object' && base !== null) {
    if (typeof override !== 'object' || override === null || Array.isArray(override)) throw new Error(`${path} must be an object`);
    const result: Json = { ...(base as Json) };
    for (const [key, value] of Object.entries(override)) {
      if (!(key in result)) {
        if (path.endsWith('labels')) continue;
        throw new Error(`${path}.${key} is not a template key`);
      }
      result[key] = merge(result[key], value, `${path}.${key}`);
    }
    return result as T;
  }
  if (typeof override !== typeof base) throw new Error(`${path} must be a ${typeof base}`);
  return override as T;
}

/** The default, overlaid with the file at `path` (when given). A broken file stops the service at start. */
export function loadReportTemplate(path: string | undefined): ReportTemplate {
  if (!path) return DEFAULT_REPORT_TEMPLATE;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`REPORT_TEMPLATE_PATH ${path}: ${(error as Error).message}`);
  }
  try {
    return merge(DEFAULT_REPORT_TEMPLATE, parsed, 'template');
  } catch (error) {
    throw new Error(`REPORT_TEMPLATE_PATH ${path}: ${(error as Error).message}`);
  }
}

/** Fills `{name}` placeholders; an unknown name stays as written, so a typo shows in the document. */
export function fill(text: string, values: Record<string, string | number | null | undefined>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined || value === null ? whole : String(value);
  });
}
