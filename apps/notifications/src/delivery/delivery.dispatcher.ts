import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from '../notifications.config.js';
import { DeliveryQueue } from './delivery-queue.js';
import { DeliveryStore } from './delivery-store.js';

const DISPATCH_BATCH = 1000;
const IDLE_MS = 250;
const ERROR_BACKOFF_MS = 2000;
const SWEEP_PAGE = 500;

/**
 * Postgres is the truth, Redis the conveyor belt. Two loops, in every copy of the service:
 *
 * - dispatch: deliveries committed by the event consumers (or resent) are handed to the BullMQ
 *   queue, like the outbox relay hands events to NATS: locked `SKIP LOCKED`, added with job id =
 *   delivery id, marked handed over. Woken by `nudge()`, polls every 250 ms otherwise.
 * - sweep (NOTIFICATIONS_SWEEP_INTERVAL_MS): deliveries a dead process left `sending` go back to
 *   `retrying`; and if Redis holds fewer open jobs than Postgres has open deliveries (Redis
 *   restarted without its data, or was flushed), every open delivery whose job is gone is handed
 *   over again. Nothing waits in `queued` or `retrying` forever.
 */
@Injectable()
export class DeliveryDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('DeliveryDispatcher');
  private readonly store: DeliveryStore;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private sweeping: Promise<unknown> | null = null;

  constructor(
    dataSource: DataSource,
    private readonly queue: DeliveryQueue,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {
    this.store = new DeliveryStore(dataSource);
  }

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
    this.sweepTimer = setInterval(() => {
      if (this.sweeping) return;
      this.sweeping = this.sweep()
        .catch((error: Error) => this.logger.warn(`sweep failed: ${error.message}`))
        .finally(() => (this.sweeping = null));
    }, this.config.NOTIFICATIONS_SWEEP_INTERVAL_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.nudge();
    await this.loop;
    await this.sweeping;
  }

  /** Deliveries were just committed or resent: hand them over now rather than at the next poll. */
  nudge(): void {
    this.wake?.();
  }

  dispatchOnce(): Promise<number> {
    return this.store.dispatch(DISPATCH_BATCH, (ids) => this.queue.add(ids));
  }

  /** One sweep; returns how many deliveries it put back. Public for tests and the CLI. */
  async sweep(): Promise<{ released: number; requeued: number }> {
    const released = await this.store.releaseStale();
    let requeued = 0;
    const [open, jobs] = await Promise.all([this.store.openCount(), this.queue.openJobCount()]);
    if (jobs < open) {
      // Only rows handed over a while ago: a job added a moment ago may still be on its way.
      const settledMs = Math.min(this.config.NOTIFICATIONS_SWEEP_INTERVAL_MS, 30_000);
      let after = '00000000-0000-0000-0000-000000000000';
      for (;;) {
        const ids = await this.store.handedOver(settledMs, after, SWEEP_PAGE);
        if (ids.length === 0) break;
        requeued += await this.store.requeue(await this.queue.missing(ids));
        after = ids[ids.length - 1]!;
      }
    }
    if (released + requeued > 0) {
      this.logger.warn(`sweep: ${released} abandoned attempts released, ${requeued} deliveries whose job Redis lost queued again`);
      this.nudge();
    }
    return { released, requeued };
  }

  private async run(): Promise<void> {
    while (this.running) {
      let handed = 0;
      try {
        handed = await this.dispatchOnce();
      } catch (error) {
        this.logger.warn(`hand-over to the queue failed, will retry: ${(error as Error).message}`);
        await this.sleep(ERROR_BACKOFF_MS);
        continue;
      }
      if (handed < DISPATCH_BATCH) await this.sleep(IDLE_MS);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}
