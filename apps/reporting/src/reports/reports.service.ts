import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import {
  EventSubjects,
  type Actor,
  type GetReportRequest,
  type ListReportsRequest,
  type ReportPage,
  type ReportView,
  type ReviewReportRequest,
  type SaveReportDraftRequest,
  type SubmitReportRequest,
} from '#contracts';
import { EventBus } from '#messaging';
import { appendToOutbox, preparedQuery } from '#persistence';
import { assertCanWrite, DomainError } from '#service-kit';
import { isUuid, REPORT_NOT_FOUND, unitRef } from '../progress/access.js';
import { addReportDeltas, removeFigures, type FigureRow, type ReportKey } from '../rollup/deltas.js';
import { lockTreeShared } from '../tree/tree-lock.js';
import { checkFigures, figuresObject } from './figures.validator.js';
import { canReview } from './monitoring.js';
import { judgeReportAction, rollupDelta, type ReportAction } from './report-lifecycle.policy.js';
import { ReportsRepository, toView, type ReportRow } from './reports.repository.js';
import { SubmissionBatcher, type SubmissionEffect } from './submission-batcher.js';

const MAX_NOTE = 10_000;

/**
 * The report lifecycle. The reporting unit drafts and submits its own report; an upper unit (or
 * the duty's monitoring body, see monitoring.ts) accepts it or returns it with a reason; every
 * submitted version is kept. Each change updates the roll-up in the same transaction and
 * publishes `reporting.report.*` through the outbox.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reports: ReportsRepository,
    private readonly bus: EventBus,
    private readonly batcher: SubmissionBatcher,
  ) {}

  list(request: ListReportsRequest): Promise<ReportPage> {
    return this.reports.list(request);
  }

  async get({ actor, reportId }: GetReportRequest): Promise<ReportView> {
    const manager = this.dataSource.manager;
    if (!isUuid(reportId)) throw REPORT_NOT_FOUND();
    const row = await this.reports.findDetail(manager, actor, reportId);
    if (!row) throw REPORT_NOT_FOUND();
    return { ...toView(row, await this.reports.indicatorsOf(manager, row), row.versions), deadline: row.deadline };
  }

  async saveDraft({ actor, reportId, figures, note }: SaveReportDraftRequest): Promise<ReportView> {
    await this.assertOwnUnit(actor, reportId);
    checkNote(note);
    await this.dataSource.transaction(async (manager) => {
      const row = await this.locked(manager, actor, reportId);
      const next = this.verdict(row, 'draft');
      const { errors } = checkFigures(await this.reports.indicatorsOf(manager, row), figures, false);
      if (errors.length) throw DomainError.invalid('REPORT.INVALID', errors, 'Số liệu báo cáo chưa hợp lệ');
      await manager.query('UPDATE reports SET status = $2, draft = $3, updated_at = now() WHERE id = $1', [
        row.id,
        next,
        JSON.stringify({ figures, note: note?.trim() || null }),
      ]);
    });
    return this.get({ actor, reportId });
  }

  async submit({ actor, reportId, figures, note, idempotencyKey }: SubmitReportRequest): Promise<ReportView> {
    if (!isUuid(reportId)) throw REPORT_NOT_FOUND();
    // Committed with the other submissions of the moment (group commit, see SubmissionBatcher):
    // this work throws only before it writes, and its three statements are the whole of it.
    await this.batcher.submit(async (manager): Promise<SubmissionEffect | null> => {
      const row = await this.reports.lockForSubmit(manager, actor, reportId, typeof idempotencyKey === 'string' ? idempotencyKey : null);
      if (!row) throw REPORT_NOT_FOUND();
      if (row.unit_id !== actor.unitId) throw DomainError.forbidden('Chỉ đơn vị báo cáo mới soạn và nộp báo cáo này');
      assertCanWrite(actor);
      checkNote(note);
      if (idempotencyKey !== undefined && (typeof idempotencyKey !== 'string' || !/^[\x21-\x7e]{1,200}$/.test(idempotencyKey))) {
        throw DomainError.invalid('REPORT.INVALID', [{ path: 'idempotencyKey', message: 'Khóa chống nộp trùng gồm 1–200 ký tự in được, không khoảng trắng' }]);
      }
      if (row.replay) return null; // the same submission again: nothing new
      const next = this.verdict(row, 'submit');
      const checked = checkFigures(await this.reports.indicatorsOf(manager, row), figures, true);
      if (checked.errors.length) throw DomainError.invalid('REPORT.INVALID', checked.errors, 'Số liệu báo cáo chưa hợp lệ');
      const now = new Date();
      const first = row.first_submitted_at ?? now;
      const onTime = first <= row.due_at;
      const version = row.version + 1;
      const { figures: figuresChange, ...delta } = rollupDelta({ status: row.status, onTime }, { status: next, onTime });
      await preparedQuery(manager, 'report-submit', SUBMIT_SQL, [
        row.id,
        version,
        next,
        JSON.stringify(figuresObject(checked.figures)),
        note?.trim() || null,
        actor.userId,
        now,
        idempotencyKey ?? null,
        first,
        figuresChange === 'add' ? JSON.stringify(checked.figures) : '[]',
      ]);
      await appendToOutbox(
        manager,
        EventSubjects.reportSubmitted,
        [
          {
            ...eventBase(row, version),
            resubmission: next === 'resubmitted',
            submittedAt: now.toISOString(),
            onTime,
            submittedBy: actor.userId,
            through: row.through,
          },
        ],
        { correlationId: actor.correlationId ?? randomUUID() },
      );
      const added = figuresChange === 'add' ? checked.figures.map((f) => ({ indicator_code: f.code, num: f.num, yes: f.yes })) : [];
      return { report: keyOf(row), delta, figures: added, published: true };
    });
    return this.get({ actor, reportId });
  }

  async review({ actor, reportId, decision, reason }: ReviewReportRequest): Promise<ReportView> {
    const current = await this.visible(this.dataSource.manager, actor, reportId);
    if (!(await canReview(this.dataSource.manager, actor, current))) {
      throw DomainError.forbidden('Chỉ cấp trên của đơn vị báo cáo hoặc cơ quan theo dõi báo cáo mới duyệt hoặc trả lại báo cáo');
    }
    assertCanWrite(actor);
    if (decision !== 'accept' && decision !== 'return') {
      throw DomainError.invalid('REPORT.INVALID', [{ path: 'decision', message: 'phải là accept hoặc return' }]);
    }
    if (decision === 'return' && !reason?.trim()) {
      throw DomainError.invalid('REPORT.INVALID', [{ path: 'reason', message: 'Cần nêu lý do trả lại báo cáo' }]);
    }
    checkNote(reason, 'reason');
    await this.dataSource.transaction(async (manager) => {
      await lockTreeShared(manager);
      const row = await this.locked(manager, actor, reportId);
      const next = this.verdict(row, decision);
      const now = new Date();
      const byUnit = { id: actor.unitId, code: actor.unitCode, name: await this.unitName(manager, actor.unitId) };
      const review = { decision: next, reason: decision === 'return' ? reason!.trim() : null, by: actor.userId, byUnit, at: now.toISOString() };
      await manager.query('UPDATE report_versions SET review = $3 WHERE report_id = $1 AND version = $2', [row.id, row.version, JSON.stringify(review)]);
      await manager.query('UPDATE reports SET status = $2, return_reason = $3, updated_at = now() WHERE id = $1', [row.id, next, review.reason]);
      const key = keyOf(row);
      const onTime = !!row.first_submitted_at && row.first_submitted_at <= row.due_at;
      const delta = rollupDelta({ status: row.status, onTime }, { status: next, onTime });
      await addReportDeltas(manager, [{ report: key, delta }]);
      if (delta.figures === 'remove') {
        const removed: FigureRow[] = await manager.query(
          `WITH gone AS (DELETE FROM report_figures WHERE report_id = $1 RETURNING indicator_code, num, yes)
           SELECT indicator_code, num, yes FROM gone ORDER BY indicator_code`,
          [row.id],
        );
        await removeFigures(manager, key, removed);
      }
      const base = { ...eventBase(row, row.version), reviewedBy: actor.userId, reviewerUnitId: actor.unitId };
      const meta = { correlationId: actor.correlationId ?? randomUUID() };
      if (next === 'accepted') await appendToOutbox(manager, EventSubjects.reportAccepted, [base], meta);
      else await appendToOutbox(manager, EventSubjects.reportReturned, [{ ...base, reason: review.reason! }], meta);
    });
    this.bus.published();
    return this.get({ actor, reportId });
  }

  private async visible(manager: EntityManager, actor: Actor, reportId: string): Promise<ReportRow> {
    if (!isUuid(reportId)) throw REPORT_NOT_FOUND();
    const row = await this.reports.findVisible(manager, actor, reportId);
    if (!row) throw REPORT_NOT_FOUND();
    return row;
  }

  /** Visible (404 otherwise), then: only the reporting unit's own writers draft and submit it. */
  private async assertOwnUnit(actor: Actor, reportId: string): Promise<void> {
    const row = await this.visible(this.dataSource.manager, actor, reportId);
    if (row.unit_id !== actor.unitId) throw DomainError.forbidden('Chỉ đơn vị báo cáo mới soạn và nộp báo cáo này');
    assertCanWrite(actor);
  }

  private async locked(manager: EntityManager, actor: Actor, reportId: string): Promise<ReportRow> {
    await manager.query('SELECT 1 FROM reports WHERE id = $1 FOR UPDATE', [reportId]);
    return this.visible(manager, actor, reportId);
  }

  private verdict(row: Pick<ReportRow, 'status'>, action: ReportAction) {
    const verdict = judgeReportAction(row.status, action);
    if (!verdict.ok) throw DomainError.conflict(verdict.code, verdict.message);
    return verdict.next;
  }

  private async unitName(manager: EntityManager, unitId: string): Promise<string> {
    const [unit] = await manager.query('SELECT id::text AS id, code, name FROM units WHERE id = $1', [unitId]);
    return unit ? unitRef(unit).name : '';
  }
}

