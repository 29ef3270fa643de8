import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '#deadlines';
import { ReportDeadlineQueue } from '../deadlines/report-deadline-queue.js';
import { lockTreeShared } from '../tree/tree-lock.js';
import { OPENABLE_OBLIGATION_SQL, PeriodOpener, type OpenableObligation } from './period-opener.js';

/** How often recurring obligations are checked for a period to open. Periods are days apart. */
const SWEEP_MS = 10 * 60 * 1000;

/**
 * Recurring obligations open their next period when the current one's deadline passes (yearly:
 * the 2027 report becomes expected once the 2026 deadline is behind). A sweep at start and every
 * 10 minutes does it; any replica may, since opening is idempotent (unique period and report
 * keys). The new reports' deadlines are watched from the start (deadlines/).
 */
@Injectable()
export class PeriodRoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('PeriodRoller');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    private readonly opener: PeriodOpener,
    private readonly timers: ReportDeadlineQueue,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    const sweep = () => {
      this.running = this.openDuePeriods(new Date(this.clock.now())).catch((error: Error) => this.logger.warn(`sweep failed: ${error.message}`));
    };
    sweep();
    this.timer = setInterval(sweep, SWEEP_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Opens every period due to be open at `now`; returns how many periods were opened. */
  async openDuePeriods(now: Date): Promise<number> {
    const candidates: { id: string }[] = await this.dataSource.query(
      `SELECT o.id FROM obligations o
       WHERE o.recurrence <> 'once'
         AND (SELECT max(due_at) FROM report_periods rp WHERE rp.obligation_id = o.id) < $1`,
      [now.toISOString()],
    );
    let opened = 0;
    for (const { id } of candidates) {
      const result = await this.dataSource.transaction(async (manager) => {
        await lockTreeShared(manager);
        const [obligation]: OpenableObligation[] = await manager.query(`${OPENABLE_OBLIGATION_SQL} WHERE o.id = $1`, [id]);
        return this.opener.open(manager, obligation, now);
      });
      opened += result.periods;
      await this.timers.ensure(result.timers);
    }
    return opened;
  }
}
