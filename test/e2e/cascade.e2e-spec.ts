import type { AssignmentPage, AssignmentView, PlanView } from '#contracts';
import { expectEventually, type ApiClient } from '#testing';
import { startSystem, type TestSystem } from '#testing';
import { userClient } from './support/users.js';
import { threeLevelTree } from './support/tree.js';

/**
 * The spine end to end, through HTTP only, with every service a real process: a province plan
 * reaches every cell, a district cascades it further, a cell finishes, the upper units see it,
 * and no unit sees what its place in the tree does not allow.
 */
describe('cascade through a 3-level tree', () => {
  let system: TestSystem;
  let province: ApiClient;
  let district1: ApiClient;
  let cell11: ApiClient;
  let cell12: ApiClient;
  let provincePlan: PlanView;

  beforeAll(async () => {
    system = await startSystem();
    const imported = await system.api.post<{ created: number }>('/api/units/import', { rows: threeLevelTree() });
    expect(imported.created).toBe(34);
    province = await userClient(system, 'EP', 'office', 'tinh.vp');
    district1 = await userClient(system, 'ED1', 'office', 'huyen1.vp');
    cell11 = await userClient(system, 'ED1C1', 'secretary', 'chibo11.bt');
    cell12 = await userClient(system, 'ED1C2', 'secretary', 'chibo12.bt');
  }, 120_000);

  afterAll(() => system?.stop(), 60_000);

  it('issues a provincial plan: one assignment per (task, unit), in each inbox, with its deadline', async () => {
    provincePlan = await province.post<PlanView>('/api/plans', {
      symbol: '301-KH/TU',
      title: 'Kế hoạch thực hiện Quy định số 144-QĐ/TW',
      issueDate: '2026-11-20',
      tasks: [
        { number: '1', title: 'Cụ thể hóa kế hoạch ở cấp huyện', implementing: { type: 'direct-subordinates' }, timeline: 'Hoàn thành trong quý IV/2026' },
        { number: '2', title: 'Quán triệt đến đảng viên', implementing: { type: 'descendants', kind: 'chi_bo' }, timeline: 'trước ngày 25/12/2026' },
      ],
    });
    expect(provincePlan.status).toBe('draft');
    await province.post(`/api/plans/${provincePlan.id}/issue`);

    const all = await expectEventually(async () => {
      const page = await province.get<AssignmentPage>('/api/assignments', { planId: provincePlan.id, pageSize: 200 });
      expect(page.total).toBe(33);
      return page;
    });
    const perTask = (n: string) => all.items.filter((a) => a.task.number === n);
    expect(perTask('1').map((a) => a.unit.code).sort()).toEqual(['ED1', 'ED2', 'ED3']);
    expect(new Set(perTask('2').map((a) => a.unit.code)).size).toBe(30);
    expect(perTask('2').every((a) => a.dueAt === '2026-12-24T16:59:59.999Z')).toBe(true);
    expect(perTask('1').every((a) => a.dueAt === '2026-12-31T16:59:59.999Z')).toBe(true);

    const inbox = await cell11.get<AssignmentPage>('/api/inbox');
    expect(inbox.items.map((a) => [a.plan.symbol, a.task.number, a.status])).toEqual([['301-KH/TU', '2', 'new']]);
  });

  it('keeps an issued plan frozen', async () => {
    const again = await province.raw('POST', `/api/plans/${provincePlan.id}/issue`);
    expect(again.status).toBe(409);
    const edit = await province.raw('PUT', `/api/plans/${provincePlan.id}`, { ...provincePlan, id: undefined });
    expect([400, 409]).toContain(edit.status);
  });

  it('cascades again from a district, refusing a deadline later than its parent', async () => {
    const received = (await district1.get<AssignmentPage>('/api/inbox')).items[0];
    expect(received.task.number).toBe('1');
    const childPlan = {
      symbol: '12-KH/HU',
      title: 'Kế hoạch của Huyện ủy 1 thực hiện Kế hoạch 301-KH/TU',
      issueDate: '2026-11-21',
      basis: [{ text: 'Kế hoạch số 301-KH/TU của Ban Thường vụ Tỉnh ủy', planId: provincePlan.id }],
      parentAssignmentId: received.id,
      tasks: [{ number: '1', title: 'Tổ chức quán triệt tại chi bộ', implementing: { type: 'direct-subordinates' }, timeline: 'tháng 01/2027' }],
    };
    const late = await district1.raw('POST', '/api/plans', childPlan);
    expect(late.status).toBe(400);
    expect(late.body.fields).toEqual([expect.objectContaining({ path: 'tasks[0].timeline', message: expect.stringContaining('31/12/2026') })]);

    childPlan.tasks[0].timeline = 'trước ngày 15/12/2026';
    const plan = await district1.post<PlanView>('/api/plans', childPlan);
    await district1.post(`/api/plans/${plan.id}/issue`);

    const cellAssignment = await expectEventually(async () => {
      const found = (await cell11.get<AssignmentPage>('/api/inbox')).items.find((a) => a.plan.id === plan.id);
      expect(found).toBeDefined();
      return found!;
    });
    expect(cellAssignment.parentAssignmentId).toBe(received.id);
    const districtView = await district1.get<AssignmentPage>('/api/assignments', { planId: plan.id });
    expect(districtView.total).toBe(10);
    // Issuing its implementing plan means the district has started on what it received.
    await expectEventually(async () => expect((await district1.get<AssignmentView>(`/api/assignments/${received.id}`)).status).toBe('in_progress'));
  });

  it('lets a cell finish; the district and the province see it; a sibling cannot', async () => {
    const mine = (await cell11.get<AssignmentPage>('/api/inbox', { status: 'new' })).items[0];
    await cell11.post(`/api/assignments/${mine.id}/status`, { status: 'acknowledged' });
    const done = await cell11.post<AssignmentView>(`/api/assignments/${mine.id}/status`, { status: 'done', resultNote: 'Đã quán triệt cho 100% đảng viên' });
    expect(done.status).toBe('done');

    for (const upper of [district1, province]) {
      const seen = await upper.get<AssignmentView>(`/api/assignments/${mine.id}`);
      expect([seen.status, seen.resultNote]).toEqual(['done', 'Đã quán triệt cho 100% đảng viên']);
    }
    const sibling = await cell12.raw('GET', `/api/assignments/${mine.id}`);
    expect(sibling.status).toBe(404);
    const siblingUpdate = await cell12.raw('POST', `/api/assignments/${mine.id}/status`, { status: 'in_progress' });
    expect(siblingUpdate.status).toBe(404);
    // The district watches its cells but does not report for them.
    const upperUpdate = await district1.raw('POST', `/api/assignments/${mine.id}/status`, { status: 'in_progress' });
    expect(upperUpdate.status).toBe(403);
    // Nor can a cell read the province's plan; a malformed id names nothing either.
    expect((await cell11.raw('GET', `/api/plans/${provincePlan.id}`)).status).toBe(404);
    expect((await province.raw('GET', '/api/plans/not-a-uuid')).status).toBe(404);
    expect((await province.raw('GET', '/api/assignments/not-a-uuid')).status).toBe(404);
  });
});
