import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type ExportFile, type ExportReportRequest, type RatingLevel, type ReportStatus } from '#contracts';
import { DomainError } from '#service-kit';
import { visiblePlan, visibleUnit } from '../progress/access.js';
import { ProgressService, ratingPeriodOf } from '../progress/progress.service.js';
import { isReceived } from '../reports/report-lifecycle.policy.js';
import { indicatorValue } from '../rollup/summary.js';
import { buildConsolidatedReport, type OwnFacts } from './consolidated-report.js';
import { renderDocx } from './docx-writer.js';
import type { ReportTemplate } from './report-template.js';
import { renderXlsx } from './xlsx-writer.js';

export const REPORT_TEMPLATE = Symbol('REPORT_TEMPLATE');

const CONTENT_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/**
 * A unit's consolidated report on a plan for a period, as the Word document it sends up and the
 * spreadsheet behind it: its summary (the roll-up of its subtree), a row per unit directly below,
 * its own row, and the totals.
 */
@Injectable()
export class ExportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly progress: ProgressService,
    @Inject(REPORT_TEMPLATE) private readonly template: ReportTemplate,
  ) {}

  async export(request: ExportReportRequest, now = new Date()): Promise<ExportFile> {
    if (request.format !== 'docx' && request.format !== 'xlsx') {
      throw DomainError.invalid('REPORTING.INVALID_EXPORT', [{ path: 'format', message: 'phải là docx hoặc xlsx' }]);
    }
    if (request.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(request.date)) {
      throw DomainError.invalid('REPORTING.INVALID_EXPORT', [{ path: 'date', message: 'phải là ngày dạng YYYY-MM-DD' }]);
    }
    const manager = this.dataSource.manager;
    const plan = await visiblePlan(manager, request.actor, request.planId);
    const unit = await visibleUnit(manager, request.actor, request.unitCode);
    const definition = await this.progress.definition(manager, plan);
    const selection = this.progress.select(definition, request.obligation, request.period, now);
    const summary = await this.progress.summaryOf(manager, definition, unit, selection, now);
    const { items: children } = await this.progress.allChildren(manager, definition, unit, selection, now);
    const obligation = selection ? definition.obligations.find((o) => o.id === selection.obligationId)! : null;
    const indicators = obligation ? definition.indicators.filter((i) => obligation.indicator_codes.includes(i.code)) : [];
    const [upper] = unit.parent_id ? await manager.query('SELECT name FROM units WHERE id = $1', [unit.parent_id]) : [];

    const [tasks] = await manager.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'done')::int AS done,
         count(*) FILTER (WHERE status = 'done' AND done_at <= coalesce(due_at, 'infinity'::timestamptz) AND due_at IS NOT NULL)::int AS on_time,
         count(*) FILTER (WHERE status <> 'done' AND due_at < $3)::int AS overdue
       FROM assignments WHERE plan_id = $1 AND unit_id = $2`,
      [plan.id, unit.id, now.toISOString()],
    );
    const [report]: { id: string; status: ReportStatus; first_submitted_at: Date | null; due_at: Date }[] = selection
      ? await manager.query('SELECT id, status, first_submitted_at, due_at FROM reports WHERE obligation_id = $1 AND period_key = $2 AND unit_id = $3', [
          selection.obligationId,
          selection.period,
          unit.id,
        ])
      : [];
    const figures: { indicator_code: string; num: string | null; yes: boolean }[] = report
      ? await manager.query('SELECT indicator_code, num, yes FROM report_figures WHERE report_id = $1', [report.id])
      : [];
    const [rating]: { level: RatingLevel }[] = await manager.query('SELECT level FROM ratings WHERE unit_id = $1 AND period = $2', [
      unit.id,
      ratingPeriodOf(selection?.period, now),
    ]);
    const own: OwnFacts | null =
      tasks.total > 0 || report
        ? {
            tasks: { total: tasks.total, done: tasks.done, doneOnTime: tasks.on_time, overdue: tasks.overdue },
            report: report
              ? { status: report.status, onTime: isReceived(report.status) && !!report.first_submitted_at && report.first_submitted_at <= report.due_at }
              : null,
            figures: Object.fromEntries(
              indicators.map((indicator) => {
                const f = figures.find((x) => x.indicator_code === indicator.code);
                return [indicator.code, f ? indicatorValue(indicator, { n: 1, sum: f.num ?? 0, yes: f.yes ? 1 : 0, min: f.num, max: f.num }) : null];
              }),
            ),
            rating: rating?.level ?? null,
          }
        : null;

    const content = buildConsolidatedReport({
      template: this.template,
      summary,
      upperUnitName: upper?.name ?? '',
      indicators,
      through: obligation?.through ?? null,
      children,
      own,
      number: request.number,
      issuerCode: request.issuerCode,
      place: request.place,
      date: request.date,
      signer: request.signer ?? null,
    });
    const buffer = request.format === 'docx' ? await renderDocx(content) : renderXlsx(content);
    const slug = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
    const fileName = `bao-cao-${slug(plan.symbol)}-${slug(unit.code)}${selection ? `-${slug(selection.period)}` : ''}.${request.format}`;
    return { fileName, contentType: CONTENT_TYPES[request.format], base64: buffer.toString('base64') };
  }
}
