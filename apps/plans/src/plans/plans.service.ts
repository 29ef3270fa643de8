import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import {
  DeadlineRpcPatterns,
  EventSubjects,
  type CalendarOverridesRequest,
  type CalendarOverridesResult,
  type Actor,
  type FieldError,
  type IssuedTask,
  type PlanInput,
  type PlanIssuedEvent,
  type PlanPage,
  type PlanStatus,
  type PlanView,
} from '#contracts';
import { EventBus } from '#messaging';
import { appendToOutbox } from '#persistence';
import { assertCanWrite, DomainError, isUuid, pageWindow, ServiceRpc } from '#service-kit';
import { WorkingDayCalendar } from '#timeline';
import { ParentAssignmentChecker } from './parent-assignment.checker.js';
import { issuedObligation } from './reporting-units.js';
import { checkPlanInput, needsWorkingDayCalendar, type CheckedPlan } from './plan-input.validator.js';
import { PlansRepository } from './plans.repository.js';
import { UnitResolver, type ResolvedUnits } from './unit-resolver.js';

const PLAN_NOT_FOUND = () => DomainError.notFound('PLAN.NOT_FOUND', 'kế hoạch');

/**
 * Drafting and issuing plans. A draft can change freely; issuing freezes it and publishes
 * `plans.plan.issued` through the outbox in the same transaction, from which the assignments
 * service creates one assignment per (task, implementing unit).
 */
@Injectable()
export class PlansService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly plans: PlansRepository,
    private readonly units: UnitResolver,
    private readonly parents: ParentAssignmentChecker,
    private readonly bus: EventBus,
    private readonly rpc: ServiceRpc,
  ) {}

  async create(actor: Actor, input: PlanInput): Promise<PlanView> {
    assertCanWrite(actor);
    const { plan, units } = await this.check(actor, input);
    const id = randomUUID();
    await this.dataSource.transaction(async (manager) => {
      await this.guardSymbol(manager, units.issuer.id, plan.symbol.symbol, null);
      await this.plans.insert(manager, id, actor, plan, units);
    });
    return this.get(actor, id);
  }

  async update(actor: Actor, id: string, input: PlanInput): Promise<PlanView> {
    assertCanWrite(actor);
    const { plan, units } = await this.check(actor, input);
    await this.dataSource.transaction(async (manager) => {
      const current = isUuid(id) ? await this.plans.findVisible(manager, actor, id, true) : null;
      if (!current) throw PLAN_NOT_FOUND();
      if (current.status !== 'draft') throw DomainError.conflict('PLAN.ALREADY_ISSUED', 'Kế hoạch đã ban hành, không thể sửa nội dung');
      await this.guardSymbol(manager, units.issuer.id, plan.symbol.symbol, id);
      await this.plans.replaceContent(manager, id, plan, units);
    });
    return this.get(actor, id);
  }

  async get(actor: Actor, id: string): Promise<PlanView> {
    if (!isUuid(id)) throw PLAN_NOT_FOUND();
    const plan = await this.plans.findVisible(this.dataSource.manager, actor, id);
    if (!plan) throw PLAN_NOT_FOUND();
    return plan;
  }

  list(actor: Actor, status: PlanStatus | undefined, page?: number, pageSize?: number): Promise<PlanPage> {
    return this.plans.list(actor, status, pageWindow(page, pageSize));
  }

  async issue(actor: Actor, id: string): Promise<PlanView> {
    assertCanWrite(actor);
    const draft = await this.get(actor, id);
    if (draft.status !== 'draft') throw DomainError.conflict('PLAN.ALREADY_ISSUED', 'Kế hoạch đã được ban hành');
    // Re-check links: the parent assignment's deadline may have moved since the draft was saved.
    const { units } = await this.check(actor, toInput(draft));
    await this.dataSource.transaction(async (manager) => {
      const current = await this.plans.findVisible(manager, actor, id, true);
      if (current?.status !== 'draft') throw DomainError.conflict('PLAN.ALREADY_ISSUED', 'Kế hoạch đã được ban hành');
      await this.plans.markIssued(manager, id);
      const event = await this.issuedEvent(manager, current, units);
      await appendToOutbox(manager, EventSubjects.planIssued, [event], {
        correlationId: actor.correlationId ?? randomUUID(),
      });
    });
    this.bus.published();
    return this.get(actor, id);
  }

  private async check(actor: Actor, input: PlanInput): Promise<{ plan: CheckedPlan; units: ResolvedUnits }> {
    const { plan, errors } = checkPlanInput(input, await this.calendarFor(input));
    if (!plan) throw DomainError.invalid('PLAN.INVALID', errors, 'Kế hoạch chưa hợp lệ');
    const linkErrors: FieldError[] = [];
    const units = await this.units.resolve(actor, plan, linkErrors);
    if (units) await this.parents.check(actor, plan, units.issuer.id, linkErrors);
    if (!units || linkErrors.length) throw DomainError.invalid('PLAN.INVALID', linkErrors, 'Kế hoạch chưa hợp lệ');
    return { plan, units };
  }

  /**
   * "N ngày làm việc" is counted on the working-day calendar the assignments service keeps (public
   * holidays plus the admin's overrides); asked only when a timeline counts working days.
   */
  private async calendarFor(input: PlanInput): Promise<WorkingDayCalendar | undefined> {
    if (!needsWorkingDayCalendar(input)) return undefined;
    const year = Number(/^(\d{4})-/.exec(input.issueDate ?? '')?.[1]);
    if (!year) return undefined;
    const { overrides } = await this.rpc.send<CalendarOverridesResult>(DeadlineRpcPatterns.calendarOverrides, {
      fromYear: year,
      toYear: year + 2,
    } satisfies CalendarOverridesRequest);
    return new WorkingDayCalendar(overrides);
  }

  private async guardSymbol(manager: EntityManager, issuerId: string, symbol: string, exceptId: string | null) {
    const taken = await manager.query('SELECT 1 FROM plans WHERE issuing_unit_id = $1 AND symbol = $2 AND id IS DISTINCT FROM $3', [
      issuerId,
      symbol,
      exceptId,
    ]);
    if (taken.length) throw DomainError.conflict('PLAN.SYMBOL_TAKEN', `Đơn vị đã có văn bản số "${symbol}"`);
  }

  private async issuedEvent(manager: EntityManager, plan: PlanView, units: ResolvedUnits): Promise<PlanIssuedEvent> {
    const rows = await this.plans.tasksForIssue(manager, plan.id);
    const tasks: IssuedTask[] = rows
      .filter((row) => row.target)
      .map((row) => ({
        id: row.id,
        number: row.number,
        title: row.title,
        timeline: row.timeline,
        deadline: row.deadline,
        dueAt: row.due_at ? row.due_at.toISOString() : null,
        target: row.target as IssuedTask['target'],
        parentAssignmentId: row.parent_assignment_id,
        leadUnit: row.lead_unit,
      }));
    const { issuer } = units;
    const reporting = await this.plans.reportingForIssue(manager, plan.id);
    return {
      plan: { id: plan.id, symbol: plan.symbol, title: plan.title, issueDate: plan.issueDate },
      issuer: { id: issuer.id, code: issuer.code, name: issuer.name, path: issuer.path },
      directoryVersion: units.directoryVersion,
      tasks,
      reportingObligations: (reporting.reporting_obligations ?? []).map(issuedObligation),
      indicators: reporting.indicators ?? [],
      targets: reporting.targets ?? [],
      signer: plan.signer,
    };
  }
}

