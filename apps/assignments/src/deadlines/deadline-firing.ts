import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Deadline } from '#contracts';
import { EventBus } from '#messaging';
import { nextOccurrence } from '#timeline';
import { CLOCK, DueStepFiring, daysOverdue, stepRef, type Clock, type DeadlinePolicy, type DueGroupState, type NextStep, type StepToFire } from '#deadlines';
import { initialDueItem } from './due-items.js';
import { noticeFor, reasonFor } from './deadline-notices.js';
import { DeadlineQueue } from './deadline-queue.js';
import { DUE_GROUPS_SQL, NOTICE_EVENT_CHUNK, RESCHEDULE_GROUP_SQL, fireGroupSql } from './firing.sql.js';
import { PolicyStore } from './policy-store.js';

interface DueGroup extends DueGroupState {
  task_id: string;
  plan_id: string;
  occurrence: string;
  next_at: Date;
  items: number;
}

interface TaskInfo {
  plan_id: string;
  plan_symbol: string;
  plan_title: string;
  task_id: string;
  task_number: string;
  task_title: string;
  deadline: Deadline | null;
  assigner_id: string;
  assigner_code: string;
  assigner_name: string;
}

/** Items fired per statement: bounded transactions, and other replicas take other batches meanwhile. */
export const FIRING_BATCH = 10_000;

/**
 * Fires the assignments' due steps, group by group (items sharing a task, deadline and progress),
 * each group set-based (firing.sql.ts); the loop and its guarantees are DueStepFiring's. Rows are
 * taken FOR UPDATE SKIP LOCKED and only while they still match the state the decision was made on.
 */
@Injectable()
export class DeadlineFiring extends DueStepFiring<DueGroup> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policies: PolicyStore,
    queue: DeadlineQueue,
    bus: EventBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super('DeadlineFiring', queue, () => bus.published());
  }

  protected now(): number {
    return this.clock.now();
  }

  protected dueGroups(now: number, limit: number): Promise<DueGroup[]> {
    return this.dataSource.query(DUE_GROUPS_SQL, [new Date(now), limit]);
  }

  protected async policyFor(group: DueGroup): Promise<DeadlinePolicy> {
    return (await this.policies.forPlan(this.dataSource.manager, group.plan_id)).policy;
  }

  protected async reschedule(group: DueGroup, now: number, next: NextStep): Promise<number> {
    const [{ moved }] = await this.dataSource.query(RESCHEDULE_GROUP_SQL, [...match(group, now), next.nextStep, toDate(next.nextAt)]);
    return moved;
  }

  protected async fireStep(group: DueGroup, now: number, { step, state, after, following, policy }: StepToFire) {
    const notice = noticeFor(step);
    const info = await this.taskInfo(group.task_id);
    const nextOccurrenceItem = step.kind === 'overdue' ? this.nextOccurrenceOf(info?.deadline ?? null, group.occurrence, policy, now) : null;
    const reason = reasonFor(step, state.dueAt, now);
    const data = {
      step: stepRef(step),
      plan: { id: group.plan_id, symbol: info?.plan_symbol ?? '', title: info?.plan_title ?? '' },
      task: { id: group.task_id, number: info?.task_number ?? '', title: info?.task_title ?? '' },
      dueAt: group.due_at.toISOString(),
      occurrence: group.occurrence,
      assigningUnit: { id: info?.assigner_id ?? '', code: info?.assigner_code ?? '', name: info?.assigner_name ?? '' },
      reason,
      firedAt: new Date(now).toISOString(),
    };
    const correlationId = randomUUID();
    const outcome = await this.inBatches(FIRING_BATCH, group.items, async () => {
      const [row]: { fired: number; events: number }[] = await this.dataSource.transaction((manager) =>
        manager.query(fireGroupSql(), [
          ...match(group, now),
          FIRING_BATCH,
          toDate(after.firedUntil),
          after.escalationLevel,
          following.nextStep,
          toDate(following.nextAt),
          step.key,
          notice.history,
          notice.targetUnit,
          NOTICE_EVENT_CHUNK,
          notice.role,
          reason,
          JSON.stringify(data),
          notice.capacity,
          daysOverdue(state.dueAt, now),
          notice.subject,
          correlationId,
          nextOccurrenceItem ? JSON.stringify(nextOccurrenceItem) : null,
          randomUUID(),
        ]),
      );
      return row;
    });
    return { ...outcome, timers: [nextOccurrenceItem ? Date.parse(nextOccurrenceItem.nextAt ?? '') : null] };
  }

  /** A recurring task goes on: at an occurrence's deadline its next occurrence becomes a due item. */
  private nextOccurrenceOf(deadline: Deadline | null, occurrence: string, policy: DeadlinePolicy, now: number) {
    if (deadline?.kind !== 'recurring') return null;
    return initialDueItem(nextOccurrence(deadline, occurrence), policy, now);
  }

  private async taskInfo(taskId: string): Promise<TaskInfo | undefined> {
    const [row]: TaskInfo[] = await this.dataSource.query(
      `SELECT a.plan_id, a.plan_symbol, a.plan_title, a.task_id, a.task_number, a.task_title, a.deadline,
         s.id::text AS assigner_id, s.code AS assigner_code, s.name AS assigner_name
       FROM assignments a JOIN units s ON s.id = a.assigner_unit_id WHERE a.task_id = $1 LIMIT 1`,
      [taskId],
    );
    return row;
  }
}

/** The SQL parameters naming one group ($1–$6) of items due at `now` ($7): see firing.sql.ts. */
function match(group: DueGroup, now: number): unknown[] {
  return [group.task_id, group.occurrence, group.due_at, group.grace_from, group.fired_until, group.escalation_level, new Date(now)];
}

function toDate(ms: number | null): Date | null {
  return ms === null ? null : new Date(ms);
}
