import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EventSubjects, type EventEnvelope, type PlanIssuedEvent } from '#contracts';
import { EventBus, RetryLater, type HandlerContext } from '#messaging';
import { CLOCK, type Clock } from '#deadlines';
import { DeadlineQueue } from '../deadlines/deadline-queue.js';
import { createDueItems } from '../deadlines/due-items.js';
import { PolicyStore } from '../deadlines/policy-store.js';
import { hasDirectoryVersion } from '#persistence';
import { StatusChanges } from '../assignments/status-changes.js';
import { CREATED_EVENT_CHUNK, cascadeTaskSql, targetCondition } from './cascade.sql.js';

/**
 * The cascade: `plans.plan.issued` → one assignment per (task, implementing unit), each with its
 * deadline, in one transaction with the inbox claim. A plan that implements assignments its issuer
 * received also moves those to "in progress": the unit has started on them.
 */
@Injectable()
export class PlanIssuedHandler implements OnModuleInit {
  private readonly logger = new Logger('Cascade');

  constructor(
    private readonly bus: EventBus,
    private readonly statusChanges: StatusChanges,
    private readonly policies: PolicyStore,
    private readonly deadlineQueue: DeadlineQueue,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.bus.subscribe({
      durable: 'assignments-plan-issued',
      subject: EventSubjects.planIssued,
      handle: (event, manager, context) => this.cascade(event, manager, context),
    });
  }

  async cascade(event: EventEnvelope<string, PlanIssuedEvent>, manager: EntityManager, context?: HandlerContext): Promise<void> {
    const { plan, issuer, tasks, directoryVersion } = event.data;
    // The plan was issued against a tree this copy may not have caught up with yet.
    if (!(await hasDirectoryVersion(manager, directoryVersion))) {
      throw new RetryLater(`waiting for directory version ${directoryVersion}`);
    }
    let created = 0;
    const now = this.clock.now();
    const { policy } = await this.policies.forPlan(manager, plan.id);
    const timers: number[] = [];
    for (const task of tasks) {
      const { sql, argument } = targetCondition(task.target);
      const [row] = await manager.query(cascadeTaskSql(sql), [
        issuer.id,
        issuer.path,
        argument,
        JSON.stringify({
          planId: plan.id,
          planSymbol: plan.symbol,
          planTitle: plan.title,
          taskId: task.id,
          taskNumber: task.number,
          taskTitle: task.title,
          timeline: task.timeline,
          deadline: task.deadline,
          deadlineKind: task.deadline.kind,
          dueAt: task.dueAt,
          parentAssignmentId: task.parentAssignmentId,
          leadUnitId: task.leadUnit?.id ?? null,
        }),
        EventSubjects.assignmentsCreated,
        event.correlationId,
        event.id,
        CREATED_EVENT_CHUNK,
      ]);
      created += row.created;
      // Each assignment's deadline becomes a due item watched by the timers: one per task, set-based.
      const due = await createDueItems(manager, task.id, task.deadline, policy, now);
      if (due.nextAt !== null) timers.push(due.nextAt);
    }
    // The timers are set once the assignments exist (after commit); the sweep covers a failure.
    context?.afterCommit(() => this.deadlineQueue.ensure(timers));
    const parents = [...new Set(tasks.map((task) => task.parentAssignmentId).filter((id): id is string => !!id))];
    await this.statusChanges.startLinkedParents(manager, parents, issuer.id, event);
    this.logger.log(`plan ${plan.symbol} (${plan.id}): ${created} assignments created for ${tasks.length} tasks`);
  }
}
