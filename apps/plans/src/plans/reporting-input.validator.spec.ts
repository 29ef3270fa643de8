import type { FieldError, PlanInput } from '#contracts';
import { checkReportingInput } from './reporting-input.validator.js';

/** Plan 51-KH/ĐUK (seed 003) and the town plan's reporting duties (seed 001), as a plan form sends them. */
const plan: PlanInput = {
  symbol: '51-KH/ĐUK',
  title: 'Kế hoạch thi đua',
  issueDate: '2024-09-20',
  tasks: [{ number: '1', title: 'Thi đua', timeline: 'Thường xuyên' }],
  reportingObligations: [
    {
      code: 'BC1',
      title: 'Báo cáo kết quả tổ chức thực hiện Quy định số 144-QĐ/TW',
      timeline: 'Định kỳ hằng năm (trước ngày 25/11)',
      reporters: { type: 'direct-subordinates' },
      through: 'Ban Tuyên giáo Thị ủy',
      adHoc: true,
    },
    { code: 'BC2', title: 'Báo cáo kết quả ban hành chuẩn mực đạo đức công vụ', timeline: 'trước ngày 25/12/2024', reporters: { type: 'descendants', kind: 'chi_bo' }, indicators: [] },
  ],
  indicators: [
    { code: 'dang_vien', name: 'Tổng số đảng viên', type: 'count', required: true },
    { code: 'quan_triet', name: 'Đảng viên được quán triệt', type: 'count', partOf: 'dang_vien' },
    { code: 'vi_pham', name: 'Đảng viên vi phạm', type: 'count', partOf: 'dang_vien' },
    { code: 'hoi_nghi', name: 'Đã tổ chức hội nghị', type: 'boolean' },
    { code: 'diem', name: 'Điểm', type: 'percentage', rollup: 'share', threshold: 90 },
  ],
  targets: [
    { code: 'MT1', text: 'trên 80% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ', metric: { type: 'rating-share', levels: ['excellent', 'good'], unitKind: 'co_so' }, comparator: '>', value: 80 },
    { code: 'MT2', text: '15 - 20% hoàn thành xuất sắc nhiệm vụ', metric: { type: 'rating-share', levels: ['excellent'], unitKind: 'co_so' }, comparator: 'between', value: 15, max: 20 },
    { code: 'MT3', text: 'trên 95% đảng viên được quán triệt', metric: { type: 'indicator-ratio', indicator: 'quan_triet' }, comparator: '>', value: 95 },
    { code: 'MT4', text: 'Kéo giảm tỷ lệ đảng viên vi phạm 2%/năm', metric: { type: 'indicator-change', indicator: 'vi_pham' }, comparator: 'decrease', value: 2 },
  ],
};

function check(input: PlanInput): { errors: FieldError[]; result: ReturnType<typeof checkReportingInput> } {
  const errors: FieldError[] = [];
  return { result: checkReportingInput(input, errors), errors };
}