/** A stored draft back into the input shape, to re-run the checks at issue time. */
function toInput(plan: PlanView): PlanInput {
  return {
    symbol: plan.symbol,
    title: plan.title,
    issuingUnitCode: plan.issuingUnit.code,
    issueDate: plan.issueDate,
    signer: plan.signer ?? undefined,
    basis: plan.basis,
    parentAssignmentId: plan.parentAssignmentId ?? undefined,
    tasks: plan.tasks.map((task) => ({
      number: task.number,
      title: task.title,
      directingUnitCode: task.directingUnit?.code,
      leadUnitCode: task.leadUnit?.code,
      coordinatingUnitCodes: task.coordinatingUnits.map((unit) => unit.code),
      implementing: task.implementing ?? undefined,
      timeline: task.timeline,
      parentAssignmentId: task.parentAssignmentId ?? undefined,
    })),
    reportingObligations: plan.reportingObligations?.map((obligation) => ({
      code: obligation.code,
      title: obligation.title,
      timeline: obligation.timeline,
      reporters: obligation.reporters,
      toUnitCode: obligation.to?.code,
      through: obligation.through ?? undefined,
      throughUnitCode: obligation.throughUnit?.code,
      indicators: obligation.indicators,
      until: obligation.until ?? undefined,
      adHoc: obligation.adHoc,
    })),
    indicators: plan.indicators?.map((indicator) => ({
      code: indicator.code,
      name: indicator.name,
      type: indicator.type,
      rollup: indicator.rollup,
      partOf: indicator.partOf ?? undefined,
      threshold: indicator.threshold ?? undefined,
      unit: indicator.unit ?? undefined,
      required: indicator.required,
    })),
    targets: plan.targets?.map((target) => ({ ...target, max: target.max ?? undefined })),
  };
}
