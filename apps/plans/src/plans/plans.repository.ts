import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor, ImplementingSelector, PlanPage, PlanStatus, PlanView, TaskView, UnitRecord, UnitRef } from '#contracts';
import type { CheckedPlan } from './plan-input.validator.js';
import { obligationView, storedObligations, type StoredObligation } from './reporting-units.js';
import type { ResolvedUnits } from './unit-resolver.js';

interface PlanRow {
  id: string;
  symbol: string;
  number: number;
  document_kind: string;
  issuer_code: string;
  title: string;
  issuing_unit: UnitRef;
  issuing_unit_path: string;
  issue_date: string;
  signer: string | null;
  basis: PlanView['basis'];
  parent_assignment_id: string | null;
  status: PlanStatus;
  issued_at: Date | null;
  task_count?: string;
  reporting_obligations?: StoredObligation[];
  indicators?: PlanView['indicators'];
  targets?: PlanView['targets'];
}

interface TaskRow {
  id: string;
  number: string;
  title: string;
  directing_unit: UnitRef | null;
  lead_unit: UnitRef | null;
  coordinating_units: UnitRef[];
  implementing: ImplementingSelector | null;
  target: unknown;
  timeline: string;
  deadline: TaskView['deadline'];
  due_at: Date | null;
  parent_assignment_id: string | null;
}

const unitRef = (unit: UnitRecord | undefined): UnitRef | null => (unit ? { id: unit.id, code: unit.code, name: unit.name } : null);

/**
 * Plans and their tasks. Every read is limited in SQL to plans issued inside the caller's
 * subtree (`issuing_unit_path <@ actor path`); anything else does not exist for the caller.
 */
