import { Logger } from '@nestjs/common';
import type { Clock } from './clock.js';
import type { FiresDueSteps } from './due-step-firing.js';
import type { DeadlineTimerQueue } from './timer-queue.js';
import type { DeadlineTimerSettings } from './timer-settings.js';

/** Instants re-scheduled per sweep at most (the nearest first); later ones get their turn. */
export const ENSURE_LIMIT = 10_000;

/**
 * The safety net under the timers, on a plain Node interval so that it survives what can happen to
 * Redis (restart without AOF, FLUSHALL, an outage): every DEADLINE_SWEEP_INTERVAL each replica
 * 1. fires whatever Postgres says is due (a missing job makes a step late by one interval at most,
 *    never early, never twice), and
 * 2. re-creates the timers of the instants due within DEADLINE_SWEEP_HORIZON, so that after Redis
 *    lost them, later steps fire on time again.
 * Also runs once at start, which catches up after the service itself was down.
 * Subclasses say where their upcoming instants are.
 */
export abstract class DeadlineSweeper {
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<void> | null = null;
  private stopped = false;

  protected constructor(
    name: string,
    private readonly settings: Pick<DeadlineTimerSettings, 'sweepIntervalMs' | 'sweepHorizonMs'>,
    private readonly clock: Clock,
    private readonly firing: FiresDueSteps,
    private readonly queue: DeadlineTimerQueue,
  ) {
    this.logger = new Logger(name);
  }

  /** Distinct instants of next steps in (from, to], the earliest first, at most `limit`. */
  protected abstract upcomingInstants(from: Date, to: Date, limit: number): Promise<Date[]>;

  onApplicationBootstrap(): void {
    this.tick();
  }

  /** One sweep now (tests call it directly). */
  async sweep(): Promise<{ fired: number; ensured: number }> {
    const now = this.clock.now();
    const report = await this.firing.fireDue(now);
    const instants = await this.upcomingInstants(new Date(now), new Date(now + this.settings.sweepHorizonMs), ENSURE_LIMIT);
    await this.queue.ensure(instants.map((at) => at.getTime()));
    return { fired: report.fired, ensured: instants.length };
  }

  private tick(): void {
    if (this.stopped) return;
    this.current = this.sweep()
      .then((report) => {
        if (report.fired) this.logger.log(`sweep fired ${report.fired} step(s)`);
      })
      .catch((error: Error) => this.logger.warn(`sweep failed, next in ${this.settings.sweepIntervalMs} ms: ${error.message}`))
      .finally(() => {
        this.current = null;
        if (!this.stopped) this.timer = setTimeout(() => this.tick(), this.settings.sweepIntervalMs);
      });
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.current;
  }
}
