import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import type { Actor, IndicatorDefinition, IssuedObligation, PlanIssuedEvent, TargetDefinition, UnitRecord } from '#contracts';
import { parseTimeline } from '#timeline';

/**
 * Shared by the reporting service's integration tests: a tree, the plan of seed 003 (an emulation
 * movement with numeric targets) issued with its reporting duties, and dates chosen from today so
 * that a yearly report has exactly one past period and one ahead whatever day the tests run.
 */

export const unit = (id: number, code: string, parentPath: string | null, kind: string, name = `Đơn vị ${code}`): UnitRecord => ({
  id: String(id),
  code,
  name,
  kind,
  parentId: parentPath ? parentPath.split('.').at(-1)! : null,
  path: parentPath ? `${parentPath}.${id}` : String(id),
});

export const actorOf = (u: UnitRecord, role: Actor['role'] = 'office'): Actor => ({
  userId: randomUUID(),
  username: `${u.code.toLowerCase()}.${role}`,
  role,
  unitId: u.id,
  unitCode: u.code,
  unitPath: u.path,
});

/** A yearly deadline about 40 days ahead, and an issue date a year before it: periods previous + current. */
export function yearlyAhead(now = new Date()) {
  let before = DateTime.fromJSDate(now, { zone: 'Asia/Ho_Chi_Minh' }).startOf('day').plus({ days: 40 });
  if (before.month === 2 && before.day === 29) before = before.plus({ days: 1 });
  const due = before.minus({ days: 1 });
  const issueDate = before.minus({ years: 1, days: 20 }).toISODate()!;
  return {
    timeline: `Định kỳ hằng năm (trước ngày ${before.toFormat('dd/MM')})`,
    issueDate,
    previous: String(due.year - 1),
    current: String(due.year),
    dueDate: due.toISODate()!,
  };
}

/** "trước ngày …" about 60 days ahead: a one-off report, still open. */
export function fixedAhead(now = new Date()) {
  const before = DateTime.fromJSDate(now, { zone: 'Asia/Ho_Chi_Minh' }).startOf('day').plus({ days: 60 });
  return { timeline: `trước ngày ${before.toFormat('dd/MM/yyyy')}`, key: before.minus({ days: 1 }).toISODate()! };
}

export const INDICATORS: IndicatorDefinition[] = [
  { code: 'dang_vien', name: 'Tổng số đảng viên', type: 'count', rollup: 'sum', partOf: null, threshold: null, unit: 'đảng viên', required: true },
  { code: 'quan_triet', name: 'Số đảng viên được quán triệt', type: 'count', rollup: 'sum', partOf: 'dang_vien', threshold: null, unit: 'đảng viên', required: true },
  { code: 'vi_pham', name: 'Số đảng viên vi phạm', type: 'count', rollup: 'sum', partOf: 'dang_vien', threshold: null, unit: 'đảng viên', required: false },
  { code: 'hoi_nghi', name: 'Đã tổ chức hội nghị quán triệt', type: 'boolean', rollup: 'share', partOf: null, threshold: null, unit: null, required: false },
  { code: 'ty_le_sinh_hoat', name: 'Tỷ lệ sinh hoạt chi bộ đúng kỳ', type: 'percentage', rollup: 'min', partOf: null, threshold: null, unit: '%', required: false },
  { code: 'ghi_chu', name: 'Khó khăn, vướng mắc', type: 'text', rollup: 'none', partOf: null, threshold: null, unit: null, required: false },
];

export const TARGETS: TargetDefinition[] = [
  { code: 'MT1', text: 'Trên 80% chi bộ hoàn thành tốt nhiệm vụ trở lên', metric: { type: 'rating-share', levels: ['excellent', 'good'], unitKind: 'chi_bo' }, comparator: '>', value: 80, max: null },
  { code: 'MT2', text: '15 - 20% chi bộ hoàn thành xuất sắc nhiệm vụ', metric: { type: 'rating-share', levels: ['excellent'], unitKind: 'chi_bo' }, comparator: 'between', value: 15, max: 20 },
  { code: 'MT3', text: 'Trên 95% đảng viên được quán triệt', metric: { type: 'indicator-ratio', indicator: 'quan_triet' }, comparator: '>', value: 95, max: null },
  { code: 'MT4', text: 'Kéo giảm tỷ lệ đảng viên vi phạm 2%/năm', metric: { type: 'indicator-change', indicator: 'vi_pham' }, comparator: 'decrease', value: 2, max: null },
];

export function planEvent(issuer: UnitRecord, directoryVersion: number, options: { now?: Date } = {}): PlanIssuedEvent & { yearly: ReturnType<typeof yearlyAhead>; fixed: ReturnType<typeof fixedAhead> } {
  const yearly = yearlyAhead(options.now);
  const fixed = fixedAhead(options.now);
  const obligations: IssuedObligation[] = [
    {
      id: randomUUID(),
      code: 'BC1',
      title: 'Báo cáo kết quả thực hiện phong trào thi đua',
      timeline: yearly.timeline,
      deadline: parseTimeline(yearly.timeline, { referenceDate: yearly.issueDate }),
      target: { type: 'descendants', kind: 'chi_bo' },
      to: { id: issuer.id, code: issuer.code, name: issuer.name },
      through: 'Ban Tuyên giáo',
      throughUnit: null,
      indicators: INDICATORS.map((i) => i.code),
      until: null,
      adHoc: true,
    },
    {
      id: randomUUID(),
      code: 'BC2',
      title: 'Báo cáo kết quả ban hành chuẩn mực đạo đức công vụ',
      timeline: fixed.timeline,
      deadline: parseTimeline(fixed.timeline, { referenceDate: yearly.issueDate }),
      target: { type: 'direct-subordinates' },
      to: { id: issuer.id, code: issuer.code, name: issuer.name },
      through: null,
      throughUnit: null,
      indicators: [],
      until: null,
      adHoc: false,
    },
  ];
  return {
    plan: { id: randomUUID(), symbol: '51-KH/ĐUK', title: 'Kế hoạch thi đua xây dựng chi bộ trong sạch, vững mạnh', issueDate: yearly.issueDate },
    issuer: { id: issuer.id, code: issuer.code, name: issuer.name, path: issuer.path },
    directoryVersion,
    tasks: [],
    reportingObligations: obligations,
    indicators: INDICATORS,
    targets: TARGETS,
    signer: 'Phạm Hữu Dự',
    yearly,
    fixed,
  };
}
