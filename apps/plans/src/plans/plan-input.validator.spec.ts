import type { PlanInput } from '#contracts';
import { WorkingDayCalendar } from '#timeline';
import { checkPlanInput, needsWorkingDayCalendar } from './plan-input.validator.js';

const valid: PlanInput = {
  symbol: '301-KH/TU',
  title: 'Kế hoạch thực hiện Quy định 144',
  issueDate: '2024-08-15',
  tasks: [
    { number: '1', title: 'Quán triệt', timeline: 'Hoàn thành trong quý IV/2024' },
    { number: '1.1', title: 'Tổ chức hội nghị', timeline: 'trước ngày 25/12/2024' },
    { number: '2', title: 'Thực hiện', timeline: 'Thường xuyên' },
  ],
};

describe('checkPlanInput', () => {
  it('accepts a valid plan and parses each deadline', () => {
    const { plan, errors } = checkPlanInput(valid);
    expect(errors).toEqual([]);
    expect(plan!.tasks.map((t) => t.dueAt)).toEqual(['2024-12-31T16:59:59.999Z', '2024-12-24T16:59:59.999Z', null]);
  });

  it('collects every problem with its field path', () => {
    const { plan, errors } = checkPlanInput({
      ...valid,
      symbol: '301/TU',
      issueDate: '2024-02-30',
      tasks: [
        { number: '1', title: '', timeline: 'trước ngày 31/02/2025' },
        { number: '1', title: 'x', timeline: 'Thường xuyên' },
        { number: '3.1', title: 'y', timeline: 'quý V/2024' },
      ],
    });
    expect(plan).toBeNull();
    const paths = errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(['symbol', 'issueDate', 'tasks[0].title', 'tasks[1].number', 'tasks[2].number']),
    );
    const timelineErrors = errors.filter((e) => e.path.endsWith('.timeline')).map((e) => e.message);
    expect(timelineErrors.join(' ')).toContain('31/02/2025');
  });

  it('rejects an empty task list', () => {
    expect(checkPlanInput({ ...valid, tasks: [] }).errors).toContainEqual({ path: 'tasks', message: expect.any(String) });
  });

  it('counts working days from the issue date on the calendar it is given', () => {
    // Issued Friday 24/01/2025; Tết 28/01–01/02; the admin made Monday 27/01 a day off too.
    const input: PlanInput = { ...valid, issueDate: '2025-01-24', tasks: [{ number: '1', title: 'Báo cáo', timeline: 'trong 2 ngày làm việc kể từ ngày ban hành' }] };
    expect(needsWorkingDayCalendar(input)).toBe(true);
    expect(needsWorkingDayCalendar(valid)).toBe(false);
    const plain = checkPlanInput(input).plan!.tasks[0];
    expect([plain.deadline, plain.dueAt]).toEqual([
      { kind: 'fixed', dueAt: '2025-02-03T16:59:59.999Z', dueDate: '2025-02-03', workingDays: { count: 2, from: '2025-01-24' } },
      '2025-02-03T16:59:59.999Z',
    ]);
    const decided = checkPlanInput(input, new WorkingDayCalendar([{ date: '2025-01-27', kind: 'day-off' }])).plan!.tasks[0];
    expect(decided.dueAt).toBe('2025-02-04T16:59:59.999Z');
  });
});
