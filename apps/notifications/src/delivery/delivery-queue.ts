import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Queue, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from '../notifications.config.js';

/** Queue names `<service>-<purpose>`: PERMANENT once released (jobs in Redis carry them). */
export const DELIVERY_QUEUE = 'notifications-delivery';
export const DIGEST_QUEUE = 'notifications-digest';

/** Jobs carry the delivery id only; the worker reads everything else from Postgres. */
export interface DeliveryJob {
  deliveryId: string;
}

/** The custom backoff type; its strategy is the worker's `settings.backoffStrategy` (backoff.policy.ts). */
export const BACKOFF_TYPE = 'capped-exponential';

/**
 * A BullMQ connection. A worker's commands wait through a Redis restart (BullMQ requires that); a
 * producer's fail fast (`failFast`), so the dispatcher releases its row locks and retries later
 * instead of holding a transaction open for the length of an outage.
 */
export function bullConnection(url: string, name: string, failFast = false): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: failFast ? 1 : null, connectionName: name });
  let reported = false;
  redis.on('error', (error) => {
    if (!reported) new Logger(name).warn(`Redis unreachable: ${error.message}`);
    reported = true;
  });
  redis.on('ready', () => (reported = false));
  return redis;
}

/**
 * The delivery queue. The job id is the delivery id, so adding a delivery that is already queued
 * does nothing; finished jobs are removed (the delivery log in Postgres is the record), so a failed
 * delivery can be queued again under the same id when it is resent.
 */
@Injectable()
export class DeliveryQueue implements OnApplicationShutdown {
  private readonly connection: Redis;
  readonly queue: Queue<DeliveryJob>;

  constructor(@Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig) {
    this.connection = bullConnection(config.REDIS_URL, 'notifications-queue', true);
    this.queue = new Queue<DeliveryJob>(DELIVERY_QUEUE, { connection: this.connection, prefix: config.QUEUE_PREFIX });
    this.queue.on('error', () => undefined); // reported once by the connection
  }

  jobOptions(deliveryId: string): JobsOptions {
    return {
      jobId: deliveryId,
      attempts: this.config.NOTIFICATIONS_DELIVERY_ATTEMPTS,
      backoff: { type: BACKOFF_TYPE },
      removeOnComplete: true,
      removeOnFail: true,
    };
  }

  async add(deliveryIds: string[]): Promise<void> {
    if (deliveryIds.length === 0) return;
    await this.queue.addBulk(deliveryIds.map((deliveryId) => ({ name: 'deliver', data: { deliveryId }, opts: this.jobOptions(deliveryId) })));
  }

  /** Jobs Redis holds that are not finished: what should match the open deliveries in Postgres. */
  async openJobCount(): Promise<number> {
    const counts = await this.queue.getJobCounts('waiting', 'delayed', 'active', 'prioritized', 'waiting-children');
    return Object.values(counts).reduce((sum, n) => sum + n, 0);
  }

  /** Ids among `deliveryIds` whose job Redis no longer has (or holds only as finished). */
  async missing(deliveryIds: string[]): Promise<string[]> {
    const states = await Promise.all(deliveryIds.map((id) => this.queue.getJobState(id)));
    return deliveryIds.filter((_id, i) => ['unknown', 'completed', 'failed'].includes(states[i]!));
  }

  /** Best effort before a resend: a leftover failed job with this id would swallow the new one. */
  async discard(deliveryIds: string[]): Promise<void> {
    await Promise.all(deliveryIds.map((id) => this.queue.remove(id).catch(() => 0)));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close().catch(() => undefined);
    await this.connection.quit().catch(() => undefined);
  }
}
