import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EventSubjects, type PlanIssuedEvent } from '#contracts';
import { EventBus } from '#messaging';

/**
 * The plan number, task and deadline every assignment notification shows, copied from
 * `plans.plan.issued` (assignment events carry only ids).
 */
@Injectable()
export class PlansEventsController implements OnModuleInit {
  constructor(private readonly bus: EventBus) {}

  onModuleInit(): void {
    this.bus.subscribe({
      durable: 'notifications-plans',
      subject: EventSubjects.planIssued,
      handle: (event, manager) => applyIssuedPlan(manager, event.data),
    });
  }
}

export async function applyIssuedPlan(manager: EntityManager, event: PlanIssuedEvent): Promise<void> {
  const { plan, issuer, tasks } = event;
  await manager.query(
    `INSERT INTO plans (id, symbol, title, issuer_id, issue_date) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (id) DO UPDATE SET symbol = excluded.symbol, title = excluded.title`,
    [plan.id, plan.symbol, plan.title, issuer.id, plan.issueDate],
  );
  await manager.query(
    `INSERT INTO tasks (id, plan_id, number, title, timeline, due_at)
     SELECT t.id, $1, t.number, t.title, t.timeline, t."dueAt"
     FROM jsonb_to_recordset($2::jsonb) AS t(id uuid, number text, title text, timeline text, "dueAt" timestamptz)
     ON CONFLICT (id) DO NOTHING`,
    [plan.id, JSON.stringify(tasks)],
  );
}
