import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EventSubjects, type DeadlinePolicyChangedEvent, type EventEnvelope } from '#contracts';
import { CLOCK, type Clock } from '#deadlines';
import { EventBus, type HandlerContext } from '#messaging';
import { ReportDeadlineQueue } from './report-deadline-queue.js';

/**
 * `assignments.deadline-policy.changed` → this service's copy of the plan's policy (the latest by
 * `changedAt`: a redelivered older change is ignored), and the plan's watched reports are due for
 * re-evaluation at once: the next firing run stores each group's next step under the new policy
 * (steps already fired stay fired; escalation levels reached are never repeated).
 */
@Injectable()
export class PolicyChangedHandler implements OnModuleInit {
  constructor(
    private readonly bus: EventBus,
    private readonly timers: ReportDeadlineQueue,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.bus.subscribe({
      durable: 'reporting-deadline-policy-changed',
      subject: EventSubjects.deadlinePolicyChanged,
      handle: (event, manager, context) => this.handle(event, manager, context),
    });
  }

  async handle(event: EventEnvelope<string, DeadlinePolicyChangedEvent>, manager: EntityManager, context?: HandlerContext): Promise<void> {
    const { planId, policy, changedAt } = event.data;
    const stored = await manager.query(
      `INSERT INTO plan_policies (plan_id, reminders_ms, escalations_ms, is_default, changed_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (plan_id) DO UPDATE SET reminders_ms = excluded.reminders_ms, escalations_ms = excluded.escalations_ms,
         is_default = excluded.is_default, changed_at = excluded.changed_at
       WHERE plan_policies.changed_at <= excluded.changed_at
       RETURNING 1`,
      [planId, policy?.remindersMs ?? null, policy?.escalationsMs ?? null, policy === null, changedAt],
    );
    if (stored.length === 0) return;
    const now = this.clock.now();
    await manager.query('UPDATE reports SET next_at = $2 WHERE plan_id = $1 AND next_at IS NOT NULL', [planId, new Date(now)]);
    context?.afterCommit(() => this.timers.ensure([now]));
  }
}
