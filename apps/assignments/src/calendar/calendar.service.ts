import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CalendarOverridesRequest, CalendarOverridesResult, CalendarYear, GetCalendarRequest, SetCalendarOverridesRequest } from '#contracts';
import { EventBus } from '#messaging';
import { DomainError } from '#service-kit';
import { CLOCK, type Clock } from '#deadlines';
import { DeadlineQueue } from '../deadlines/deadline-queue.js';
import { PolicyStore } from '../deadlines/policy-store.js';
import { calendarYear, checkOverrides, overridesBetween, recountWorkingDayDeadlines, replaceYear } from './calendar.store.js';

/** The working-day calendar by RPC: anyone reads it, only an admin changes it. */
@Injectable()
export class CalendarService {
  private readonly logger = new Logger('Calendar');

  constructor(
    private readonly dataSource: DataSource,
    private readonly policies: PolicyStore,
    private readonly queue: DeadlineQueue,
    private readonly bus: EventBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  get({ year }: GetCalendarRequest): Promise<CalendarYear> {
    return calendarYear(this.dataSource.manager, Number(year));
  }

  async overrides({ fromYear, toYear }: CalendarOverridesRequest): Promise<CalendarOverridesResult> {
    const overrides = await overridesBetween(this.dataSource.manager, Number(fromYear), Number(toYear));
    return { overrides: overrides.map(({ date, kind, note }) => ({ date, kind, note })) };
  }

  async setOverrides({ actor, year, overrides }: SetCalendarOverridesRequest): Promise<CalendarYear> {
    if (actor?.role !== 'admin') throw DomainError.forbidden('Chỉ quản trị viên mới sửa lịch ngày làm việc');
    const checked = checkOverrides(Number(year), overrides);
    const now = this.clock.now();
    const recount = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['calendar']);
      await replaceYear(manager, Number(year), checked, actor.userId);
      return recountWorkingDayDeadlines(manager, async (planId) => (await this.policies.forPlan(manager, planId)).policy, now, actor.userId);
    });
    this.logger.log(`${actor.username} set ${checked.length} override(s) for ${year}; ${recount.moved} working-day deadline(s) moved`);
    if (recount.announced) this.bus.published();
    await this.queue.ensure(recount.timers);
    return this.get({ year: Number(year) });
  }
}