@Injectable()
export class PlansRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, id: string, actor: Actor, plan: CheckedPlan, units: ResolvedUnits): Promise<void> {
    const { input, symbol } = plan;
    await manager.query(
      `INSERT INTO plans (id, symbol, number, document_kind, issuer_code, title, issuing_unit, issuing_unit_id,
         issuing_unit_path, issue_date, signer, basis, parent_assignment_id, status, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'draft', $14)`,
      [
        id, symbol.symbol, symbol.number, symbol.documentKind, symbol.issuerCode, input.title.trim(),
        JSON.stringify(unitRef(units.issuer)), units.issuer.id, units.issuer.path, input.issueDate,
        input.signer ?? null, JSON.stringify(input.basis ?? []), input.parentAssignmentId ?? null, actor.userId,
      ],
    );
    await this.insertTasks(manager, id, plan, units);
    await this.saveReporting(manager, id, plan, units);
  }

  async replaceContent(manager: EntityManager, id: string, plan: CheckedPlan, units: ResolvedUnits): Promise<void> {
    const { input, symbol } = plan;
    await manager.query(
      `UPDATE plans SET symbol = $2, number = $3, document_kind = $4, issuer_code = $5, title = $6, issuing_unit = $7,
         issuing_unit_id = $8, issuing_unit_path = $9, issue_date = $10, signer = $11, basis = $12,
         parent_assignment_id = $13, updated_at = now()
       WHERE id = $1`,
      [
        id, symbol.symbol, symbol.number, symbol.documentKind, symbol.issuerCode, input.title.trim(),
        JSON.stringify(unitRef(units.issuer)), units.issuer.id, units.issuer.path, input.issueDate,
        input.signer ?? null, JSON.stringify(input.basis ?? []), input.parentAssignmentId ?? null,
      ],
    );
    await manager.query('DELETE FROM plan_tasks WHERE plan_id = $1', [id]);
    await this.insertTasks(manager, id, plan, units);
    await this.saveReporting(manager, id, plan, units);
  }

  /** Reporting duties (with their parsed deadlines and resolved reporters), indicators and targets. */
  private async saveReporting(manager: EntityManager, planId: string, plan: CheckedPlan, units: ResolvedUnits): Promise<void> {
    await manager.query('UPDATE plans SET reporting_obligations = $2, indicators = $3, targets = $4 WHERE id = $1', [
      planId,
      JSON.stringify(storedObligations(plan, units)),
      JSON.stringify(plan.reporting.indicators),
      JSON.stringify(plan.reporting.targets),
    ]);
  }

  /** What plans.plan.issued carries about reporting. */
  async reportingForIssue(manager: EntityManager, planId: string): Promise<Pick<PlanRow, 'reporting_obligations' | 'indicators' | 'targets'>> {
    const [row] = await manager.query('SELECT reporting_obligations, indicators, targets FROM plans WHERE id = $1', [planId]);
    return row;
  }

  /** One statement for all tasks: the rows travel as one JSON array. */
  private async insertTasks(manager: EntityManager, planId: string, plan: CheckedPlan, units: ResolvedUnits): Promise<void> {
    const rows = plan.tasks.map((task, position) => ({
      id: crypto.randomUUID(),
      position,
      number: task.number,
      title: task.title.trim(),
      directing_unit: unitRef(units.byCode.get(task.directingUnitCode ?? '')),
      lead_unit: unitRef(units.byCode.get(task.leadUnitCode ?? '')),
      coordinating_units: (task.coordinatingUnitCodes ?? []).map((code) => unitRef(units.byCode.get(code))),
      implementing: task.implementing ?? null,
      target: targetOf(task.implementing, units),
      timeline: task.timeline,
      deadline: task.deadline,
      due_at: task.dueAt,
      parent_assignment_id: task.parentAssignmentId ?? plan.input.parentAssignmentId ?? null,
    }));
    await manager.query(
      `INSERT INTO plan_tasks (id, plan_id, position, number, title, directing_unit, lead_unit, coordinating_units,
         implementing, target, timeline, deadline, due_at, parent_assignment_id)
       SELECT r.id, $1, r.position, r.number, r.title, r.directing_unit, r.lead_unit, r.coordinating_units,
         r.implementing, r.target, r.timeline, r.deadline, r.due_at, r.parent_assignment_id
       FROM jsonb_to_recordset($2::jsonb) AS r(id uuid, position int, number text, title text, directing_unit jsonb,
         lead_unit jsonb, coordinating_units jsonb, implementing jsonb, target jsonb, timeline text, deadline jsonb,
         due_at timestamptz, parent_assignment_id uuid)`,
      [planId, JSON.stringify(rows)],
    );
  }

  async findVisible(manager: EntityManager, actor: Actor, id: string, lock = false): Promise<PlanView | null> {
    const [plan]: PlanRow[] = await manager.query(
      `SELECT * FROM plans WHERE id = $1 AND issuing_unit_path <@ $2::ltree ${lock ? 'FOR UPDATE' : ''}`,
      [id, actor.unitPath],
    );
    if (!plan) return null;
    const tasks: TaskRow[] = await manager.query('SELECT * FROM plan_tasks WHERE plan_id = $1 ORDER BY position', [id]);
    return {
      ...toPlanView(plan),
      tasks: tasks.map(toTaskView),
      reportingObligations: (plan.reporting_obligations ?? []).map(obligationView),
      indicators: plan.indicators ?? [],
      targets: plan.targets ?? [],
    };
  }

  /** The rows the cascade needs, with explicit units already resolved to ids. */
  async tasksForIssue(manager: EntityManager, planId: string): Promise<(TaskRow & { target: unknown })[]> {
    return manager.query('SELECT * FROM plan_tasks WHERE plan_id = $1 ORDER BY position', [planId]);
  }

  async markIssued(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`UPDATE plans SET status = 'issued', issued_at = now(), updated_at = now() WHERE id = $1`, [id]);
  }

  async list(actor: Actor, status: PlanStatus | undefined, { page, pageSize, offset }: { page: number; pageSize: number; offset: number }): Promise<PlanPage> {
    const rows: PlanRow[] = await this.dataSource.query(
      `SELECT p.*, (SELECT count(*) FROM plan_tasks t WHERE t.plan_id = p.id) AS task_count, count(*) OVER () AS total
       FROM plans p
       WHERE p.issuing_unit_path <@ $1::ltree AND ($2::text IS NULL OR p.status = $2)
       ORDER BY p.issue_date DESC, p.created_at DESC
       LIMIT $3 OFFSET $4`,
      [actor.unitPath, status ?? null, pageSize, offset],
    );
    const total = rows.length ? Number((rows[0] as PlanRow & { total: string }).total) : 0;
    return {
      items: rows.map((row) => ({ ...toPlanView(row), taskCount: Number(row.task_count) })),
      total,
      page,
      pageSize,
    };
  }
}

function targetOf(selector: ImplementingSelector | undefined, units: ResolvedUnits) {
  if (!selector) return null;
  if (selector.type === 'units') return { type: 'units', unitIds: selector.unitCodes.map((code) => units.byCode.get(code)!.id) };
  return selector;
}

function toPlanView(row: PlanRow): Omit<PlanView, 'tasks'> {
  return {
    id: row.id,
    symbol: row.symbol,
    number: row.number,
    documentKind: row.document_kind,
    issuerCode: row.issuer_code,
    title: row.title,
    issuingUnit: row.issuing_unit,
    issueDate: row.issue_date,
    signer: row.signer,
    basis: row.basis,
    parentAssignmentId: row.parent_assignment_id,
    status: row.status,
    issuedAt: row.issued_at ? row.issued_at.toISOString() : null,
  };
}

function toTaskView(row: TaskRow): TaskView {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    directingUnit: row.directing_unit,
    leadUnit: row.lead_unit,
    coordinatingUnits: row.coordinating_units,
    implementing: row.implementing,
    timeline: row.timeline,
    deadline: row.deadline,
    parentAssignmentId: row.parent_assignment_id,
  };
}
