import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from '../notifications.config.js';
import { backoffDelay } from './backoff.policy.js';
import { DELIVERY_QUEUE, bullConnection, type DeliveryJob } from './delivery-queue.js';
import { DeliveryStore, type ClaimedDelivery } from './delivery-store.js';
import { EmailSender } from './email.sender.js';
import { PermanentDeliveryError, judgeFailure } from './failure.policy.js';
import { WebhookAddressPolicy } from '../webhooks/webhook-addresses.js';
import { sendWebhook } from './webhook.sender.js';

/**
 * The BullMQ worker of `notifications-delivery`: claims the delivery in Postgres (counting the
 * attempt), sends it, and records the outcome in the delivery log. A temporary failure is rethrown
 * so BullMQ retries it after the capped exponential backoff; a permanent one (or the last attempt)
 * marks the delivery `failed` and stops. Each copy of the service runs one worker; BullMQ spreads
 * jobs across them.
 */
@Injectable()
export class DeliveryProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Delivery');
  private readonly store: DeliveryStore;
  private worker: Worker<DeliveryJob> | null = null;
  private connection: Redis | null = null;
  /** Per channel: the last attempt failed for a temporary reason (one log line per outage, not per attempt). */
  private readonly down = new Set<string>();

  constructor(
    dataSource: DataSource,
    private readonly email: EmailSender,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
    private readonly addresses: WebhookAddressPolicy,
  ) {
    this.store = new DeliveryStore(dataSource);
  }

  onApplicationBootstrap(): void {
    const { NOTIFICATIONS_BACKOFF_BASE_MS: base, NOTIFICATIONS_BACKOFF_MAX_MS: max } = this.config;
    this.connection = bullConnection(this.config.REDIS_URL, 'notifications-worker');
    this.worker = new Worker<DeliveryJob>(DELIVERY_QUEUE, (job) => this.process(job), {
      connection: this.connection,
      prefix: this.config.QUEUE_PREFIX,
      concurrency: this.config.NOTIFICATIONS_CONCURRENCY,
      settings: { backoffStrategy: (attemptsMade: number) => backoffDelay(attemptsMade, base, max) },
    });
    this.worker.on('error', (error) => this.logger.warn(`worker: ${error.message}`));
  }

  async beforeApplicationShutdown(): Promise<void> {
    // Lets running attempts finish (and record their outcome) before the datasource closes.
    await this.worker?.close().catch(() => undefined);
    await this.connection?.quit().catch(() => undefined);
  }

  async process(job: Job<DeliveryJob>): Promise<void> {
    const delivery = await this.store.claim(job.data.deliveryId);
    if (!delivery) return;
    try {
      await this.send(delivery);
    } catch (error) {
      const verdict = judgeFailure(error);
      const final = verdict.permanent || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      await this.store.markFailed(delivery, verdict.reason, final);
      const line = `${delivery.channel} ${delivery.id} attempt ${delivery.attempt} failed${final ? ' for good' : ', will retry'}: ${verdict.reason}`;
      if (final) this.logger.warn(line);
      else if (!verdict.permanent && delivery.channel === 'email' && !this.down.has('email')) {
        this.down.add('email');
        this.logger.warn(`SMTP unreachable (${verdict.reason}): e-mails wait and are retried; the delivery log has every attempt`);
      } else this.logger.debug(line);
      throw verdict.permanent ? new UnrecoverableError(verdict.reason) : error;
    }
    await this.store.markSent(delivery);
    if (delivery.channel === 'email' && this.down.delete('email')) this.logger.log('SMTP reachable again: sending waiting e-mails');
    this.logger.debug(`${delivery.channel} ${delivery.id} sent (attempt ${delivery.attempt})`);
  }

  private async send(delivery: ClaimedDelivery): Promise<void> {
    const content = await this.store.content(delivery);
    if (content.channel === 'email') {
      if (!content.to) throw new PermanentDeliveryError('người nhận không còn địa chỉ e-mail hoặc đã bị khóa');
      await this.email.send({ deliveryId: delivery.id, to: content.to, subject: content.subject, text: content.text, html: content.html });
    } else {
      if (!content.url || !content.secret) throw new PermanentDeliveryError('webhook đã bị xóa');
      await sendWebhook(
        {
          deliveryId: delivery.id,
          url: content.url,
          secret: content.secret,
          payload: content.payload,
          timeoutMs: this.config.NOTIFICATIONS_WEBHOOK_TIMEOUT_MS,
        },
        this.addresses,
      );
    }
  }
}
