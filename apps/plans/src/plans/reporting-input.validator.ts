import {
  INDICATOR_TYPES,
  RATING_LEVELS,
  ROLLUP_RULES,
  TARGET_COMPARATORS,
  TARGET_METRIC_TYPES,
  type Deadline,
  type FieldError,
  type IndicatorDefinition,
  type IndicatorInput,
  type IndicatorType,
  type PlanInput,
  type ReportingObligationInput,
  type RollupRule,
  type TargetDefinition,
  type TargetInput,
} from '#contracts';
import { parseTimeline, TimelineError } from '#timeline';

/** An obligation whose timeline was read. */
export interface CheckedObligation extends ReportingObligationInput {
  deadline: Deadline;
  indicatorCodes: string[];
}

export interface CheckedReporting {
  obligations: CheckedObligation[];
  indicators: IndicatorDefinition[];
  targets: TargetDefinition[];
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
const INDICATOR_CODE = /^[a-z][a-z0-9_]{0,63}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Which roll-up rules make sense for each type; the first is the default. */
const RULES_BY_TYPE: Record<IndicatorType, RollupRule[]> = {
  count: ['sum', 'min', 'max', 'share'],
  percentage: ['min', 'max', 'share'],
  boolean: ['share'],
  text: ['none'],
};

const TYPE_LABEL: Record<IndicatorType, string> = {
  count: 'số lượng',
  percentage: 'tỷ lệ phần trăm',
  boolean: 'có/không',
  text: 'văn bản',
};

/**
 * Checks a plan's reporting duties, indicators and targets, needing no other service: codes,
 * timelines (read like a task's, with the issue date as reference), roll-up rules that fit each
 * type, part-of links between counts, and targets that measure something the plan defines.
 * Problems are pushed with their field path (`reportingObligations[1].timeline`).
 */
export function checkReportingInput(input: PlanInput, errors: FieldError[]): CheckedReporting {
  const indicators = checkIndicators(input.indicators ?? [], errors);
  const byCode = new Map(indicators.map((indicator) => [indicator.code, indicator]));
  const obligations = checkObligations(input.reportingObligations ?? [], input.issueDate ?? '', byCode, errors);
  const targets = checkTargets(input.targets ?? [], byCode, obligations, errors);
  if ((input.indicators?.length ?? 0) > 0 && obligations.length === 0 && !(input.reportingObligations?.length)) {
    errors.push({ path: 'indicators', message: 'Có chỉ tiêu báo cáo nhưng kế hoạch chưa nêu nghĩa vụ báo cáo nào' });
  }
  return { obligations, indicators, targets };
}

function checkIndicators(list: IndicatorInput[], errors: FieldError[]): IndicatorDefinition[] {
  if (!Array.isArray(list)) {
    errors.push({ path: 'indicators', message: 'phải là một danh sách' });
    return [];
  }
  const seen = new Set<string>();
  const result: IndicatorDefinition[] = [];
  list.forEach((indicator, i) => {
    const at = `indicators[${i}]`;
    const code = indicator?.code;
    if (typeof code !== 'string' || !INDICATOR_CODE.test(code)) {
      errors.push({ path: `${at}.code`, message: `Mã chỉ tiêu "${code ?? ''}" chỉ gồm chữ thường, số và dấu _ (ví dụ dang_vien_quan_triet)` });
    } else if (seen.has(code)) {
      errors.push({ path: `${at}.code`, message: `Mã chỉ tiêu "${code}" bị trùng` });
    }
    seen.add(code);
    if (!indicator?.name?.trim()) errors.push({ path: `${at}.name`, message: 'Tên chỉ tiêu là bắt buộc' });
    const type = indicator?.type;
    if (!INDICATOR_TYPES.includes(type)) {
      errors.push({ path: `${at}.type`, message: `Loại chỉ tiêu phải là một trong: ${INDICATOR_TYPES.join(', ')}` });
      return;
    }
    const allowed = RULES_BY_TYPE[type];
    const rollup = indicator.rollup ?? allowed[0];
    if (!ROLLUP_RULES.includes(rollup)) {
      errors.push({ path: `${at}.rollup`, message: `Cách tổng hợp phải là một trong: ${ROLLUP_RULES.join(', ')}` });
    } else if (!allowed.includes(rollup)) {
      errors.push({
        path: `${at}.rollup`,
        message: `Chỉ tiêu ${TYPE_LABEL[type]} không tổng hợp theo "${rollup}" được (dùng: ${allowed.join(', ')})`,
      });
    }
    const threshold = indicator.threshold ?? null;
    if (threshold !== null) {
      if (typeof threshold !== 'number' || !Number.isFinite(threshold)) {
        errors.push({ path: `${at}.threshold`, message: 'Ngưỡng phải là một số' });
      } else if (rollup !== 'share' || (type !== 'count' && type !== 'percentage')) {
        errors.push({ path: `${at}.threshold`, message: 'Ngưỡng chỉ dùng khi tổng hợp theo tỷ lệ đơn vị (share) một chỉ tiêu số' });
      } else if (threshold < 0 || (type === 'percentage' && threshold > 100)) {
        errors.push({ path: `${at}.threshold`, message: type === 'percentage' ? 'Ngưỡng phải từ 0 đến 100' : 'Ngưỡng không được âm' });
      }
    } else if (rollup === 'share' && (type === 'count' || type === 'percentage')) {
      errors.push({ path: `${at}.threshold`, message: 'Tổng hợp theo tỷ lệ đơn vị cần một ngưỡng (đơn vị đạt khi giá trị ≥ ngưỡng)' });
    }
    result.push({
      code,
      name: indicator.name?.trim() ?? '',
      type,
      rollup,
      partOf: indicator.partOf ?? null,
      threshold,
      unit: indicator.unit?.trim() || null,
      required: indicator.required === true,
    });
  });
  // Part-of links: a count that is part of another count, no cycles.
  const byCode = new Map(result.map((indicator) => [indicator.code, indicator]));
  result.forEach((indicator) => {
    if (!indicator.partOf) return;
    const i = list.findIndex((item) => item?.code === indicator.code);
    const at = `indicators[${i}].partOf`;
    const whole = byCode.get(indicator.partOf);
    if (!whole) errors.push({ path: at, message: `Không có chỉ tiêu "${indicator.partOf}" trong kế hoạch` });
    else if (whole.code === indicator.code) errors.push({ path: at, message: 'Chỉ tiêu không thể là một phần của chính nó' });
    else if (indicator.type !== 'count' || whole.type !== 'count') {
      errors.push({ path: at, message: 'Chỉ chỉ tiêu số lượng mới là một phần của chỉ tiêu số lượng khác' });
    } else {
      const chain = new Set([indicator.code]);
      for (let next: IndicatorDefinition | undefined = whole; next?.partOf; next = byCode.get(next.partOf)) {
        if (chain.has(next.code)) {
          errors.push({ path: at, message: `Quan hệ "là một phần của" tạo thành vòng lặp qua "${next.code}"` });
          break;
        }
        chain.add(next.code);
      }
    }
  });
  return result;
}

function checkObligations(
  list: ReportingObligationInput[],
  issueDate: string,
  indicators: Map<string, IndicatorDefinition>,
  errors: FieldError[],
): CheckedObligation[] {
  if (!Array.isArray(list)) {
    errors.push({ path: 'reportingObligations', message: 'phải là một danh sách' });
    return [];
  }
  const seen = new Set<string>();
  const result: CheckedObligation[] = [];
  list.forEach((obligation, i) => {
    const at = `reportingObligations[${i}]`;
    const code = obligation?.code;
    if (typeof code !== 'string' || !CODE.test(code)) {
      errors.push({ path: `${at}.code`, message: `Mã nghĩa vụ báo cáo "${code ?? ''}" không hợp lệ (ví dụ BC1)` });
    } else if (seen.has(code)) {
      errors.push({ path: `${at}.code`, message: `Mã nghĩa vụ báo cáo "${code}" bị trùng` });
    }
    seen.add(code);
    if (!obligation?.title?.trim()) errors.push({ path: `${at}.title`, message: 'Nội dung báo cáo là bắt buộc' });
    const selector = obligation?.reporters;
    if (!selector || !['units', 'direct-subordinates', 'descendants'].includes(selector.type)) {
      errors.push({ path: `${at}.reporters`, message: 'Cần nêu đơn vị báo cáo (units, direct-subordinates hoặc descendants)' });
    } else if (selector.type === 'units' && !(Array.isArray(selector.unitCodes) && selector.unitCodes.length)) {
      errors.push({ path: `${at}.reporters.unitCodes`, message: 'Cần ít nhất một mã đơn vị' });
    } else if (selector.type === 'descendants' && !selector.kind?.trim()) {
      errors.push({ path: `${at}.reporters.kind`, message: 'Cần nêu loại đơn vị' });
    }
    const codes = obligation?.indicators ?? [...indicators.keys()];
    (obligation?.indicators ?? []).forEach((indicator, j) => {
      if (!indicators.has(indicator)) errors.push({ path: `${at}.indicators[${j}]`, message: `Không có chỉ tiêu "${indicator}" trong kế hoạch` });
    });
    for (const code of codes) {
      const whole = indicators.get(code)?.partOf;
      if (whole && !codes.includes(whole)) {
        errors.push({ path: `${at}.indicators`, message: `Báo cáo thu "${code}" thì phải thu cả "${whole}" (để tính tỷ lệ)` });
      }
    }
    if (obligation?.until !== undefined && (typeof obligation.until !== 'string' || !ISO_DATE.test(obligation.until))) {
      errors.push({ path: `${at}.until`, message: `Ngày "${obligation.until}" không hợp lệ (dạng YYYY-MM-DD)` });
    }
    let deadline: Deadline | null = null;
    try {
      deadline = parseTimeline(obligation?.timeline ?? '', { referenceDate: issueDate }) as Deadline;
    } catch (error) {
      if (!(error instanceof TimelineError)) throw error;
      errors.push({ path: `${at}.timeline`, message: error.message });
    }
    if (deadline?.kind === 'ongoing') {
      errors.push({
        path: `${at}.timeline`,
        message: `Báo cáo cần thời hạn (một ngày, hằng năm hoặc hằng quý), "${obligation.timeline}" không nêu thời hạn`,
      });
      deadline = null;
    }
    if (deadline?.kind === 'recurring' && obligation.until && ISO_DATE.test(obligation.until) && obligation.until < deadline.nextDueDate) {
      errors.push({ path: `${at}.until`, message: `Kỳ báo cáo đầu tiên (${deadline.nextDueDate}) đã sau ngày ${obligation.until}` });
    }
    if (deadline) result.push({ ...obligation, code, deadline, indicatorCodes: codes.filter((c) => indicators.has(c)) });
  });
  return result;
}

function checkTargets(
  list: TargetInput[],
  indicators: Map<string, IndicatorDefinition>,
  obligations: CheckedObligation[],
  errors: FieldError[],
): TargetDefinition[] {
  if (!Array.isArray(list)) {
    errors.push({ path: 'targets', message: 'phải là một danh sách' });
    return [];
  }
  const seen = new Set<string>();
  const result: TargetDefinition[] = [];
  list.forEach((target, i) => {
    const at = `targets[${i}]`;
    const before = errors.length;
    if (typeof target?.code !== 'string' || !CODE.test(target.code)) {
      errors.push({ path: `${at}.code`, message: `Mã mục tiêu "${target?.code ?? ''}" không hợp lệ (ví dụ MT1)` });
    } else if (seen.has(target.code)) {
      errors.push({ path: `${at}.code`, message: `Mã mục tiêu "${target.code}" bị trùng` });
    }
    seen.add(target?.code);
    if (!target?.text?.trim()) errors.push({ path: `${at}.text`, message: 'Nội dung mục tiêu là bắt buộc' });
    if (!TARGET_COMPARATORS.includes(target?.comparator)) {
      errors.push({ path: `${at}.comparator`, message: `Phép so sánh phải là một trong: ${TARGET_COMPARATORS.join(', ')}` });
    }
    if (typeof target?.value !== 'number' || !Number.isFinite(target.value)) {
      errors.push({ path: `${at}.value`, message: 'Giá trị mục tiêu phải là một số' });
    }
    if (target?.comparator === 'between') {
      if (typeof target.max !== 'number' || !Number.isFinite(target.max) || target.max < target.value) {
        errors.push({ path: `${at}.max`, message: 'Khoảng "từ … đến …" cần giá trị max không nhỏ hơn value' });
      }
    } else if (target?.max !== undefined) {
      errors.push({ path: `${at}.max`, message: 'max chỉ dùng với phép so sánh between' });
    }
    const metric = target?.metric;
    if (!metric || !TARGET_METRIC_TYPES.includes(metric.type)) {
      errors.push({ path: `${at}.metric.type`, message: `Loại chỉ số phải là một trong: ${TARGET_METRIC_TYPES.join(', ')}` });
    } else {
      checkMetric(target, `${at}.metric`, indicators, obligations, errors);
      const relative = target.comparator === 'decrease' || target.comparator === 'increase';
      if (relative && metric.type !== 'indicator-change') {
        errors.push({ path: `${at}.comparator`, message: 'Tăng/giảm chỉ dùng với chỉ số indicator-change (so với kỳ trước)' });
      }
      const isPercent = metric.type !== 'indicator-total' && metric.type !== 'indicator-change';
      if (isPercent && typeof target.value === 'number' && (target.value < 0 || target.value > 100)) {
        errors.push({ path: `${at}.value`, message: 'Tỷ lệ mục tiêu phải từ 0 đến 100 (%)' });
      }
    }
    if (errors.length === before) {
      result.push({ code: target.code, text: target.text.trim(), metric: target.metric, comparator: target.comparator, value: target.value, max: target.max ?? null });
    }
  });
  return result;
}

function checkMetric(
  target: TargetInput,
  at: string,
  indicators: Map<string, IndicatorDefinition>,
  obligations: CheckedObligation[],
  errors: FieldError[],
): void {
  const metric = target.metric;
  if (metric.type === 'rating-share') {
    if (!Array.isArray(metric.levels) || metric.levels.length === 0 || !metric.levels.every((level) => RATING_LEVELS.includes(level))) {
      errors.push({ path: `${at}.levels`, message: `Cần ít nhất một mức xếp loại trong: ${RATING_LEVELS.join(', ')}` });
    }
    if (!metric.unitKind?.trim()) errors.push({ path: `${at}.unitKind`, message: 'Cần nêu loại đơn vị được xếp loại' });
    if (metric.period !== undefined && !/^\d{4}$/.test(metric.period)) errors.push({ path: `${at}.period`, message: 'Năm xếp loại có dạng YYYY' });
    return;
  }
  if (metric.type === 'completion-rate') return;
  if ('obligation' in metric && metric.obligation !== undefined && !obligations.some((o) => o.code === metric.obligation)) {
    errors.push({ path: `${at}.obligation`, message: `Không có nghĩa vụ báo cáo "${metric.obligation}" trong kế hoạch` });
  }
  if (metric.type === 'reporting-rate') return;
  const indicator = indicators.get(metric.indicator);
  if (!indicator) {
    errors.push({ path: `${at}.indicator`, message: `Không có chỉ tiêu "${metric.indicator}" trong kế hoạch` });
    return;
  }
  if (indicator.type !== 'count') {
    errors.push({ path: `${at}.indicator`, message: `Mục tiêu chỉ đo được trên chỉ tiêu số lượng, "${indicator.code}" là chỉ tiêu ${TYPE_LABEL[indicator.type]}` });
  } else if (metric.type === 'indicator-ratio' && !indicator.partOf) {
    errors.push({ path: `${at}.indicator`, message: `Chỉ tiêu "${indicator.code}" không là một phần của chỉ tiêu nào nên không tính được tỷ lệ` });
  }
  const carriers = obligations.filter((o) => o.indicatorCodes.includes(indicator.code));
  const named = 'obligation' in metric && metric.obligation ? obligations.find((o) => o.code === metric.obligation) : undefined;
  if (named && !named.indicatorCodes.includes(indicator.code)) {
    errors.push({ path: `${at}.obligation`, message: `Báo cáo "${named.code}" không có chỉ tiêu "${indicator.code}"` });
  } else if (!named && carriers.length === 0) {
    errors.push({ path: `${at}.indicator`, message: `Không báo cáo nào thu chỉ tiêu "${indicator.code}"` });
  }
  if (metric.type === 'indicator-change') {
    const obligation = named ?? carriers[0];
    if (obligation && obligation.deadline.kind !== 'recurring') {
      errors.push({ path: `${at}.type`, message: 'So với kỳ trước chỉ dùng cho báo cáo định kỳ (hằng năm, hằng quý)' });
    }
  }
}
