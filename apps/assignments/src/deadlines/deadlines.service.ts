import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  EventSubjects,
  RpcPatterns,
  type Actor,
  type AssignmentDeadlines,
  type AssignmentDeadlinesRequest,
  type CompleteOccurrenceRequest,
  type Deadline,
  type DeadlineListPage,
  type DeadlinePolicyView,
  type DueItemView,
  type GetDeadlinePolicyRequest,
  type OverdueByUnit,
  type OverdueByUnitRequest,
  type OverdueSubtreeRequest,
  type PlanRef,
  type PlanView,
  type SetDeadlinePolicyRequest,
  type UnitDeadlinesRequest,
} from '#contracts';
import { EventBus } from '#messaging';
import { appendToOutbox } from '#persistence';
import { assertCanWrite, DomainError, ServiceRpc } from '#service-kit';
import { nextOccurrence } from '#timeline';
import { AssignmentsRepository } from '../assignments/assignments.repository.js';
import { extensionsOf } from '../extensions/extensions.repository.js';
import { CLOCK, type Clock } from '#deadlines';
import { DeadlineQueue } from './deadline-queue.js';
import { DeadlinesRepository, toDueItemView } from './deadlines.repository.js';
import { initialDueItem } from './due-items.js';
import { PolicyStore, readPolicyInput, writePolicy } from './policy-store.js';
import { rescheduleOpenItems } from './reschedule.js';

const DAY_MS = 86_400_000;
const NOT_FOUND = () => DomainError.notFound('ASSIGNMENT.NOT_FOUND', 'nhiệm vụ được giao');

/** Views of deadlines, recurring occurrences done, and each plan's escalation policy. */
@Injectable()
export class DeadlinesService {
  private readonly logger = new Logger('Deadlines');

