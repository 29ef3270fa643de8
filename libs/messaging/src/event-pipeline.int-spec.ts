import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { EventSubjects, type UnitsUpsertedEvent } from '#contracts';
import { appendToOutbox, createOutboxAndInboxTables, createServiceDataSource } from '#persistence';
import { createTestDatabase, expectEventually, startNatsServer, type TestDatabase, type TestNatsServer } from '#testing';
import { EventConsumer } from './event-consumer.js';
import { connectNats, ensureEventStream } from './event-stream.js';
import { OutboxRelay } from './outbox-relay.js';
import { RetryLater } from './retry-later.js';

/**
 * The event path on real Postgres and a real (private) NATS with JetStream: outbox → relay →
 * stream → durable consumer → inbox, through a broker restart and duplicate publishes.
 */
describe('outbox → JetStream → inbox', () => {
  let db: TestDatabase;
  let nats: TestNatsServer;
  let dataSource: DataSource;
  let nc: NatsConnection;
  const stream = `PIPE_${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    [db, nats] = await Promise.all([createTestDatabase('pipeline'), startNatsServer()]);
    dataSource = await createServiceDataSource({ url: db.url, schema: 'pipeline' }).initialize();
    await dataSource.query('CREATE SCHEMA pipeline');
    const runner = dataSource.createQueryRunner();
    await createOutboxAndInboxTables(runner);
    await runner.release();
    await dataSource.query('CREATE TABLE effects (event_id uuid, units int)');
    nc = await connectNats(nats.url, 'pipeline-test');
  }, 60_000);

  afterAll(async () => {
    await nc?.close();
    await dataSource?.destroy();
    await nats?.destroy();
    await db?.drop();
  });

  // Whatever a test starts is stopped even when it fails, so no consumer outlives its test.
  const running: { stop(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const item of running.splice(0).reverse()) await item.stop();
  });
  // Messages in flight when the broker stops come back after the consumer's ack wait (30 s).
  const AFTER_ACK_WAIT = { timeoutMs: 45_000 };

  const event = (n: number): UnitsUpsertedEvent => ({ directoryVersion: n, chunk: 0, chunkCount: 1, units: [] });

  async function writeEvents(count: number, from = 0) {
    await dataSource.transaction((manager) =>
      appendToOutbox(manager, EventSubjects.unitsUpserted, Array.from({ length: count }, (_, i) => event(from + i)), {
        correlationId: randomUUID(),
      }),
    );
  }

  it('delivers every committed event exactly once, across a broker restart and duplicate publishes', async () => {
    const jsm = await ensureEventStream(nc, stream);
    const relay = new OutboxRelay(dataSource, jetstream(nc), { batchSize: 50, idleMs: 50, errorBackoffMs: 100 });
    let attempts = 0;
    const consumer = new EventConsumer(nc, jsm, stream, dataSource, {
      durable: 'pipeline-test',
      subject: EventSubjects.unitsUpserted,
      handle: async (envelope, manager) => {
        attempts++;
        await manager.query('INSERT INTO effects VALUES ($1, $2)', [envelope.id, envelope.data.directoryVersion]);
      },
    });
    running.push(relay, consumer);
    await consumer.start();
    relay.start();

    await writeEvents(120);
    await nats.stop();
    await writeEvents(80, 120); // committed while the broker is down: they wait in the outbox
    await nats.start();

    await expectEventually(
      async () => {
        const [{ n }] = await dataSource.query('SELECT count(*)::int AS n FROM effects');
        expect(n).toBe(200);
      },
      AFTER_ACK_WAIT,
    );
    // Publish every event again under new message ids: only the inbox can stop these.
    const rows: { envelope: unknown }[] = await dataSource.query('SELECT envelope FROM outbox');
    const js = jetstream(nc);
    await Promise.all(rows.map((row, i) => js.publish(EventSubjects.unitsUpserted, JSON.stringify(row.envelope), { msgID: `dup-${i}` })));
    await expectEventually(async () => {
      const info = await jsm.consumers.info(stream, 'pipeline-test');
      expect([info.num_pending, info.num_ack_pending]).toEqual([0, 0]);
    }, AFTER_ACK_WAIT);
    const [stats] = await dataSource.query('SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS distinct FROM effects');
    expect(stats).toEqual({ n: 200, distinct: 200 });
    const [{ unpublished }] = await dataSource.query('SELECT count(*)::int AS unpublished FROM outbox WHERE published_at IS NULL');
    expect(unpublished).toBe(0);
    expect(attempts).toBe(200);
  }, 120_000);

  it('redelivers an event whose handler asks to retry later, and rolls back its partial effect', async () => {
    const jsm = await ensureEventStream(nc, stream);
    let calls = 0;
    const consumer = new EventConsumer(nc, jsm, stream, dataSource, {
      durable: 'pipeline-retry',
      subject: EventSubjects.unitsUpserted,
      handle: async (envelope, manager) => {
        if (envelope.data.directoryVersion !== 999) return;
        calls++;
        await manager.query('INSERT INTO effects VALUES ($1, -1)', [envelope.id]);
        if (calls < 3) throw new RetryLater('not yet', 50);
      },
    });
    await consumer.start();
    const relay = new OutboxRelay(dataSource, jetstream(nc), { batchSize: 50, idleMs: 50, errorBackoffMs: 100 });
    running.push(consumer, relay);
    relay.start();
    await writeEvents(1, 999);
    await expectEventually(async () => {
      const [{ n }] = await dataSource.query('SELECT count(*)::int AS n FROM effects WHERE units = -1');
      expect(n).toBe(1);
    });
    expect(calls).toBe(3);
  }, 60_000);

  it('applies a burst in batches; one failing event rolls back only itself, the rest commit once', async () => {
    const jsm = await ensureEventStream(nc, stream);
    await dataSource.query('DELETE FROM effects');
    let failuresLeft = 2;
    const consumer = new EventConsumer(nc, jsm, stream, dataSource, {
      durable: 'pipeline-burst',
      subject: EventSubjects.unitsUpserted,
      handle: async (envelope, manager) => {
        const n = envelope.data.directoryVersion;
        if (n < 5000) return; // events of the earlier tests
        await manager.query('INSERT INTO effects VALUES ($1, $2)', [envelope.id, n]);
        if (n === 5050 && failuresLeft-- > 0) throw new Error('a transient failure');
      },
    });
    const relay = new OutboxRelay(dataSource, jetstream(nc), { batchSize: 500, idleMs: 50, errorBackoffMs: 100 });
    running.push(consumer, relay);
    await writeEvents(300, 5000); // committed before the consumer starts: it finds them queued
    relay.start();
    await expectEventually(async () => {
      const [{ published }] = await dataSource.query('SELECT count(*)::int AS published FROM outbox WHERE published_at IS NULL');
      expect(published).toBe(0);
    });
    await consumer.start();
    await expectEventually(
      async () => {
        const [stats] = await dataSource.query('SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS distinct FROM effects');
        expect(stats).toEqual({ n: 300, distinct: 300 });
      },
      { timeoutMs: 30_000 },
    );
    expect(failuresLeft).toBeLessThanOrEqual(0);
  }, 60_000);
});
