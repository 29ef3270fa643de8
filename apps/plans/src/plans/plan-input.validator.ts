import { DateTime } from 'luxon';
import { firstDueAt, type Deadline, type FieldError, type PlanInput, type TaskInput } from '#contracts';
import { parseTimeline, TimelineError, type WorkingDayCalendar } from '#timeline';
import { parsePlanSymbol, type PlanSymbol } from './plan-symbol.js';
import { checkReportingInput, type CheckedReporting } from './reporting-input.validator.js';

export interface CheckedTask extends TaskInput {
  deadline: Deadline;
  dueAt: string | null;
}

export interface CheckedPlan {
  symbol: PlanSymbol;
  input: PlanInput;
  tasks: CheckedTask[];
  /** Reporting duties, indicators and targets (empty lists when the plan states none). */
  reporting: CheckedReporting;
}

/**
 * Checks everything about a plan that needs no other service: symbol, dates, the numbered task
 * hierarchy and every timeline. Collects all problems at once so the user fixes them in one go.
 */
export function checkPlanInput(input: PlanInput, calendar?: WorkingDayCalendar): { plan: CheckedPlan | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const symbol = parsePlanSymbol(input.symbol ?? '');
  if (!symbol) errors.push({ path: 'symbol', message: `Số, ký hiệu "${input.symbol}" không đúng dạng "301-KH/TU"` });
  if (!input.title?.trim()) errors.push({ path: 'title', message: 'Trích yếu là bắt buộc' });
  const issueDate = DateTime.fromISO(input.issueDate ?? '', { zone: 'Asia/Ho_Chi_Minh' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.issueDate ?? '') || !issueDate.isValid) {
    errors.push({ path: 'issueDate', message: `Ngày ban hành "${input.issueDate}" không hợp lệ (dạng YYYY-MM-DD)` });
  }
  if (!input.tasks?.length) errors.push({ path: 'tasks', message: 'Kế hoạch phải có ít nhất một nhiệm vụ' });

  const tasks = (input.tasks ?? []).map((task, index) => checkTask(task, index, input.issueDate ?? '', errors, calendar));
  checkNumbering(input.tasks ?? [], errors);
  const reporting = checkReportingInput(input, errors);
  if (errors.length || !symbol) return { plan: null, errors };
  return { plan: { symbol, input, tasks: tasks as CheckedTask[], reporting }, errors };
}

/**
 * The issue date is the reference for timelines without a year ("trước ngày 25/11") and the start
 * of "N ngày làm việc", counted on the calendar (public holidays and the admin's overrides).
 */
function checkTask(task: TaskInput, index: number, issueDate: string, errors: FieldError[], calendar?: WorkingDayCalendar): CheckedTask | null {
  const at = `tasks[${index}]`;
  if (!task.title?.trim()) errors.push({ path: `${at}.title`, message: 'Tên nhiệm vụ là bắt buộc' });
  try {
    const deadline = parseTimeline(task.timeline ?? '', { referenceDate: issueDate, calendar }) as Deadline;
    return { ...task, deadline, dueAt: firstDueAt(deadline) };
  } catch (error) {
    if (!(error instanceof TimelineError)) throw error;
    errors.push({ path: `${at}.timeline`, message: error.message });
    return null;
  }
}

/** Numbers are unique and every `1.2` has its `1` in the plan. */
function checkNumbering(tasks: TaskInput[], errors: FieldError[]): void {
  const numbers = new Set<string>();
  tasks.forEach((task, index) => {
    if (!/^\d+(\.\d+)*$/.test(task.number ?? '')) {
      errors.push({ path: `tasks[${index}].number`, message: `Số thứ tự "${task.number}" không đúng dạng 1, 1.1, 1.1.2` });
    } else if (numbers.has(task.number)) {
      errors.push({ path: `tasks[${index}].number`, message: `Số thứ tự "${task.number}" bị trùng` });
    }
    numbers.add(task.number);
  });
  tasks.forEach((task, index) => {
    const parent = task.number?.split('.').slice(0, -1).join('.');
    if (parent && !numbers.has(parent)) {
      errors.push({ path: `tasks[${index}].number`, message: `Nhiệm vụ "${task.number}" thiếu nhiệm vụ cha "${parent}"` });
    }
  });
}

/** Only plans counting working days need the calendar (and so the assignments service, which keeps it). */
export function needsWorkingDayCalendar(input: PlanInput): boolean {
  return (input.tasks ?? []).some((task) => typeof task.timeline === 'string' && /ngày\s+làm\s+việc/iu.test(task.timeline.normalize('NFC')));
}