  constructor(
    private readonly dataSource: DataSource,
    private readonly deadlines: DeadlinesRepository,
    private readonly assignments: AssignmentsRepository,
    private readonly policies: PolicyStore,
    private readonly queue: DeadlineQueue,
    private readonly rpc: ServiceRpc,
    private readonly bus: EventBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async assignmentDeadlines({ actor, assignmentId }: AssignmentDeadlinesRequest): Promise<AssignmentDeadlines> {
    await this.visibleAssignment(actor, assignmentId);
    const manager = this.dataSource.manager;
    const [dueItems, history, extensions] = await Promise.all([
      this.deadlines.dueItems(manager, assignmentId),
      this.deadlines.history(manager, assignmentId),
      extensionsOf(manager, assignmentId),
    ]);
    return { assignmentId, dueItems, history, extensions };
  }

  /** Due within `withinDays`, by default the longest reminder of the default policy (at least a day). */
  dueSoon(request: UnitDeadlinesRequest): Promise<DeadlineListPage> {
    const longest = Math.max(DAY_MS, ...this.policies.defaultPolicy.remindersMs);
    const within = request.withinDays ? Math.min(366, Math.max(1, Math.floor(request.withinDays))) * DAY_MS : longest;
    return this.deadlines.dueSoon(request.actor, this.clock.now(), within, request);
  }

  overdue(request: UnitDeadlinesRequest): Promise<DeadlineListPage> {
    return this.deadlines.overdue(request.actor, this.clock.now(), request);
  }

  overdueSubtree(request: OverdueSubtreeRequest): Promise<DeadlineListPage> {
    return this.deadlines.overdueSubtree(request.actor, this.clock.now(), request.unitCode, request);
  }

  async overdueByUnit({ actor }: OverdueByUnitRequest): Promise<OverdueByUnit> {
    const result = await this.deadlines.overdueByUnit(actor, this.clock.now());
    if (!result) throw DomainError.notFound('UNIT.NOT_FOUND', 'đơn vị');
    return result;
  }

  /**
   * A recurring obligation's occurrence is done (the periodic report sent): its steps stop, and the
   * next occurrence is watched from now (it may exist already, created at this one's deadline).
   */
  async completeOccurrence({ actor, assignmentId, dueItemId, note }: CompleteOccurrenceRequest): Promise<DueItemView> {
    const assignment = await this.visibleAssignment(actor, assignmentId);
    if (assignment.unit.id !== actor.unitId) throw DomainError.forbidden('Chỉ đơn vị được giao mới báo hoàn thành kỳ này');
    assertCanWrite(actor);
    if (!note?.trim()) throw DomainError.invalid('OCCURRENCE.INVALID', [{ path: 'note', message: 'Cần ghi kết quả thực hiện kỳ này' }]);
    const now = this.clock.now();
    const timers: number[] = [];
    const view = await this.dataSource.transaction(async (manager) => {
      const [row]: { deadline: Deadline | null; plan_id: string; occurrence: string; status: string }[] = await manager.query(
        `SELECT a.deadline, a.plan_id, d.occurrence, d.status FROM due_items d JOIN assignments a ON a.id = d.assignment_id
         WHERE d.id = $1 AND d.assignment_id = $2 FOR UPDATE OF d`,
        [isUuid(dueItemId) ? dueItemId : null, assignmentId],
      );
      if (!row) throw DomainError.notFound('DUE_ITEM.NOT_FOUND', 'kỳ thực hiện');
      if (row.deadline?.kind !== 'recurring') {
        throw DomainError.conflict('OCCURRENCE.NOT_RECURRING', 'Nhiệm vụ không định kỳ: hãy cập nhật trạng thái hoàn thành');
      }
      if (row.status !== 'open') throw DomainError.conflict('OCCURRENCE.CLOSED', 'Kỳ này đã kết thúc');
      await manager.query(
        `WITH closed AS (
           UPDATE due_items SET status = 'done', completion_note = $2, closed_at = now(), next_step = NULL, next_at = NULL, updated_at = now()
           WHERE id = $1 RETURNING id, assignment_id, due_at
         )
         INSERT INTO assignment_history (assignment_id, due_item_id, kind, deadline_at, reason, actor)
         SELECT assignment_id, id, 'occurrence-completed', due_at, $3, $4 FROM closed`,
        [dueItemId, note.trim(), `Hoàn thành kỳ ${row.occurrence}: ${note.trim()}`, actor.userId],
      );
      const { policy } = await this.policies.forPlan(manager, row.plan_id);
      const next = initialDueItem(nextOccurrence(row.deadline, row.occurrence), policy, now);
      await manager.query(
        `INSERT INTO due_items (assignment_id, plan_id, task_id, occurrence, due_at, grace_from, next_step, next_at)
         SELECT a.id, a.plan_id, a.task_id, $2, $3, $4, $5, $6 FROM assignments a WHERE a.id = $1
         ON CONFLICT (assignment_id, occurrence) DO NOTHING`,
        [assignmentId, next.occurrence, next.dueAt, next.graceFrom, next.nextStep, next.nextAt],
      );
      if (next.nextAt) timers.push(Date.parse(next.nextAt));
      const [item] = await manager.query('SELECT * FROM due_items WHERE id = $1', [dueItemId]);
      return toDueItemView(item);
    });
    await this.queue.ensure(timers);
    return view;
  }

  async getPolicy({ actor, planId }: GetDeadlinePolicyRequest): Promise<DeadlinePolicyView> {
    await this.visiblePlan(actor, planId);
    const stored = await this.policies.forPlan(this.dataSource.manager, planId);
    return {
      planId,
      source: stored.source,
      ...writePolicy(stored.policy),
      updatedBy: stored.updatedBy,
      updatedAt: stored.updatedAt?.toISOString() ?? null,
    };
  }

  /**
   * The plan's issuing unit (its office or secretary) or an admin sets the plan's own policy, or
   * goes back to the default; every open item of the plan is rescheduled at once. Steps already
   * fired stay fired; escalation levels already reached are never repeated.
   */
  async setPolicy({ actor, planId, policy: input }: SetDeadlinePolicyRequest): Promise<DeadlinePolicyView> {
    const plan = await this.visiblePlan(actor, planId);
    assertCanWrite(actor);
    if (actor.role !== 'admin' && plan.issuingUnit.id !== actor.unitId) {
      throw DomainError.forbidden('Chỉ đơn vị ban hành kế hoạch mới đặt được chính sách nhắc hạn');
    }
    const policy = input ? readPolicyInput(input) : null;
    const now = this.clock.now();
    const timers = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`plan-policy:${planId}`]);
      await this.policies.save(manager, planId, policy, actor.userId);
      // The plan's reports follow the same policy: the reporting service keeps a copy.
      await appendToOutbox(manager, EventSubjects.deadlinePolicyChanged, [{ planId, policy, changedAt: new Date().toISOString() }], {
        correlationId: actor.correlationId ?? randomUUID(),
      });
      const { policy: effective } = await this.policies.forPlan(manager, planId);
      return rescheduleOpenItems(manager, { sql: 'd.plan_id = $1', params: [planId] }, effective, now);
    });
    await this.queue.ensure(timers);
    this.bus.published();
    this.logger.log(`${actor.username} set the deadline policy of plan ${plan.symbol} (${planId}): ${input ? JSON.stringify(input) : 'default'}`);
    return this.getPolicy({ actor, planId });
  }

  private async visibleAssignment(actor: Actor, assignmentId: string) {
    if (!isUuid(assignmentId)) throw NOT_FOUND();
    const view = await this.assignments.findVisible(this.dataSource.manager, actor, assignmentId);
    if (!view) throw NOT_FOUND();
    return view;
  }

  /** The plans service decides who sees a plan (its issuer's subtree); its 404 passes through. */
  private visiblePlan(actor: Actor, planId: string): Promise<PlanView> {
    if (!isUuid(planId)) throw DomainError.notFound('PLAN.NOT_FOUND', 'kế hoạch');
    return this.rpc.send<PlanView>(RpcPatterns.plans.get, { actor, planId } satisfies PlanRef);
  }
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value ?? '');
}
