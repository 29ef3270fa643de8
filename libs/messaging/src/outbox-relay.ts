import { Logger } from '@nestjs/common';
import type { JetStreamClient } from '@nats-io/jetstream';
import type { DataSource } from 'typeorm';

interface OutboxRow {
  id: string;
  subject: string;
  /** The envelope as JSON text: sent as stored, never parsed and serialised again in Node. */
  envelope: string;
}

/**
 * Publishes committed outbox rows to JetStream with `Nats-Msg-Id` = row id (so a publish repeated
 * after a crash is dropped by the broker), then marks them published, all under a row lock
 * (`SKIP LOCKED`) so several replicas share the work. If NATS is down the transaction rolls back
 * and the rows are retried: nothing is lost, nothing is published twice within the dedupe window.
 */
export class OutboxRelay {
  private readonly logger = new Logger('OutboxRelay');
  private running = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly js: JetStreamClient,
    private readonly options = { batchSize: 500, idleMs: 250, errorBackoffMs: 1000 },
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.nudge();
    await this.loop;
  }

  /** Called after a commit that wrote events, so they go out now rather than at the next poll. */
  nudge(): void {
    this.wake?.();
  }

  /** Publishes one batch; returns how many rows it published. */
  async drainOnce(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, subject, envelope::text AS envelope FROM outbox WHERE published_at IS NULL
         ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.options.batchSize],
      );
      if (rows.length === 0) return 0;
      await Promise.all(rows.map((row) => this.js.publish(row.subject, row.envelope, { msgID: row.id })));
      await manager.query('UPDATE outbox SET published_at = now() WHERE id = ANY($1::uuid[])', [rows.map((r) => r.id)]);
      return rows.length;
    });
  }

  private async run(): Promise<void> {
    while (this.running) {
      let published = 0;
      try {
        published = await this.drainOnce();
      } catch (error) {
        this.logger.warn(`publish failed, will retry: ${(error as Error).message}`);
        await this.sleep(this.options.errorBackoffMs);
        continue;
      }
      if (published < this.options.batchSize) await this.sleep(this.options.idleMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done() {
        clearTimeout(timer);
        self.wake = null;
        resolve();
      }
      this.wake = done;
    });
  }
}
