import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DeadlinePolicy, DeadlineTimerSettings } from '#deadlines';
import { DEADLINE_SETTINGS } from '#deadlines';

/**
 * The policy a plan's reports follow: the plan's own, as the assignments service last announced it
 * (`assignments.deadline-policy.changed`, copied into `plan_policies`), else the default. So a plan's
 * reports are reminded and escalated exactly like its tasks.
 */
@Injectable()
export class ReportPolicies {
  constructor(@Inject(DEADLINE_SETTINGS) private readonly settings: Pick<DeadlineTimerSettings, 'defaultPolicy'>) {}

  async forPlan(manager: EntityManager, planId: string): Promise<DeadlinePolicy> {
    const [row]: { reminders_ms: string[] | null; escalations_ms: string[] | null; is_default: boolean }[] = await manager.query(
      'SELECT reminders_ms, escalations_ms, is_default FROM plan_policies WHERE plan_id = $1',
      [planId],
    );
    if (!row || row.is_default) return this.settings.defaultPolicy;
    return { remindersMs: (row.reminders_ms ?? []).map(Number), escalationsMs: (row.escalations_ms ?? []).map(Number) };
  }
}
