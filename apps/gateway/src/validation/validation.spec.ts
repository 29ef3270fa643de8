import 'reflect-metadata';
import { BadRequestException, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { PlanInputDto } from '../plans/dto/plan-input.dto.js';
import { InboxQueryDto } from '../assignments/dto/assignment-filter.query.dto.js';
import { CalendarOverridesDto, YearParamDto } from '../calendar/dto/calendar.dto.js';
import { DeadlinePolicyDto, DecideExtensionDto, RequestExtensionDto, UnitDeadlinesQueryDto } from '../deadlines/dto/deadlines.dto.js';
import { createValidationPipe, flattenValidationErrors } from './validation.js';

const body = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({ type: 'body', metatype });
const query = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({ type: 'query', metatype });

function validPlan(): Record<string, unknown> {
  return {
    symbol: '301-KH/TU',
    title: 'Triển khai Nghị quyết',
    issueDate: '2024-08-15',
    basis: [{ text: 'Kế hoạch số 12-KH/TW' }],
    tasks: [
      { number: '1', title: 'Quán triệt', timeline: 'Trong tháng 9/2024', implementing: { type: 'direct-subordinates' } },
      { number: '1.1', title: 'Hội nghị', timeline: 'Quý IV/2024', implementing: { type: 'units', unitCodes: ['HU-01'] } },
      { number: '2', title: 'Sơ kết', timeline: 'Hằng năm', implementing: { type: 'descendants', kind: 'chi_bo' } },
    ],
  };
}

async function fieldsOf(value: unknown, metadata = body(PlanInputDto)) {
  try {
    await createValidationPipe().transform(value, metadata);
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    const response = (error as BadRequestException).getResponse() as { code: string; message: string; fields: { path: string; message: string }[] };
    expect(response.code).toBe('REQUEST.INVALID');
    expect(response.message).toBe('Dữ liệu gửi lên không hợp lệ');
    return response.fields;
  }
  throw new Error('expected a validation error');
}

describe('flattenValidationErrors', () => {
  it('writes array items as [i] and nested objects with dots', () => {
    const errors: ValidationError[] = [
      {
        property: 'tasks',
        children: [
          {
            property: '2',
            children: [{ property: 'timeline', value: 1, constraints: { isString: 'phải là chuỗi ký tự' }, children: [] }],
          },
        ],
      },
      { property: 'symbol', value: 'x', constraints: { matches: 'sai dạng' }, children: [] },
    ];
    expect(flattenValidationErrors(errors)).toEqual([
      { path: 'tasks[2].timeline', message: 'phải là chuỗi ký tự' },
      { path: 'symbol', message: 'sai dạng' },
    ]);
  });

  it('reports an unknown field as not allowed, in Vietnamese', () => {
    const errors: ValidationError[] = [
      { property: 'extra', value: 1, constraints: { whitelistValidation: 'property extra should not exist' }, children: [] },
    ];
    expect(flattenValidationErrors(errors)).toEqual([{ path: 'extra', message: 'trường này không được phép' }]);
  });
});

describe('global validation pipe', () => {
  it('accepts a valid plan and returns the DTO instance', async () => {
    const plan = await createValidationPipe().transform(validPlan(), body(PlanInputDto));
    expect(plan).toBeInstanceOf(PlanInputDto);
    expect(plan.tasks[1].implementing).toEqual({ type: 'units', unitCodes: ['HU-01'] });
  });

  it('accepts symbols with Đ and multi-part issuers, normalising whitespace', async () => {
    for (const symbol of ['51-KH/ĐUK', '144-QĐ/TW', '12-HD/BTG-TU']) {
      await expect(createValidationPipe().transform({ ...validPlan(), symbol }, body(PlanInputDto))).resolves.toBeDefined();
    }
    const plan = await createValidationPipe().transform({ ...validPlan(), symbol: ' 301-KH / TU ' }, body(PlanInputDto));
    expect(plan.symbol).toBe('301-KH/TU');
  });

  it('reports nested paths: a missing timeline, a bad task number, a bad date and symbol', async () => {
    const plan = validPlan();
    const tasks = plan.tasks as Record<string, unknown>[];
    delete tasks[0].timeline;
    tasks[2].number = '2.a';
    plan.issueDate = '15/08/2024';
    plan.symbol = 'KH 301';
    const fields = await fieldsOf(plan);
    expect(fields).toEqual(
      expect.arrayContaining([
        { path: 'tasks[0].timeline', message: 'là bắt buộc' },
        { path: 'tasks[2].number', message: 'phải có dạng 1, 1.1, 1.1.2' },
        { path: 'issueDate', message: 'phải là ngày dạng YYYY-MM-DD' },
        { path: 'symbol', message: 'phải có dạng số-loại/cơ quan ban hành, ví dụ 301-KH/TU' },
      ]),
    );
    // One message per problem, not one per rule a missing value breaks.
    expect(fields.filter((f) => f.path === 'tasks[0].timeline')).toHaveLength(1);
    expect(fields.filter((f) => f.path === 'issueDate')).toHaveLength(1);
  });

  it('rejects an impossible calendar date', async () => {
    expect(await fieldsOf({ ...validPlan(), issueDate: '2024-02-30' })).toEqual([{ path: 'issueDate', message: 'phải là ngày dạng YYYY-MM-DD' }]);
  });

  it('rejects unknown fields at any depth', async () => {
    const plan = validPlan();
    plan.hacker = true;
    (plan.tasks as Record<string, unknown>[])[1].status = 'done';
    expect(await fieldsOf(plan)).toEqual([
      { path: 'hacker', message: 'trường này không được phép' },
      { path: 'tasks[1].status', message: 'trường này không được phép' },
    ]);
  });

  it('validates the implementing union by its type', async () => {
    const plan = validPlan();
    const tasks = plan.tasks as Record<string, unknown>[];
    tasks[0].implementing = { type: 'units' };
    tasks[1].implementing = { type: 'direct-subordinates', kind: 'chi_bo' };
    tasks[2].implementing = { type: 'everyone' };
    expect(await fieldsOf(plan)).toEqual([
      { path: 'tasks[0].implementing.unitCodes', message: 'là bắt buộc' },
      { path: 'tasks[1].implementing.kind', message: 'chỉ dùng khi type là "descendants"' },
      { path: 'tasks[2].implementing.type', message: 'phải là một trong các giá trị: units, direct-subordinates, descendants' },
    ]);
  });

  it('checks unit code lists and descendant kinds', async () => {
    const plan = validPlan();
    const tasks = plan.tasks as Record<string, unknown>[];
    tasks[0].implementing = { type: 'units', unitCodes: [] };
    tasks[1].implementing = { type: 'units', unitCodes: ['HU-01', 7] };
    tasks[2].implementing = { type: 'descendants', kind: '' };
    expect(await fieldsOf(plan)).toEqual([
      { path: 'tasks[0].implementing.unitCodes', message: 'phải có ít nhất một phần tử' },
      { path: 'tasks[1].implementing.unitCodes', message: 'mỗi phần tử phải là một mã đơn vị' },
      { path: 'tasks[2].implementing.kind', message: 'không được để trống' },
    ]);
  });

  it('says what is wrong with wrongly shaped nested values', async () => {
    const plan = validPlan();
    plan.tasks = [1, { number: '2', title: 'x', timeline: 'y', implementing: 'units' }];
    plan.basis = 'Nghị quyết';
    const fields = await fieldsOf(plan);
    expect(fields).toEqual(
      expect.arrayContaining([
        { path: 'tasks[0]', message: 'phải là một đối tượng' },
        { path: 'tasks[1].implementing', message: 'phải là một đối tượng' },
        { path: 'basis', message: 'phải là một danh sách' },
      ]),
    );
  });

  it('requires at least one task', async () => {
    expect(await fieldsOf({ ...validPlan(), tasks: [] })).toEqual([{ path: 'tasks', message: 'kế hoạch phải có ít nhất một nhiệm vụ' }]);
  });

  it('says every required field is required for an empty body', async () => {
    const fields = await fieldsOf(undefined);
    expect(fields.map((f) => f.path).sort()).toEqual(['issueDate', 'symbol', 'tasks', 'title']);
    expect(new Set(fields.map((f) => f.message))).toEqual(new Set(['là bắt buộc']));
  });

  it('rejects an array where an object is expected', async () => {
    const fields = await fieldsOf([validPlan()]);
    expect(fields).toEqual([{ path: 'body', message: 'phải là một đối tượng' }]);
  });

  it('never lets an English default message through', async () => {
    const garbage = {
      symbol: 5,
      title: [],
      issuingUnitCode: '',
      issueDate: {},
      signer: 3,
      basis: [{ text: 1, planId: 2, x: 1 }, 'a'],
      parentAssignmentId: '',
      tasks: [
        { number: 1, title: 2, directingUnitCode: 3, leadUnitCode: '', coordinatingUnitCodes: [1, ''], implementing: { type: 1, unitCodes: 'a' }, timeline: [], parentAssignmentId: 4 },
        { implementing: { type: 'units', unitCodes: 'HU' } },
      ],
    };
    const fields = await fieldsOf(garbage);
    expect(fields.length).toBeGreaterThan(10);
    for (const field of fields) expect(field.message).not.toMatch(/must|should|property|nested/);
  });

  it('coerces and bounds paging and filters in query strings', async () => {
    const ok = await createValidationPipe().transform({ page: '2', pageSize: '50', status: 'done', dueBefore: '2024-12-31' }, query(InboxQueryDto));
    expect(ok).toMatchObject({ page: 2, pageSize: 50, status: 'done', dueBefore: '2024-12-31' });
    const fields = await fieldsOf({ page: '0', pageSize: '500', status: 'lost', dueAfter: 'yesterday', sort: 'x' }, query(InboxQueryDto));
    expect(fields).toHaveLength(5);
    expect(fields).toEqual(
      expect.arrayContaining([
        { path: 'page', message: 'phải lớn hơn hoặc bằng 1' },
        { path: 'pageSize', message: 'phải nhỏ hơn hoặc bằng 200' },
        { path: 'status', message: 'phải là một trong các giá trị: new, acknowledged, in_progress, done' },
        { path: 'dueAfter', message: expect.stringContaining('ISO 8601') },
        { path: 'sort', message: 'trường này không được phép' },
      ]),
    );
    expect(await fieldsOf({ page: 'abc' }, query(InboxQueryDto))).toContainEqual({ path: 'page', message: 'phải là số nguyên' });
  });

  it('checks deadline policies, extensions, calendars and their query strings, in Vietnamese', async () => {
    await expect(createValidationPipe().transform({ reminders: ['7d', '1d'], escalations: ['3d', '7d', '14d'] }, body(DeadlinePolicyDto))).resolves.toBeDefined();
    expect(await fieldsOf({ reminders: ['7 ngày'], escalations: ['1d', '2d', '3d', '4d'] }, body(DeadlinePolicyDto))).toEqual([
      { path: 'reminders', message: 'mỗi phần tử phải là thời lượng như 5s, 30m, 12h, 7d' },
      { path: 'escalations', message: 'không được nhiều quá 3 phần tử' },
    ]);
    expect(await fieldsOf({ newDueDate: '15/01/2027' }, body(RequestExtensionDto))).toEqual([
      { path: 'newDueDate', message: 'phải là ngày dạng YYYY-MM-DD' },
      { path: 'reason', message: 'là bắt buộc' },
    ]);
    expect(await fieldsOf({ approve: 'yes' }, body(DecideExtensionDto))).toEqual([{ path: 'approve', message: 'phải là true hoặc false' }]);
    expect(await fieldsOf({ overrides: [{ date: '2026-09-01', kind: 'holiday' }] }, body(CalendarOverridesDto))).toEqual([
      { path: 'overrides[0].kind', message: 'phải là một trong các giá trị: day-off, working-day' },
    ]);
    expect(await fieldsOf({ year: 'năm nay' }, { type: 'param', metatype: YearParamDto })).toContainEqual({ path: 'year', message: 'phải là số nguyên' });
    expect(await createValidationPipe().transform({ withinDays: '7', page: '1' }, query(UnitDeadlinesQueryDto))).toMatchObject({ withinDays: 7, page: 1 });
    expect(await fieldsOf({ withinDays: '0' }, query(UnitDeadlinesQueryDto))).toEqual([{ path: 'withinDays', message: 'phải lớn hơn hoặc bằng 1' }]);
  });
});
