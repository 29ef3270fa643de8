import { Logger } from '@nestjs/common';
import { Queue, type JobsOptions } from 'bullmq';
import type { DeadlineTimerSettings } from './timer-settings.js';

/** What a timer job carries: only the instant. The work re-reads Postgres, the truth. */
export interface DeadlineJobData {
  at: number;
}

/**
 * One job per distinct instant at which some step falls due, never one per watched item: a task
 * cascaded to 100,000 units has one deadline, so each of its steps is one job. The id is the
 * instant (`at-<epoch ms>`), so scheduling it again (after every cascade, each sweep) is a no-op
 * while it waits, and a new job once it has run (completed jobs are removed, freeing the id).
 */
export function jobIdFor(at: number): string {
  // BullMQ refuses ':' in custom ids.
  return `at-${at}`;
}

/**
 * Job options, chosen for timers whose work is idempotent (Postgres decides what is due):
 * - attempts 5, exponential backoff from 1 s (1, 2, 4, 8 s): a tick fails when Postgres or the
 *   broker blips; retrying within ~15 s keeps steps close to on time. After that the job fails
 *   (kept for the dashboard) and the sweep, every DEADLINE_SWEEP_INTERVAL, fires the step anyway:
 *   more attempts would add noise, not safety.
 * - removeOnComplete: true, so the id is free for the same instant again (a re-added timer for an
 *   instant already handled runs, finds nothing due, and is gone).
 * - removeOnFail: keep the last 1,000 failures to read on /admin/queues.
 */
export const DEADLINE_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: true,
  removeOnFail: { count: 1000 },
};

/** Fails fast instead of queueing commands while Redis is away: the sweep covers what is missed. */
const ENSURE_TIMEOUT_MS = 3000;

/**
 * The alarm clock of one kind of deadline (one BullMQ queue, named in libs/contracts queues.ts).
 * Postgres holds every deadline and next step; this only makes sure a delayed job exists for each
 * upcoming instant. Losing jobs (Redis restarted without AOF, or emptied) loses nothing but
 * punctuality: the sweep fires what is due and re-creates the jobs ahead.
 * Services subclass it as an injectable provider naming their queue.
 */
export class DeadlineTimerQueue {
  private readonly logger: Logger;
  readonly queue: Queue<DeadlineJobData>;
  private reported = false;

  constructor(queueName: string, settings: Pick<DeadlineTimerSettings, 'redisUrl' | 'queuePrefix'>) {
    this.logger = new Logger(`Timers ${queueName}`);
    this.queue = new Queue<DeadlineJobData>(queueName, {
      prefix: settings.queuePrefix,
      connection: { url: settings.redisUrl, enableOfflineQueue: false, maxRetriesPerRequest: 1 },
      defaultJobOptions: DEADLINE_JOB_OPTIONS,
    });
    this.queue.on('error', (error) => this.warnOnce(error));
  }

  /**
   * Makes sure a timer exists for each instant (past instants fire at once). True when Redis took
   * them. The delay is computed from the wall clock at this moment, as BullMQ adds it to its own
   * `Date.now()`: a `now` taken earlier (before a 5-second cascade) would make every timer late.
   */
  async ensure(instants: Iterable<number | null | undefined>): Promise<boolean> {
    const distinct = [...new Set([...instants].filter((at): at is number => typeof at === 'number' && Number.isFinite(at)))];
    if (distinct.length === 0) return true;
    const now = Date.now();
    const jobs = distinct.map((at) => ({
      name: 'deadline',
      data: { at },
      opts: { ...DEADLINE_JOB_OPTIONS, jobId: jobIdFor(at), delay: Math.max(0, at - now) },
    }));
    try {
      await withTimeout(this.queue.addBulk(jobs), ENSURE_TIMEOUT_MS);
      this.reported = false;
      return true;
    } catch (error) {
      this.warnOnce(error as Error);
      return false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close().catch(() => undefined);
  }

  private warnOnce(error: Error): void {
    if (!this.reported) this.logger.warn(`cannot schedule deadline timers (the sweep will fire them): ${error.message}`);
    this.reported = true;
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
    }),
  ]);
}
