import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  Actor,
  Deadline,
  IndicatorDefinition,
  PlanSummaryRequest,
  PlanTreeRequest,
  ProgressNode,
  ProgressTreePage,
  RatingLevel,
  ReportingPlanView,
  ReportStatus,
  TargetDefinition,
  UnitSummary,
} from '#contracts';
import { DomainError } from '#service-kit';
import { LOCAL_ZONE } from '#timeline';
import { previousPeriodKey } from '../obligations/periods.js';
import {
  assignmentStats,
  indicatorResults,
  indicatorValue,
  periodReporting,
  ratingDistributions,
  reportCounts,
  type AssignmentAggRow,
  type FigureAggRow,
  type PeriodMeta,
  type RatingAggRow,
  type ReportAggRow,
  type UnitAggRow,
} from '../rollup/summary.js';
import { evaluateTarget, type TargetFacts } from '../targets/targets.policy.js';
import { unitRef, visiblePlan, visibleUnit, type PlanRow, type UnitRow } from './access.js';

interface ObligationRow {
  id: string;
  code: string;
  title: string;
  timeline: string;
  deadline: Deadline;
  indicator_codes: string[];
  through: string | null;
}

interface PeriodRow {
  obligation_id: string;
  period_key: string;
  label: string;
  due_at: Date;
}

/** A plan's reporting definition: obligations, their opened periods, indicators, targets. */
export interface PlanDefinition {
  plan: PlanRow;
  obligations: ObligationRow[];
  periods: PeriodRow[];
  indicators: IndicatorDefinition[];
  targets: TargetDefinition[];
}

export interface Selection {
  obligationId: string;
  obligation: string;
  period: string;
  label: string;
  dueAt: Date;
}

const MAX_EXPORT_ROWS = 5000;

/**
 * Read side of the roll-up: a unit's summary of a plan and the plan's progress tree, each from a
 * handful of indexed lookups on the roll-up rows of the units shown (never a scan of the subtree
 * below them), so the cost does not grow with the tree.
 */
@Injectable()
export class ProgressService {
  constructor(private readonly dataSource: DataSource) {}

  async definition(manager: EntityManager, plan: PlanRow): Promise<PlanDefinition> {
    const [obligations, periods, indicators, targets] = await Promise.all([
      manager.query('SELECT id, code, title, timeline, deadline, indicator_codes, through FROM obligations WHERE plan_id = $1 ORDER BY position', [
        plan.id,
      ]) as Promise<ObligationRow[]>,
      manager.query(
        `SELECT rp.obligation_id, rp.period_key, rp.label, rp.due_at FROM report_periods rp JOIN obligations o ON o.id = rp.obligation_id
         WHERE o.plan_id = $1 ORDER BY rp.due_at, rp.period_key`,
        [plan.id],
      ) as Promise<PeriodRow[]>,
      manager
        .query('SELECT definition FROM indicators WHERE plan_id = $1 ORDER BY position', [plan.id])
        .then((rows: { definition: IndicatorDefinition }[]) => rows.map((row) => row.definition)),
      manager
        .query('SELECT definition FROM targets WHERE plan_id = $1 ORDER BY position', [plan.id])
        .then((rows: { definition: TargetDefinition }[]) => rows.map((row) => ({ ...row.definition, max: row.definition.max ?? null }))),
    ]);
    return { plan, obligations, periods, indicators, targets };
  }

  /**
   * The obligation and period figures are read for: as asked, else the first obligation that
   * carries indicators, in the period units are reporting for now (the first whose deadline is
   * ahead; the last one once all have passed).
   */
  select(definition: PlanDefinition, obligationCode: string | undefined, periodKey: string | undefined, now: Date): Selection | null {
    const { obligations, periods } = definition;
    if (obligationCode !== undefined && !obligations.some((o) => o.code === obligationCode)) {
      throw DomainError.invalid('REPORTING.INVALID_SELECTION', [{ path: 'obligation', message: `Kế hoạch không có nghĩa vụ báo cáo "${obligationCode}"` }]);
    }
    const obligation = obligations.find((o) => o.code === obligationCode) ?? obligations.find((o) => o.indicator_codes.length) ?? obligations[0];
    if (!obligation) {
      if (periodKey !== undefined) throw DomainError.invalid('REPORTING.INVALID_SELECTION', [{ path: 'period', message: 'Kế hoạch không có kỳ báo cáo nào' }]);
      return null;
    }
    const own = periods.filter((p) => p.obligation_id === obligation.id);
    let period: PeriodRow | undefined;
    if (periodKey !== undefined) {
      period = own.find((p) => p.period_key === periodKey);
      if (!period) {
        throw DomainError.invalid('REPORTING.INVALID_SELECTION', [
          { path: 'period', message: `Kỳ "${periodKey}" chưa mở cho báo cáo "${obligation.code}" (các kỳ: ${own.map((p) => p.period_key).join(', ') || 'chưa có'})` },
        ]);
      }
    } else {
      period = own.find((p) => p.due_at >= now) ?? own[own.length - 1];
    }
    if (!period) return null;
    return { obligationId: obligation.id, obligation: obligation.code, period: period.period_key, label: period.label, dueAt: period.due_at };
  }

