import { Logger } from '@nestjs/common';
import { DelayedError, Worker, type Job } from 'bullmq';
import type { Clock } from './clock.js';
import type { FiresDueSteps } from './due-step-firing.js';
import type { DeadlineJobData } from './timer-queue.js';
import type { DeadlineTimerSettings } from './timer-settings.js';

/**
 * Worker settings, chosen for a job whose only work is "fire what Postgres says is due now":
 * - lockDuration 60 s: one job may fire a large group (100,000 items in batches of 10,000); the
 *   worker renews the lock every 30 s while it runs, so only a dead or frozen process loses it.
 * - maxStalledCount 3: a stalled job (its worker died mid-run) goes back to wait and runs again,
 *   which is harmless (batches already committed are not matched again). Three stalls in a row
 *   mean something is wrong with that run; it then fails visibly and the sweep fires the step.
 * - concurrency 1: every job does the same thing (fire all that is due), so parallel jobs in one
 *   process would only queue behind each other in the firing; replicas give parallelism.
 */
export const DEADLINE_WORKER_OPTIONS = { lockDuration: 60_000, maxStalledCount: 3, stalledInterval: 30_000, concurrency: 1 } as const;

/** Works one deadline queue: at each instant, fire what is due. Services subclass it as a provider. */
export class DeadlineTimerWorker {
  private readonly logger: Logger;
  private worker: Worker<DeadlineJobData> | null = null;
  private reported = false;

  constructor(
    private readonly queueName: string,
    private readonly settings: Pick<DeadlineTimerSettings, 'redisUrl' | 'queuePrefix'>,
    private readonly firing: FiresDueSteps,
    private readonly clock: Clock,
  ) {
    this.logger = new Logger(`Worker ${queueName}`);
  }

  onApplicationBootstrap(): void {
    this.worker = new Worker<DeadlineJobData>(this.queueName, (job, token) => this.process(job, token), {
      ...DEADLINE_WORKER_OPTIONS,
      prefix: this.settings.queuePrefix,
      // A worker blocks on Redis; ioredis must retry forever (BullMQ requires null here).
      connection: { url: this.settings.redisUrl, maxRetriesPerRequest: null },
    });
    this.worker.on('error', (error) => {
      if (!this.reported) this.logger.warn(`deadline worker: ${error.message} (the sweep keeps firing due steps)`);
      this.reported = true;
    });
    this.worker.on('ready', () => (this.reported = false));
    this.worker.on('failed', (job, error) => this.logger.warn(`deadline job ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`));
  }

  async process(job: Job<DeadlineJobData>, token?: string): Promise<{ fired: number }> {
    // Never early: a job promoted by hand, or by a worker whose clock runs ahead, waits for its instant.
    if (job.data.at > this.clock.now()) {
      await job.moveToDelayed(job.data.at, token);
      throw new DelayedError();
    }
    const report = await this.firing.fireDue();
    return { fired: report.fired };
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker?.close().catch(() => undefined);
  }
}
