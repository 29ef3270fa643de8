import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  Actor,
  Figures,
  IndicatorDefinition,
  ListReportsRequest,
  ReportDeadlineView,
  ReportPage,
  ReportStatus,
  ReportVersionView,
  ReportView,
  UnitRef,
} from '#contracts';
import { preparedQuery } from '#persistence';
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

/** Plans' indicator lists kept in memory (oldest dropped first). */
const INDICATOR_CACHE_SIZE = 1000;

/** What a submission reads of its report (ReportsRepository.lockForSubmit). */
export type SubmitRow = Pick<
  ReportRow,
  'id' | 'plan_id' | 'obligation_id' | 'obligation_code' | 'through' | 'indicator_codes' | 'period_key' | 'unit_id' | 'due_at' | 'status' | 'version' | 'first_submitted_at'
> & { replay: boolean };

/** The columns of a single report's page (ReportsRepository.findDetail). */
interface ReportDetailColumns {
  versions: ReportVersionView[];
  deadline: ReportDeadlineView;
}

const ISO = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const COLUMNS = `
  r.id, r.plan_id, p.symbol AS plan_symbol, p.title AS plan_title, r.obligation_id, o.code AS obligation_code,
  o.title AS obligation_title, o.timeline, o.through, o.to_unit, o.indicator_codes, r.period_key, rp.label AS period_label,
  r.unit_id::text AS unit_id, u.code AS unit_code, u.name AS unit_name, u.kind AS unit_kind, u.path::text AS unit_path,
  r.due_at, r.status, r.version, r.first_submitted_at, r.last_submitted_at, r.return_reason, r.draft`;

const FROM = `
  FROM reports r
  JOIN units u ON u.id = r.unit_id
  JOIN obligations o ON o.id = r.obligation_id
  JOIN plans p ON p.id = r.plan_id
  JOIN report_periods rp ON rp.obligation_id = r.obligation_id AND rp.period_key = r.period_key`;

const SELECT = `SELECT ${COLUMNS}, count(*) OVER () AS total ${FROM}`;

const SELECT_DETAIL = `
  SELECT ${COLUMNS},
    (SELECT coalesce(json_agg(json_build_object('version', v.version, 'status', v.status, 'figures', v.figures, 'note', v.note,
       'submittedBy', v.submitted_by, 'submittedAt', ${ISO('v.submitted_at')}, 'review', v.review) ORDER BY v.version), '[]')
     FROM report_versions v WHERE v.report_id = r.id) AS versions,
    json_build_object(
      'nextStep', r.next_step, 'nextAt', ${ISO('r.next_at')}, 'escalationLevel', r.escalation_level,
      'history', (SELECT coalesce(json_agg(json_build_object('step', h.step, 'kind', h.kind, 'deadlineAt', ${ISO('h.deadline_at')},
          'target', json_build_object('unitId', h.target_unit_id::text, 'unitCode', t.code, 'unitName', t.name, 'role', h.target_role),
          'reason', h.reason, 'eventId', h.event_id, 'occurredAt', ${ISO('h.occurred_at')}) ORDER BY h.id), '[]')
        FROM report_deadline_history h JOIN units t ON t.id = h.target_unit_id WHERE h.report_id = r.id)) AS deadline
  ${FROM}`;

/** One report visible to the caller: in its subtree, or of a duty its unit monitors or receives. */
const VISIBLE_BY_ID = `r.id = $1 AND (u.path <@ $2::ltree OR ${monitoredBy('o', '$3::text')})`;

const DETAIL_BY_ID = `${SELECT_DETAIL} WHERE ${VISIBLE_BY_ID}`;

const LOCK_FOR_SUBMIT = `
  SELECT r.id, r.plan_id, r.obligation_id, o.code AS obligation_code, o.through, o.indicator_codes, r.period_key,
    r.unit_id::text AS unit_id, r.due_at, r.status, r.version, r.first_submitted_at,
    ($4::text IS NOT NULL AND EXISTS (SELECT 1 FROM report_versions v WHERE v.report_id = r.id AND v.idempotency_key = $4)) AS replay
  FROM reports r JOIN units u ON u.id = r.unit_id JOIN obligations o ON o.id = r.obligation_id
  WHERE ${VISIBLE_BY_ID}
  FOR UPDATE OF r`;

/**
 * Reports, read only inside the caller's subtree (`u.path <@ actor path`), plus those of the
 * duties the caller's unit monitors or receives (see monitoring.ts): any other sibling's or
 * parent's report does not exist for the caller.
 */
@Injectable()
export class ReportsRepository {
  private readonly indicatorCache = new Map<string, IndicatorDefinition[]>();

  constructor(private readonly dataSource: DataSource) {}

  async findVisible(manager: EntityManager, actor: Actor, id: string): Promise<ReportRow | null> {
    const [row]: ReportRow[] = await manager.query(`${SELECT} WHERE ${VISIBLE_BY_ID}`, [id, actor.unitPath, actor.unitId]);
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

  /**
   * A visible report, locked for a submission, with what the submission needs and whether this
   * idempotency key was already used on it: one statement (a burst of submissions is one query
   * each here, inside SubmissionBatcher's shared transaction).
   */
  async lockForSubmit(manager: EntityManager, actor: Actor, id: string, idempotencyKey: string | null): Promise<SubmitRow | null> {
    const [row] = await preparedQuery<SubmitRow>(manager, 'report-lock-for-submit', LOCK_FOR_SUBMIT, [id, actor.unitPath, actor.unitId, idempotencyKey]);
    return row ?? null;
  }

  /**
   * The indicators a report carries. A plan's indicators never change once issued, so they are
   * kept in memory per (plan, codes): a burst of submissions reads them once.
   */
  async indicatorsOf(manager: EntityManager, row: Pick<ReportRow, 'plan_id' | 'indicator_codes'>): Promise<IndicatorDefinition[]> {
    const key = `${row.plan_id}|${row.indicator_codes.join(',')}`;
    const cached = this.indicatorCache.get(key);
    if (cached) return cached;
    const rows: { definition: IndicatorDefinition }[] = await manager.query(
      'SELECT definition FROM indicators WHERE plan_id = $1 AND code = ANY($2::text[]) ORDER BY position',
      [row.plan_id, row.indicator_codes],
    );
    const definitions = rows.map((r) => r.definition);
    // Only once the plan's indicators exist (an empty answer could mean "not arrived yet").
    if (definitions.length) {
      if (this.indicatorCache.size >= INDICATOR_CACHE_SIZE) this.indicatorCache.delete(this.indicatorCache.keys().next().value!);
      this.indicatorCache.set(key, definitions);
    }
    return definitions;
  }

  /**
   * One visible report with everything its page shows: every submitted version and the deadline
   * watch with who was told, oldest first. One statement (the answer to each submission).
   */
  async findDetail(manager: EntityManager, actor: Actor, id: string): Promise<(ReportRow & ReportDetailColumns) | null> {
    const [row] = await preparedQuery<ReportRow & ReportDetailColumns>(manager, 'report-detail', DETAIL_BY_ID, [id, actor.unitPath, actor.unitId]);
    return row ?? null;
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