  currentPeriodOf(definition: PlanDefinition, obligationId: string, now: Date): string | null {
    const own = definition.periods.filter((p) => p.obligation_id === obligationId);
    return (own.find((p) => p.due_at >= now) ?? own[own.length - 1])?.period_key ?? null;
  }

  async planView(actor: Actor, planId: string): Promise<ReportingPlanView> {
    const manager = this.dataSource.manager;
    const plan = await visiblePlan(manager, actor, planId);
    const definition = await this.definition(manager, plan);
    const full: (ObligationRow & { to_unit: unknown; through_unit: unknown; target: unknown; until: string | null; ad_hoc: boolean })[] =
      await manager.query(
        `SELECT id, code, title, timeline, deadline, indicator_codes, through, to_unit, through_unit, target,
           to_char(until, 'YYYY-MM-DD') AS until, ad_hoc
         FROM obligations WHERE plan_id = $1 ORDER BY position`,
        [plan.id],
      );
    return {
      plan: { id: plan.id, symbol: plan.symbol, title: plan.title, issueDate: plan.issue_date, issuer: plan.issuer },
      obligations: full.map((o) => ({
        id: o.id,
        code: o.code,
        title: o.title,
        timeline: o.timeline,
        deadline: o.deadline,
        reporters: o.target as ReportingPlanView['obligations'][number]['reporters'],
        to: o.to_unit as ReportingPlanView['obligations'][number]['to'],
        through: o.through,
        throughUnit: o.through_unit as ReportingPlanView['obligations'][number]['throughUnit'],
        indicators: o.indicator_codes,
        until: o.until,
        adHoc: o.ad_hoc,
        periods: definition.periods
          .filter((p) => p.obligation_id === o.id)
          .map((p) => ({ key: p.period_key, label: p.label, dueAt: p.due_at.toISOString() })),
      })),
      indicators: definition.indicators,
      targets: definition.targets,
    };
  }

  async summary(request: PlanSummaryRequest, now = new Date()): Promise<UnitSummary> {
    const manager = this.dataSource.manager;
    const [plan, unit] = await inOrder(visiblePlan(manager, request.actor, request.planId), visibleUnit(manager, request.actor, request.unitCode));
    const definition = await this.definition(manager, plan);
    const selection = this.select(definition, request.obligation, request.period, now);
    return this.summaryOf(manager, definition, unit, selection, now);
  }

