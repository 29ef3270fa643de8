import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { LOCAL_ZONE } from '#timeline';
import { DIGEST_QUEUE, bullConnection } from '../delivery/delivery-queue.js';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from '../notifications.config.js';
import { DigestService } from './digest.service.js';

export const DIGEST_SCHEDULER_ID = 'daily-digest';
const RETRY_MS = 30_000;

/** `HH:MM` → the cron pattern BullMQ's job scheduler runs at (minute hour, every day). */
export function digestCron(time: string): string {
  const [hour, minute] = time.split(':').map(Number);
  return `${minute} ${hour} * * *`;
}

/**
 * Runs the digest every day at NOTIFICATIONS_DIGEST_TIME, Viet Nam time, through a BullMQ job
 * scheduler on `notifications-digest`: one scheduler id shared by every replica (upserting it again
 * is harmless), one job per day whichever replica takes it, and a day whose job fell due while the
 * service was down runs when it comes back (the job waits in Redis).
 */
@Injectable()
export class DigestScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('DigestScheduler');
  private queueConnection: Redis | null = null;
  private workerConnection: Redis | null = null;
  private queue: Queue | null = null;
  private worker: Worker | null = null;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly digest: DigestService,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.queueConnection = bullConnection(this.config.REDIS_URL, 'notifications-digest-queue', true);
    this.workerConnection = bullConnection(this.config.REDIS_URL, 'notifications-digest-worker');
    this.queue = new Queue(DIGEST_QUEUE, { connection: this.queueConnection, prefix: this.config.QUEUE_PREFIX });
    this.queue.on('error', () => undefined);
    this.worker = new Worker(DIGEST_QUEUE, () => this.digest.run(), {
      connection: this.workerConnection,
      prefix: this.config.QUEUE_PREFIX,
      concurrency: 1,
    });
    this.worker.on('error', (error) => this.logger.warn(`worker: ${error.message}`));
    // Not awaited: the service starts (and serves the inbox) even while Redis is away.
    void this.schedule();
  }

  private async schedule(): Promise<void> {
    try {
      await this.queue!.upsertJobScheduler(
        DIGEST_SCHEDULER_ID,
        { pattern: digestCron(this.config.NOTIFICATIONS_DIGEST_TIME), tz: LOCAL_ZONE },
        { name: DIGEST_SCHEDULER_ID, opts: { removeOnComplete: true, removeOnFail: 50 } },
      );
      this.logger.log(`daily digest at ${this.config.NOTIFICATIONS_DIGEST_TIME} (${LOCAL_ZONE})`);
    } catch (error) {
      this.logger.warn(`cannot schedule the digest yet (${(error as Error).message}); retrying`);
      this.retry = setTimeout(() => void this.schedule(), RETRY_MS);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.retry) clearTimeout(this.retry);
    await this.worker?.close().catch(() => undefined);
    await this.queue?.close().catch(() => undefined);
    await this.queueConnection?.quit().catch(() => undefined);
    await this.workerConnection?.quit().catch(() => undefined);
  }
}