/**
 * A submission's writes in one statement: the new version kept, the report received (its deadline
 * no longer watched: pending reminders and escalations are off), and its figures stored for the
 * roll-up when they enter it ($10: the checked figures, or an empty list).
 */
const SUBMIT_SQL = `
  WITH version AS (
    INSERT INTO report_versions (report_id, version, status, figures, note, submitted_by, submitted_at, idempotency_key)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
    RETURNING report_id
  ),
  received AS (
    UPDATE reports SET status = $3, version = $2, first_submitted_at = $9, last_submitted_at = $7, return_reason = NULL,
      draft = NULL, next_step = NULL, next_at = NULL, updated_at = now()
    WHERE id = $1
    RETURNING plan_id, obligation_id, period_key, unit_id
  ),
  figures AS (
    INSERT INTO report_figures (report_id, indicator_code, plan_id, obligation_id, period_key, unit_id, num, flag, txt, yes)
    SELECT $1, f.code, r.plan_id, r.obligation_id, r.period_key, r.unit_id, f.num, f.flag, f.txt, f.yes
    FROM received r CROSS JOIN jsonb_to_recordset($10::jsonb) AS f(code text, num numeric, flag boolean, txt text, yes boolean)
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM version)::int AS versions, (SELECT count(*) FROM figures)::int AS figures`;

function keyOf(row: Pick<ReportRow, 'plan_id' | 'obligation_id' | 'period_key' | 'unit_id' | 'due_at'>): ReportKey {
  return { planId: row.plan_id, obligationId: row.obligation_id, periodKey: row.period_key, unitId: row.unit_id, dueAt: row.due_at.toISOString() };
}

function eventBase(row: Pick<ReportRow, 'id' | 'plan_id' | 'obligation_id' | 'obligation_code' | 'period_key' | 'unit_id' | 'due_at'>, version: number) {
  return {
    reportId: row.id,
    planId: row.plan_id,
    obligationId: row.obligation_id,
    obligationCode: row.obligation_code,
    periodKey: row.period_key,
    unitId: row.unit_id,
    dueAt: row.due_at.toISOString(),
    version,
  };
}

function checkNote(note: unknown, path = 'note'): void {
  if (note === undefined || note === null) return;
  if (typeof note !== 'string') throw DomainError.invalid('REPORT.INVALID', [{ path, message: 'phải là chuỗi ký tự' }]);
  if (note.length > MAX_NOTE) throw DomainError.invalid('REPORT.INVALID', [{ path, message: `không được dài quá ${MAX_NOTE} ký tự` }]);
}