  async summaryOf(manager: EntityManager, definition: PlanDefinition, unit: UnitRow, selection: Selection | null, now: Date): Promise<UnitSummary> {
    const { plan, obligations, periods, indicators, targets } = definition;
    const [assignments, reports, figures, ratings, units] = await Promise.all([
      manager.query('SELECT * FROM agg_assignments WHERE plan_id = $1 AND unit_id = $2', [plan.id, unit.id]) as Promise<AssignmentAggRow[]>,
      manager.query('SELECT * FROM agg_reports WHERE plan_id = $1 AND unit_id = $2', [plan.id, unit.id]) as Promise<ReportAggRow[]>,
      manager.query('SELECT * FROM agg_figures WHERE unit_id = $2 AND plan_id = $1', [plan.id, unit.id]) as Promise<FigureAggRow[]>,
      manager.query('SELECT period, kind, level, n FROM agg_ratings WHERE unit_id = $1', [unit.id]) as Promise<RatingAggRow[]>,
      manager.query('SELECT kind, n FROM agg_units WHERE unit_id = $1', [unit.id]) as Promise<UnitAggRow[]>,
    ]);
    const codeOf = new Map(obligations.map((o) => [o.id, o.code]));
    const metas: PeriodMeta[] = periods.map((p) => ({
      obligationId: p.obligation_id,
      obligationCode: codeOf.get(p.obligation_id)!,
      period: p.period_key,
      label: p.label,
      dueAt: p.due_at.toISOString(),
    }));
    const reporting = periodReporting(reports, metas, now);
    const ratingPeriod = ratingPeriodOf(selection?.period, now);
    const stats = assignmentStats(assignments, now);
    const selected = selection ? obligations.find((o) => o.id === selection.obligationId)! : null;
    const carried = selected ? indicators.filter((i) => selected.indicator_codes.includes(i.code)) : [];
    const selectedFigures = selection ? figures.filter((f) => f.obligation_id === selection.obligationId && f.period_key === selection.period) : [];

    const idOf = new Map(obligations.map((o) => [o.code, o.id]));
    const facts: TargetFacts = {
      assignments: stats,
      indicators: new Map(indicators.map((i) => [i.code, i])),
      obligations: obligations.map((o) => ({ code: o.code, indicators: o.indicator_codes })),
      selection: selection ? { obligation: selection.obligation, period: selection.period } : null,
      currentPeriod: (code) => this.currentPeriodOf(definition, idOf.get(code) ?? '', now),
      previousPeriod: previousPeriodKey,
      reporting: (code, period) => {
        const id = idOf.get(code);
        const rows = reports.filter((r) => r.obligation_id === id && r.period_key === period);
        return rows.length ? reportCounts(rows, now) : null;
      },
      figures: (code, period, indicator) => {
        const id = idOf.get(code);
        const row = figures.find((f) => f.obligation_id === id && f.period_key === period && f.indicator_code === indicator);
        return row ? { n: row.n, sum: Number(row.sum), yes: row.yes } : null;
      },
      ratings: (period, kind) => ratingDistributions(ratings, units, period).find((d) => d.kind === kind) ?? null,
      ratingPeriod,
    };
    return {
      plan: { id: plan.id, symbol: plan.symbol, title: plan.title, issuer: plan.issuer },
      unit: { ...unitRef(unit), kind: unit.kind, path: unit.path },
      selection: selection ? { obligationId: selection.obligationId, obligation: selection.obligation, period: selection.period, label: selection.label } : null,
      ratingPeriod,
      asOf: now.toISOString(),
      assignments: stats,
      reporting,
      figures: indicatorResults(carried, selectedFigures),
      ratings: ratingDistributions(ratings, units, ratingPeriod),
      targets: targets.map((target) => evaluateTarget(target, facts)),
    };
  }

  async tree(request: PlanTreeRequest, now = new Date()): Promise<ProgressTreePage> {
    const manager = this.dataSource.manager;
    const [plan, parent] = await inOrder(visiblePlan(manager, request.actor, request.planId), visibleUnit(manager, request.actor, request.unitCode));
    const definition = await this.definition(manager, plan);
    const selection = this.select(definition, request.obligation, request.period, now);
    const page = Math.max(1, request.page ?? 1);
    const pageSize = Math.min(200, Math.max(1, request.pageSize ?? 50));
    const { items, total } = await this.children(manager, definition, parent, selection, now, pageSize, (page - 1) * pageSize);
    return {
      parent: { ...unitRef(parent), kind: parent.kind },
      selection: selection ? { obligationId: selection.obligationId, obligation: selection.obligation, period: selection.period, label: selection.label } : null,
      items,
      total,
      page,
      pageSize,
    };
  }

  /** Every unit directly below `parent` taking part in the plan (for exports), capped. */
  allChildren(manager: EntityManager, definition: PlanDefinition, parent: UnitRow, selection: Selection | null, now: Date) {
    return this.children(manager, definition, parent, selection, now, MAX_EXPORT_ROWS, 0);
  }

