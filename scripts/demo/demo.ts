import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AssignmentPage, ImportUnitsResult, LoginResult, PlanView, UnitImportRow } from '#contracts';
import { ApiClient, REPO_ROOT, expectEventually } from '#testing';
import { seedPlan } from './seed-plan.js';

/**
 * The newcomer's tour, through the HTTP API only: load the real tree of 34 provinces and 3,321
 * communes, add Party cells under one province's communes, issue the seed plan at that province,
 * watch it land in every commune's inbox, cascade again from one commune to its cells, and see
 * a cell's progress from above.
 */
const BASE_URL = process.env.GATEWAY_URL ?? `http://127.0.0.1:${process.env.HTTP_PORT ?? 3000}`;
const PROVINCE = process.env.DEMO_PROVINCE ?? '01';
const CELLS_PER_COMMUNE = 3;
const DEMO_PASSWORD = 'demo-password-2025';
const say = (line: string) => console.log(`[demo] ${line}`);

const api = new ApiClient(BASE_URL);
await expectEventually(() => api.get('/health/ready'), { timeoutMs: 120_000, intervalMs: 500 });
await api.login(process.env.ADMIN_USERNAME ?? 'admin', process.env.ADMIN_PASSWORD ?? '');

const raw: { code: string; name: string; parent: string | null; level: string }[] = JSON.parse(
  readFileSync(join(REPO_ROOT, 'data', 'vn-admin-units-2025.json'), 'utf8'),
);
const realRows: UnitImportRow[] = raw.map((u) => ({ code: u.code, name: u.name, parentCode: u.parent ?? 'TW', kind: u.level }));
let started = Date.now();
const imported = await api.post<ImportUnitsResult>('/api/units/import', { rows: realRows });
say(`imported ${imported.total} real units (${imported.created} new, ${imported.updated} updated) in ${Date.now() - started} ms`);

const communes = realRows.filter((row) => row.parentCode === PROVINCE);
const cells: UnitImportRow[] = communes.flatMap((commune) =>
  Array.from({ length: CELLS_PER_COMMUNE }, (_, i) => ({
    code: `${commune.code}-CB${String(i + 1).padStart(2, '0')}`,
    name: `Chi bộ ${i + 1} ${commune.name}`,
    parentCode: commune.code,
    kind: 'chi_bo',
  })),
);
await api.post('/api/units/import', { rows: cells });
say(`added ${cells.length} Party cells under the ${communes.length} communes of province ${PROVINCE}`);

const commune = communes[0];
const cell = cells[0];
const users = [
  { username: 'demo.tinh', fullName: 'Văn phòng Tỉnh ủy', unitCode: PROVINCE, role: 'office' },
  { username: 'demo.xa', fullName: `Văn phòng Đảng ủy ${commune.name}`, unitCode: commune.code, role: 'office' },
  { username: 'demo.chibo', fullName: `Bí thư ${cell.name}`, unitCode: cell.code, role: 'secretary' },
];
for (const user of users) {
  const response = await api.raw('POST', '/api/users', { ...user, password: DEMO_PASSWORD });
  if (response.status >= 400 && response.status !== 409) throw new Error(JSON.stringify(response.body));
}
const as = async (username: string) =>
  api.as((await new ApiClient(BASE_URL).login(username, DEMO_PASSWORD) as LoginResult).accessToken);
const province = await as('demo.tinh');
const communeOffice = await as('demo.xa');
const secretary = await as('demo.chibo');

const today = new Date().toISOString().slice(0, 10);
const year = Number(today.slice(0, 4));
const draft = seedPlan(PROVINCE, year, today);
draft.symbol = `${Date.now() % 100000}-KH/TU`;
started = Date.now();
const plan = await province.post<PlanView>('/api/plans', draft);
await province.post(`/api/plans/${plan.id}/issue`);
const expected = communes.length * plan.tasks.filter((task) => task.implementing).length;
await expectEventually(async () => {
  const page = await province.get<AssignmentPage>('/api/assignments', { planId: plan.id, pageSize: 1 });
  if (page.total < expected) throw new Error(`${page.total}/${expected}`);
}, { timeoutMs: 120_000, intervalMs: 200 });
say(`plan ${draft.symbol} issued: ${expected} assignments in ${communes.length} commune inboxes after ${Date.now() - started} ms`);

const inbox = await communeOffice.get<AssignmentPage>('/api/inbox', { pageSize: 50 });
const quarterTask = inbox.items.find((a) => a.plan.id === plan.id && a.task.number === '3')!;
say(`${commune.name} inbox: ${inbox.total} assignments; task 3 due ${quarterTask.dueAt}`);
const childPlan = await communeOffice.post<PlanView>('/api/plans', {
  symbol: `${Date.now() % 100000}-KH/ĐU`,
  title: `Kế hoạch của Đảng ủy ${commune.name} thực hiện Kế hoạch ${draft.symbol}`,
  issueDate: today,
  basis: [{ text: `Kế hoạch số ${draft.symbol} của Ban Thường vụ Tỉnh ủy`, planId: plan.id }],
  parentAssignmentId: quarterTask.id,
  tasks: [{ number: '1', title: 'Rà soát, bổ sung chuẩn mực đạo đức tại chi bộ', implementing: { type: 'direct-subordinates' }, timeline: `trước ngày 15/12/${year}` }],
});
await communeOffice.post(`/api/plans/${childPlan.id}/issue`);
const cellTask = await expectEventually(async () => {
  const page = await secretary.get<AssignmentPage>('/api/inbox');
  const found = page.items.find((a) => a.plan.id === childPlan.id);
  if (!found) throw new Error('not yet');
  return found;
});
say(`${cell.name} received "${cellTask.task.title}" due ${cellTask.dueAt}`);
await secretary.post(`/api/assignments/${cellTask.id}/status`, { status: 'done', resultNote: 'Đã rà soát, bổ sung chuẩn mực tại chi bộ' });
const seenAbove = await province.get<AssignmentPage>('/api/assignments', { planId: childPlan.id, unitCode: cell.code });
say(`the province sees ${cell.code}: ${seenAbove.items[0]?.status} — "${seenAbove.items[0]?.resultNote}"`);
say(`done. API docs: ${BASE_URL}/api/docs — log in as demo.tinh / demo.xa / demo.chibo with password ${DEMO_PASSWORD}`);
