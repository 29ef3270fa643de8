import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  Actor,
  Figures,
  IndicatorDefinition,
  ListReportsRequest,
  ReportDeadlineHistoryEntry,
  ReportDeadlineView,
  ReportPage,
  ReportStatus,
  ReportVersionView,
  ReportView,
  UnitRef,
} from '#contracts';
import { isUuid } from '../progress/access.js';
import { monitoredBy, throughUnit } from './monitoring.js';

export interface ReportRow {
  id: string;
  plan_id: string;
  plan_symbol: string;
  plan_title: string;
  obligation_id: string;
  obligation_code: string;
  obligation_title: string;
  timeline: string;
  through: string | null;
  to_unit: UnitRef | null;
  indicator_codes: string[];
  period_key: string;
  period_label: string;
  unit_id: string;
  unit_code: string;
  unit_name: string;
  unit_kind: string;
  unit_path: string;
  due_at: Date;
  status: ReportStatus;
  version: number;
  first_submitted_at: Date | null;
  last_submitted_at: Date | null;
  return_reason: string | null;
  draft: { figures: Figures; note: string | null } | null;
  total?: string;
}

const SELECT = `
  SELECT r.id, r.plan_id, p.symbol AS plan_symbol, p.title AS plan_title, r.obligation_id, o.code AS obligation_code,
    o.title AS obligation_title, o.timeline, o.through, o.to_unit, o.indicator_codes, r.period_key, rp.label AS period_label,
    r.unit_id::text AS unit_id, u.code AS unit_code, u.name AS unit_name, u.kind AS unit_kind, u.path::text AS unit_path,
    r.due_at, r.status, r.version, r.first_submitted_at, r.last_submitted_at, r.return_reason, r.draft,
    count(*) OVER () AS total
  FROM reports r
  JOIN units u ON u.id = r.unit_id
  JOIN obligations o ON o.id = r.obligation_id
  JOIN plans p ON p.id = r.plan_id
  JOIN report_periods rp ON rp.obligation_id = r.obligation_id AND rp.period_key = r.period_key`;

/**
 * Reports, read only inside the caller's subtree (`u.path <@ actor path`), plus those of the
 * duties the caller's unit monitors or receives (see monitoring.ts): any other sibling's or
 * parent's report does not exist for the caller.
 */