  /**
   * A page of the units directly below `parent` that take part in the plan (an assignment or an
   * expected report in their subtree), in the order the directory received them (the official
   * list's order), each with its subtree's roll-up: one query for the page, then one lookup per
   * roll-up table for the page's ids.
   */
  private async children(
    manager: EntityManager,
    definition: PlanDefinition,
    parent: UnitRow,
    selection: Selection | null,
    now: Date,
    limit: number,
    offset: number,
  ): Promise<{ items: ProgressNode[]; total: number }> {
    const planId = definition.plan.id;
    // Scalar subqueries with LIMIT 1, not EXISTS: an OR of EXISTS becomes a hashed subplan that
    // reads every roll-up row of the plan (100,000 on a big tree); these stay index probes.
    const inPlan = (alias: string) => `((SELECT true FROM agg_assignments a WHERE a.plan_id = $1 AND a.unit_id = ${alias}.id LIMIT 1) IS NOT NULL
      OR (SELECT true FROM agg_reports r WHERE r.plan_id = $1 AND r.unit_id = ${alias}.id LIMIT 1) IS NOT NULL)`;
    const rows: (UnitRow & { total: string; has_children: boolean })[] = await manager.query(
      `SELECT c.id::text AS id, c.code, c.name, c.kind, c.path::text AS path, count(*) OVER () AS total,
         EXISTS (SELECT 1 FROM units g WHERE g.parent_id = c.id AND ${inPlan('g')}) AS has_children
       FROM units c
       WHERE c.parent_id = $2 AND ${inPlan('c')}
       ORDER BY c.id LIMIT $3 OFFSET $4`,
      [planId, parent.id, limit, offset],
    );
    const ids = rows.map((row) => row.id);
    if (ids.length === 0) return { items: [], total: 0 };
    const ratingPeriod = ratingPeriodOf(selection?.period, now);
    const [assignments, reports, figures, own, ratings] = await Promise.all([
      manager.query('SELECT unit_id::text AS unit_id, * FROM agg_assignments WHERE plan_id = $1 AND unit_id = ANY($2::bigint[])', [planId, ids]) as Promise<
        (AssignmentAggRow & { unit_id: string })[]
      >,
      selection
        ? (manager.query('SELECT unit_id::text AS unit_id, * FROM agg_reports WHERE obligation_id = $1 AND period_key = $2 AND unit_id = ANY($3::bigint[])', [
            selection.obligationId,
            selection.period,
            ids,
          ]) as Promise<(ReportAggRow & { unit_id: string })[]>)
        : Promise.resolve([]),
      selection
        ? (manager.query('SELECT unit_id::text AS unit_id, * FROM agg_figures WHERE unit_id = ANY($3::bigint[]) AND obligation_id = $1 AND period_key = $2', [
            selection.obligationId,
            selection.period,
            ids,
          ]) as Promise<(FigureAggRow & { unit_id: string })[]>)
        : Promise.resolve([]),
      selection
        ? (manager.query('SELECT id, unit_id::text AS unit_id, status FROM reports WHERE obligation_id = $1 AND period_key = $2 AND unit_id = ANY($3::bigint[])', [
            selection.obligationId,
            selection.period,
            ids,
          ]) as Promise<{ id: string; unit_id: string; status: ReportStatus }[]>)
        : Promise.resolve([]),
      manager.query('SELECT unit_id::text AS unit_id, level FROM ratings WHERE period = $1 AND unit_id = ANY($2::bigint[])', [ratingPeriod, ids]) as Promise<
        { unit_id: string; level: RatingLevel }[]
      >,
    ]);
    const selected = selection ? definition.obligations.find((o) => o.id === selection.obligationId)! : null;
    const carried = selected ? definition.indicators.filter((i) => selected.indicator_codes.includes(i.code)) : [];
    const items = rows.map((row): ProgressNode => {
      const mine = reports.filter((r) => r.unit_id === row.id);
      const report = own.find((r) => r.unit_id === row.id);
      return {
        unit: { ...unitRef(row), kind: row.kind },
        hasChildren: row.has_children,
        assignments: assignmentStats(
          assignments.filter((a) => a.unit_id === row.id),
          now,
        ),
        reporting: selection ? reportCounts(mine, now) : null,
        ownReport: report ? { id: report.id, status: report.status } : null,
        figures: Object.fromEntries(
          carried.map((indicator) => [indicator.code, indicatorValue(indicator, figures.find((f) => f.unit_id === row.id && f.indicator_code === indicator.code))]),
        ),
        rating: ratings.find((r) => r.unit_id === row.id)?.level ?? null,
      };
    });
    return { items, total: Number(rows[0].total) };
  }
}

/** Both at once; if both fail, the first one's error (a missing plan before a missing unit). */
async function inOrder<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [x, y] = await Promise.allSettled([a, b]);
  if (x.status === 'rejected') throw x.reason;
  if (y.status === 'rejected') throw y.reason;
  return [x.value, y.value];
}

/** Ratings are yearly: the year of the selected period, or this year in Viet Nam. */
export function ratingPeriodOf(period: string | undefined, now: Date): string {
  const year = period && /^\d{4}/.exec(period)?.[0];
  return year ?? String(DateTime.fromJSDate(now, { zone: LOCAL_ZONE }).year);
}
