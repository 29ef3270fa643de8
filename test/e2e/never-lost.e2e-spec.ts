import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import type { AssignmentPage, PlanView } from '#contracts';
import { expectEventually } from '#testing';
import { startSystem, type TestSystem } from '#testing';
import { threeLevelTree } from './support/tree.js';

/**
 * Events are never lost and never applied twice: a plan issued while the assignments service is
 * down cascades when it comes back, exactly once; a redelivered event creates nothing.
 */
describe('events survive a stopped consumer and redelivery', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startSystem();
    await system.api.post('/api/units/import', { rows: threeLevelTree('N') });
  }, 120_000);

  afterAll(() => system?.stop(), 60_000);

  const countAssignments = async (planId: string) =>
    (await system.api.get<AssignmentPage>('/api/assignments', { planId, pageSize: 1 })).total;

  it('issues while assignments is stopped; every assignment appears exactly once after restart', async () => {
    await system.processes.assignments.stop();
    const plan = await system.api.post<PlanView>('/api/plans', {
      symbol: '7-KH/TU',
      title: 'Kế hoạch phát hành khi dịch vụ giao việc dừng',
      issuingUnitCode: 'NP',
      issueDate: '2026-11-21',
      tasks: [{ number: '1', title: 'Thực hiện', implementing: { type: 'descendants', kind: 'chi_bo' }, timeline: 'Thường xuyên' }],
    });
    const issued = await system.api.post<PlanView>(`/api/plans/${plan.id}/issue`);
    expect(issued.status).toBe('issued');
    expect((await system.api.raw('GET', '/api/assignments', undefined)).status).toBe(503);

    await system.processes.assignments.start();
    await expectEventually(async () => expect(await countAssignments(plan.id)).toBe(30), { timeoutMs: 30_000 });

    const rows = await query<{ n: number; distinct_units: number }>(
      'SELECT count(*)::int AS n, count(DISTINCT unit_id)::int AS distinct_units FROM assignments.assignments WHERE plan_id = $1',
      [plan.id],
    );
    expect(rows[0]).toEqual({ n: 30, distinct_units: 30 });
  });

  it('ignores the same event published again (as a redelivery past the dedupe window would be)', async () => {
    const [{ id: planId }] = await query<{ id: string }>(`SELECT id FROM plans.plans WHERE symbol = '7-KH/TU'`);
    const [{ envelope }] = await query<{ envelope: unknown }>(
      `SELECT envelope FROM plans.outbox WHERE subject = 'plans.plan.issued' AND envelope->'data'->'plan'->>'id' = $1`,
      [planId],
    );
    const nc = await connect({ servers: system.nats.url });
    try {
      // A different Nats-Msg-Id: the broker cannot de-duplicate, only the consumer's inbox can.
      await jetstream(nc).publish('plans.plan.issued', JSON.stringify(envelope), { msgID: `replay-${Date.now()}` });
      const jsm = await jetstreamManager(nc);
      await expectEventually(async () => {
        const info = await jsm.consumers.info(system.env.NATS_STREAM, 'assignments-plan-issued');
        expect([info.num_pending, info.num_ack_pending]).toEqual([0, 0]);
      });
    } finally {
      await nc.close();
    }
    expect(await countAssignments(planId)).toBe(30);
    const outboxEvents = await query<{ n: number }>(
      `SELECT count(*)::int AS n FROM assignments.outbox WHERE subject = 'assignments.assignments.created' AND envelope->'data'->>'planId' = $1`,
      [planId],
    );
    expect(outboxEvents[0].n).toBe(1);
  });

  async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new pg.Client({ connectionString: system.db.url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }
});