describe('checkReportingInput', () => {
  it('reads the duties’ timelines, defaults the roll-up rules and keeps the targets', () => {
    const { errors, result } = check(plan);
    expect(errors).toEqual([]);
    expect(result.obligations.map((o) => [o.code, o.deadline.kind, o.indicatorCodes.length])).toEqual([['BC1', 'recurring', 5], ['BC2', 'fixed', 0]]);
    expect(result.obligations[0].deadline).toMatchObject({ every: 'year', month: 11, day: 24, nextDueDate: '2024-11-24' });
    expect(result.indicators.map((i) => [i.code, i.rollup])).toEqual([['dang_vien', 'sum'], ['quan_triet', 'sum'], ['vi_pham', 'sum'], ['hoi_nghi', 'share'], ['diem', 'share']]);
    expect(result.targets.map((t) => [t.code, t.max])).toEqual([['MT1', null], ['MT2', 20], ['MT3', null], ['MT4', null]]);
  });

  it('says what is wrong with each duty, indicator and target, by path', () => {
    const { errors } = check({
      ...plan,
      reportingObligations: [
        { code: 'BC1', title: '', timeline: 'Thường xuyên', reporters: { type: 'units', unitCodes: [] }, indicators: ['khong_co'] },
        { code: 'BC1', title: 'x', timeline: 'trước ngày 31/02/2025', reporters: { type: 'descendants', kind: '' } },
      ],
      indicators: [
        { code: 'Dang Vien', name: '', type: 'count' },
        { code: 'ty_le', name: 'Tỷ lệ', type: 'percentage', rollup: 'sum' },
        { code: 'a', name: 'A', type: 'count', partOf: 'b' },
        { code: 'b', name: 'B', type: 'count', partOf: 'a' },
        { code: 'c', name: 'C', type: 'boolean', partOf: 'b' },
        { code: 'd', name: 'D', type: 'count', rollup: 'share' },
      ],
      targets: [
        { code: 'MT1', text: 'x', metric: { type: 'indicator-ratio', indicator: 'ty_le' }, comparator: '>', value: 120 },
        { code: 'MT2', text: 'y', metric: { type: 'rating-share', levels: [], unitKind: '' }, comparator: 'decrease', value: 2 },
        { code: 'MT3', text: 'z', metric: { type: 'indicator-total', indicator: 'nope' }, comparator: 'between', value: 5 },
      ],
    });
    const byPath = Object.fromEntries(errors.map((e) => [e.path, e.message]));
    expect(byPath).toMatchObject({
      'reportingObligations[0].title': expect.stringContaining('bắt buộc'),
      'reportingObligations[0].timeline': expect.stringContaining('cần thời hạn'),
      'reportingObligations[0].reporters.unitCodes': expect.any(String),
      'reportingObligations[0].indicators[0]': expect.stringContaining('khong_co'),
      'reportingObligations[1].code': expect.stringContaining('trùng'),
      'reportingObligations[1].timeline': expect.stringContaining('31/02/2025'),
      'reportingObligations[1].reporters.kind': expect.any(String),
      'indicators[0].code': expect.any(String),
      'indicators[0].name': expect.any(String),
      'indicators[1].rollup': expect.stringContaining('không tổng hợp theo "sum"'),
      'indicators[4].partOf': expect.stringContaining('số lượng'),
      'indicators[5].threshold': expect.stringContaining('ngưỡng'),
      'targets[0].value': expect.stringContaining('0 đến 100'),
      'targets[1].metric.levels': expect.any(String),
      'targets[1].metric.unitKind': expect.any(String),
      'targets[1].comparator': expect.stringContaining('indicator-change'),
      'targets[2].max': expect.any(String),
      'targets[2].metric.indicator': expect.stringContaining('nope'),
    });
    expect(errors.filter((e) => e.path === 'targets[0].metric.indicator').map((e) => e.message).join(' ')).toContain('tỷ lệ phần trăm');
    expect(errors.filter((e) => e.path === 'indicators[2].partOf' || e.path === 'indicators[3].partOf').map((e) => e.message).join(' ')).toContain('vòng lặp');
  });

  it('needs a recurring duty to compare with the previous period', () => {
    const { errors } = check({
      ...plan,
      reportingObligations: [{ code: 'BC2', title: 'x', timeline: 'trước ngày 25/12/2024', reporters: { type: 'direct-subordinates' } }],
      targets: [plan.targets![3]],
    });
    expect(errors).toEqual([{ path: 'targets[0].metric.type', message: expect.stringContaining('định kỳ') }]);
  });

  it('makes a report that carries a part carry its whole too', () => {
    const { errors } = check({ ...plan, reportingObligations: [{ ...plan.reportingObligations![0], indicators: ['quan_triet'] }], targets: [] });
    expect(errors).toEqual([{ path: 'reportingObligations[0].indicators', message: 'Báo cáo thu "quan_triet" thì phải thu cả "dang_vien" (để tính tỷ lệ)' }]);
  });

  it('is empty for a plan that asks for no report', () => {
    const { errors, result } = check({ ...plan, reportingObligations: undefined, indicators: undefined, targets: undefined });
    expect(errors).toEqual([]);
    expect(result).toEqual({ obligations: [], indicators: [], targets: [] });
  });
});