@Injectable()
export class ReportsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findVisible(manager: EntityManager, actor: Actor, id: string): Promise<ReportRow | null> {
    const [row]: ReportRow[] = await manager.query(`${SELECT} WHERE r.id = $1 AND (u.path <@ $2::ltree OR ${monitoredBy('o', '$3::text')})`, [
      id,
      actor.unitPath,
      actor.unitId,
    ]);
    return row ?? null;
  }

  async list(request: ListReportsRequest): Promise<ReportPage> {
    const page = Math.max(1, request.page ?? 1);
    const pageSize = Math.min(200, Math.max(1, request.pageSize ?? 20));
    // A plan id that cannot exist matches nothing (rather than failing the cast).
    if (request.planId !== undefined && !isUuid(request.planId)) return { items: [], total: 0, page, pageSize };
    // One scope or the other ($1: the caller's path, or its unit id), never an OR of both: each
    // stays an index probe (the subtree by the units' GiST path, monitored duties by obligation).
    const throughMe = request.throughMe === true;
    const scope = throughMe ? throughUnit('r', '$1::text') : 'u.path <@ $1::ltree';
    const rows: ReportRow[] = await this.dataSource.query(
      `${SELECT}
       WHERE ${scope}
         AND ($2::boolean IS NOT TRUE OR r.unit_id = $3)
         AND ($4::uuid IS NULL OR r.plan_id = $4)
         AND ($5::text IS NULL OR o.code = $5)
         AND ($6::text IS NULL OR r.period_key = $6)
         AND ($7::text IS NULL OR r.status = $7)
         AND ($8::text IS NULL OR u.code = $8)
       ORDER BY r.due_at, p.symbol, o.position, u.code
       LIMIT $9 OFFSET $10`,
      [
        throughMe ? request.actor.unitId : request.actor.unitPath,
        request.mine ?? false,
        request.actor.unitId,
        request.planId ?? null,
        request.obligationCode ?? null,
        request.period ?? null,
        request.status ?? null,
        request.unitCode ?? null,
        pageSize,
        (page - 1) * pageSize,
      ],
    );
    return {
      items: rows.map((row) => {
        const { indicators: _i, draft: _d, versions: _v, ...view } = toView(row, []);
        return view;
      }),
      total: rows.length ? Number(rows[0].total) : 0,
      page,
      pageSize,
    };
  }

  async indicatorsOf(manager: EntityManager, row: Pick<ReportRow, 'plan_id' | 'indicator_codes'>): Promise<IndicatorDefinition[]> {
    const rows: { definition: IndicatorDefinition }[] = await manager.query(
      'SELECT definition FROM indicators WHERE plan_id = $1 AND code = ANY($2::text[]) ORDER BY position',
      [row.plan_id, row.indicator_codes],
    );
    return rows.map((r) => r.definition);
  }

  /** Where the report's deadline watch stands and who was told so far, oldest first. */
  async deadline(manager: EntityManager, reportId: string): Promise<ReportDeadlineView> {
    const [[watch], history]: [
      { next_step: string | null; next_at: Date | null; escalation_level: number }[],
      {
        step: string;
        kind: ReportDeadlineHistoryEntry['kind'];
        deadline_at: Date;
        unit_id: string;
        code: string;
        name: string;
        target_role: string;
        reason: string;
        event_id: string;
        occurred_at: Date;
      }[],
    ] = await Promise.all([
      manager.query('SELECT next_step, next_at, escalation_level FROM reports WHERE id = $1', [reportId]),
      manager.query(
        `SELECT h.step, h.kind, h.deadline_at, h.target_unit_id::text AS unit_id, u.code, u.name, h.target_role, h.reason,
           h.event_id, h.occurred_at
         FROM report_deadline_history h JOIN units u ON u.id = h.target_unit_id
         WHERE h.report_id = $1 ORDER BY h.id`,
        [reportId],
      ),
    ]);
    return {
      nextStep: watch?.next_step ?? null,
      nextAt: watch?.next_at?.toISOString() ?? null,
      escalationLevel: watch?.escalation_level ?? 0,
      history: history.map((h) => ({
        step: h.step,
        kind: h.kind,
        deadlineAt: h.deadline_at.toISOString(),
        target: { unitId: h.unit_id, unitCode: h.code, unitName: h.name, role: h.target_role },
        reason: h.reason,
        eventId: h.event_id,
        occurredAt: h.occurred_at.toISOString(),
      })),
    };
  }

  async versions(manager: EntityManager, reportId: string): Promise<ReportVersionView[]> {
    const rows: {
      version: number;
      status: 'submitted' | 'resubmitted';
      figures: Figures;
      note: string | null;
      submitted_by: string;
      submitted_at: Date;
      review: ReportVersionView['review'];
    }[] = await manager.query(
      'SELECT version, status, figures, note, submitted_by, submitted_at, review FROM report_versions WHERE report_id = $1 ORDER BY version',
      [reportId],
    );
    return rows.map((row) => ({
      version: row.version,
      status: row.status,
      figures: row.figures,
      note: row.note,
      submittedBy: row.submitted_by,
      submittedAt: row.submitted_at.toISOString(),
      review: row.review,
    }));
  }
}

export function toView(row: ReportRow, indicators: IndicatorDefinition[], versions?: ReportVersionView[]): ReportView {
  const submitted = row.first_submitted_at;
  return {
    id: row.id,
    plan: { id: row.plan_id, symbol: row.plan_symbol, title: row.plan_title },
    obligation: { id: row.obligation_id, code: row.obligation_code, title: row.obligation_title, timeline: row.timeline, through: row.through, to: row.to_unit },
    period: { key: row.period_key, label: row.period_label },
    unit: { id: row.unit_id, code: row.unit_code, name: row.unit_name, kind: row.unit_kind },
    dueAt: row.due_at.toISOString(),
    status: row.status,
    version: row.version,
    firstSubmittedAt: submitted?.toISOString() ?? null,
    lastSubmittedAt: row.last_submitted_at?.toISOString() ?? null,
    onTime: submitted ? submitted <= row.due_at : null,
    returnReason: row.return_reason,
    draft: row.draft,
    indicators,
    ...(versions ? { versions } : {}),
  };
}
