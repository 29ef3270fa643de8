import { randomUUID } from 'node:crypto';
import { AckPolicy, jetstream } from '@nats-io/jetstream';
import { EventSubjects, type UnitsUpsertedEvent } from '#contracts';
import { EventConsumer, OutboxRelay, connectNats, ensureEventStream } from '#messaging';
import { appendToOutbox, createOutboxAndInboxTables, createServiceDataSource } from '#persistence';
import { createTestDatabase, startNatsServer } from '#testing';
import { timed, until } from '../support/measure.js';
import { figure, type ScenarioResult } from '../support/result.js';

/**
 * Scenario 4: N events through our whole path (outbox insert in the producer's transactions →
 * relay → JetStream with Nats-Msg-Id → durable consumer → inbox row in the consumer's
 * transaction → ack) against raw JetStream in the same run (publish, consume, ack; no database).
 * Goal: ≤ 3×.
 */
export async function eventPathScenario(size: 'small' | 'full'): Promise<ScenarioResult> {
  const n = size === 'small' ? 20_000 : 100_000;
  const [db, nats] = await Promise.all([createTestDatabase('bench'), startNatsServer()]);
  const dataSource = await createServiceDataSource({ url: db.url, schema: 'bench', poolSize: 10 }).initialize();
  const nc = await connectNats(nats.url, 'bench');
  try {
    await dataSource.query('CREATE SCHEMA bench');
    const runner = dataSource.createQueryRunner();
    await createOutboxAndInboxTables(runner);
    await runner.release();

    // Raw JetStream: publish n (1,000 in flight), consume and ack all.
    const raw = await timed(async () => {
      const jsm = await ensureEventStream(nc, 'BENCH_RAW');
      await jsm.consumers.add('BENCH_RAW', { durable_name: 'raw', ack_policy: AckPolicy.Explicit, max_ack_pending: 1000 });
      const js = jetstream(nc);
      let received = 0;
      const consumer = await js.consumers.get('BENCH_RAW', 'raw');
      const messages = await consumer.consume({ max_messages: 100, callback: (m) => {
        m.ack();
        received++;
      } });
      for (let i = 0; i < n; i += 1000) {
        await Promise.all(Array.from({ length: Math.min(1000, n - i) }, (_, j) => js.publish('directory.units.upserted', payload(i + j), { msgID: randomUUID() })));
      }
      await until(async () => received >= n, 600_000);
      await messages.close();
    });
    await (await ensureEventStream(nc, 'BENCH_RAW')).streams.delete('BENCH_RAW');

    // Ours: producers commit 1,000 events per transaction while the relay and consumer run.
    const jsm = await ensureEventStream(nc, 'BENCH_OURS');
    const relay = new OutboxRelay(dataSource, jetstream(nc));
    const consumer = new EventConsumer(nc, jsm, 'BENCH_OURS', dataSource, {
      durable: 'bench-ours',
      subject: EventSubjects.unitsUpserted,
      handle: async () => undefined,
    }, () => relay.nudge());
    await consumer.start();
    relay.start();
    const ours = await timed(async () => {
      for (let i = 0; i < n; i += 1000) {
        const batch = Array.from({ length: Math.min(1000, n - i) }, (_, j) => event(i + j));
        await dataSource.transaction((manager) => appendToOutbox(manager, EventSubjects.unitsUpserted, batch, { correlationId: randomUUID() }));
        relay.nudge();
      }
      await until(async () => (await dataSource.query('SELECT count(*)::int AS n FROM inbox'))[0].n >= n, 900_000, 20);
    });
    await consumer.stop();
    await relay.stop();
    return {
      scenario: 'event-path',
      size,
      figures: [
        figure(`${n} events outbox → JetStream → inbox`, ours.ms, 'ms', { name: 'raw JetStream publish+consume', value: raw.ms }, { text: '≤ 3×', met: (r) => r <= 3 }),
        figure('throughput (ours)', (n / ours.ms) * 1000, 'events/s'),
      ],
    };
  } finally {
    await nc.close();
    await dataSource.destroy();
    await nats.destroy();
    await db.drop();
  }
}

const event = (i: number): UnitsUpsertedEvent => ({ directoryVersion: i, chunk: 1, chunkCount: 1, units: [] });
const payload = (i: number) => JSON.stringify({ id: randomUUID(), type: 'directory.units.upserted', version: 1, data: event(i) });
