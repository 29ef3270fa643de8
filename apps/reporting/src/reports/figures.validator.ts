import type { FieldError, Figures, IndicatorDefinition } from '#contracts';

/** One figure ready to store: its number, yes/no or text, and whether it counts as "yes" for a share. */
export interface CheckedFigure {
  code: string;
  num: number | null;
  flag: boolean | null;
  txt: string | null;
  yes: boolean;
}

const MAX_COUNT = 1_000_000_000_000;
const MAX_TEXT = 10_000;

const display = (value: unknown) => (typeof value === 'string' ? `"${value}"` : JSON.stringify(value));

/**
 * Checks figures against the report's indicators: the right type for each (counts are whole and
 * never negative, percentages 0–100, yes/no a boolean), no unknown indicator, and a part never
 * larger than its whole (members disseminated ≤ members). `complete` (a submission, not a draft)
 * also requires the required indicators, and the whole wherever a part is given, so every ratio
 * the upper units read is over the same units. Messages are Vietnamese, one per field
 * (`figures.dang_vien_quan_triet`).
 */
export function checkFigures(
  indicators: IndicatorDefinition[],
  figures: Figures | undefined | null,
  complete: boolean,
): { figures: CheckedFigure[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (figures === null || figures === undefined || typeof figures !== 'object' || Array.isArray(figures)) {
    return { figures: [], errors: [{ path: 'figures', message: 'Số liệu phải là một đối tượng {mã chỉ tiêu: giá trị}' }] };
  }
  const byCode = new Map(indicators.map((indicator) => [indicator.code, indicator]));
  for (const code of Object.keys(figures)) {
    if (!byCode.has(code)) errors.push({ path: `figures.${code}`, message: `Báo cáo này không có chỉ tiêu "${code}"` });
  }
  const checked = new Map<string, CheckedFigure>();
  for (const indicator of indicators) {
    const path = `figures.${indicator.code}`;
    const value = figures[indicator.code];
    if (value === undefined || value === null || value === '') {
      if (complete && indicator.required) errors.push({ path, message: `"${indicator.name}" là bắt buộc` });
      continue;
    }
    const problem = typeProblem(indicator, value);
    if (problem) {
      errors.push({ path, message: problem });
      continue;
    }
    const num = typeof value === 'number' ? value : null;
    const flag = typeof value === 'boolean' ? value : null;
    const yes =
      indicator.type === 'boolean'
        ? flag === true
        : indicator.rollup === 'share' && indicator.threshold !== null && num !== null && num >= indicator.threshold;
    checked.set(indicator.code, { code: indicator.code, num, flag, txt: typeof value === 'string' ? value.trim() : null, yes });
  }
  for (const indicator of indicators) {
    if (!indicator.partOf) continue;
    const part = checked.get(indicator.code);
    const wholeDefinition = byCode.get(indicator.partOf);
    const whole = checked.get(indicator.partOf);
    if (!part || !wholeDefinition) continue;
    if (whole && part.num !== null && whole.num !== null && part.num > whole.num) {
      errors.push({
        path: `figures.${indicator.code}`,
        message: `"${indicator.name}" (${part.num}) không được lớn hơn "${wholeDefinition.name}" (${whole.num})`,
      });
    } else if (!whole && complete && !errors.some((e) => e.path === `figures.${wholeDefinition.code}`)) {
      errors.push({
        path: `figures.${wholeDefinition.code}`,
        message: `Cần nhập "${wholeDefinition.name}" vì đã nhập "${indicator.name}" (để tính tỷ lệ)`,
      });
    }
  }
  return { figures: errors.length ? [] : [...checked.values()], errors };
}

function typeProblem(indicator: IndicatorDefinition, value: unknown): string | null {
  switch (indicator.type) {
    case 'count':
      if (typeof value !== 'number' || !Number.isFinite(value)) return `"${indicator.name}" phải là một số, không phải ${display(value)}`;
      if (value < 0) return `"${indicator.name}" không được âm (${value})`;
      if (!Number.isInteger(value)) return `"${indicator.name}" phải là số nguyên (${value})`;
      if (value > MAX_COUNT) return `"${indicator.name}" quá lớn (${value})`;
      return null;
    case 'percentage':
      if (typeof value !== 'number' || !Number.isFinite(value)) return `"${indicator.name}" phải là một số, không phải ${display(value)}`;
      if (value < 0 || value > 100) return `"${indicator.name}" là tỷ lệ phần trăm, phải từ 0 đến 100 (${value})`;
      return null;
    case 'boolean':
      return typeof value === 'boolean' ? null : `"${indicator.name}" phải là có (true) hoặc không (false), không phải ${display(value)}`;
    case 'text':
      if (typeof value !== 'string') return `"${indicator.name}" phải là văn bản`;
      if (value.length > MAX_TEXT) return `"${indicator.name}" không được dài quá ${MAX_TEXT} ký tự`;
      return null;
  }
}

/** The figures as they were submitted (for versions and views): only indicators given a value. */
export function figuresObject(figures: CheckedFigure[]): Figures {
  return Object.fromEntries(figures.map((f) => [f.code, f.num ?? f.flag ?? f.txt]));
}
