import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CLOCK, DEADLINE_SETTINGS, DeadlineSweeper, type Clock, type DeadlineTimerSettings } from '#deadlines';
import { DeadlineFiring } from './deadline-firing.js';
import { DeadlineQueue } from './deadline-queue.js';

/** The sweep under the assignments' deadline timers (see DeadlineSweeper). */
@Injectable()
export class DeadlineSweep extends DeadlineSweeper {
  constructor(
    @Inject(DEADLINE_SETTINGS) settings: DeadlineTimerSettings,
    @Inject(CLOCK) clock: Clock,
    private readonly dataSource: DataSource,
    firing: DeadlineFiring,
    queue: DeadlineQueue,
  ) {
    super('DeadlineSweep', settings, clock, firing, queue);
  }

  protected async upcomingInstants(from: Date, to: Date, limit: number): Promise<Date[]> {
    const rows: { next_at: Date }[] = await this.dataSource.query(
      `SELECT DISTINCT next_at FROM due_items
       WHERE status = 'open' AND next_at > $1 AND next_at <= $2
       ORDER BY next_at LIMIT $3`,
      [from, to, limit],
    );
    return rows.map((row) => row.next_at);
  }
}
