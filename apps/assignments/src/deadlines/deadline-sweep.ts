import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from './clock.js';
import { DeadlineFiring } from './deadline-firing.js';
import { DeadlineQueue } from './deadline-queue.js';
import { DEADLINE_SETTINGS, type DeadlineSettings } from './deadline-settings.js';

/** Instants re-scheduled per sweep at most (the nearest first); later ones get their turn. */
const ENSURE_LIMIT = 10_000;

/**
 * The safety net under the timers, on a plain Node interval so that it survives what can happen to
 * Redis (restart without AOF, FLUSHALL, an outage): every DEADLINE_SWEEP_INTERVAL each replica
 * 1. fires whatever Postgres says is due (a missing job makes a step late by one interval at most,
 *    never early, never twice), and
 * 2. re-creates the timers of the instants due within DEADLINE_SWEEP_HORIZON, so that after Redis
 *    lost them, later steps fire on time again.
 * Also runs once at start, which catches up after the service itself was down.
 */
@Injectable()
export class DeadlineSweep implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('DeadlineSweep');
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<void> | null = null;
  private stopped = false;

  constructor(
    @Inject(DEADLINE_SETTINGS) private readonly settings: DeadlineSettings,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly firing: DeadlineFiring,
    private readonly queue: DeadlineQueue,
  ) {}

  onApplicationBootstrap(): void {
    this.tick();
  }

  /** One sweep now (tests call it directly). */
  async sweep(): Promise<{ fired: number; ensured: number }> {
    const now = this.clock.now();
    const report = await this.firing.fireDue(now);
    const rows: { next_at: Date }[] = await this.dataSource.query(
      `SELECT DISTINCT next_at FROM due_items
       WHERE status = 'open' AND next_at > $1 AND next_at <= $2
       ORDER BY next_at LIMIT $3`,
      [new Date(now), new Date(now + this.settings.sweepHorizonMs), ENSURE_LIMIT],
    );
    await this.queue.ensure(rows.map((row) => row.next_at.getTime()));
    return { fired: report.fired, ensured: rows.length };
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
