import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Deadline, IssuedObligation } from '#contracts';
import { openPeriodSql, reporterCondition } from './expected-reports.sql.js';
import { ReportPolicies } from '../deadlines/report-policies.js';
import { initialWatch } from '../deadlines/report-watch.js';
import { periodsOpenAt } from './periods.js';

/** An obligation as the period opener needs it. */
export interface OpenableObligation {
  id: string;
  plan_id: string;
  code: string;
  deadline: Deadline;
  until: string | null;
  target: IssuedObligation['target'];
  issuer_id: string;
  issuer_path: string;
}

export const OPENABLE_OBLIGATION_SQL = `
  SELECT o.id, o.plan_id, o.code, o.deadline, to_char(o.until, 'YYYY-MM-DD') AS until, o.target,
    p.issuer_id::text AS issuer_id, p.issuer_path::text AS issuer_path
  FROM obligations o JOIN plans p ON p.id = o.plan_id`;

/**
 * Opens the periods of an obligation that are due to be open at `now` (see periodsOpenAt) and
 * creates their expected reports, set-based. Idempotent: a period already open creates nothing.
 */
@Injectable()
export class PeriodOpener {
  private readonly logger = new Logger('Periods');

  constructor(private readonly policies: ReportPolicies) {}

  /** Also returns the instants of the new reports' first deadline steps, for the caller to time after commit. */
  async open(manager: EntityManager, obligation: OpenableObligation, now: Date): Promise<{ periods: number; reports: number; timers: number[] }> {
    const specs = periodsOpenAt(obligation.deadline, obligation.until, now);
    const opened: { period_key: string; due_at: Date }[] = await manager.query(
      `INSERT INTO report_periods (obligation_id, period_key, label, due_at)
       SELECT $1, p.key, p.label, p."dueAt"::timestamptz FROM jsonb_to_recordset($2::jsonb) AS p(key text, label text, "dueAt" text)
       ON CONFLICT (obligation_id, period_key) DO NOTHING
       RETURNING period_key, due_at`,
      [obligation.id, JSON.stringify(specs)],
    );
    const { sql, argument } = reporterCondition(obligation.target);
    const policy = opened.length ? await this.policies.forPlan(manager, obligation.plan_id) : null;
    let reports = 0;
    const timers: number[] = [];
    for (const period of opened) {
      const watch = initialWatch(period.due_at, policy!, now.getTime());
      const [row] = await manager.query(openPeriodSql(sql), [
        obligation.issuer_id,
        obligation.issuer_path,
        argument,
        obligation.plan_id,
        obligation.id,
        period.period_key,
        period.due_at.toISOString(),
        watch.graceFrom,
        watch.nextStep,
        watch.nextAt,
      ]);
      reports += row.created;
      if (row.created && watch.nextAt) timers.push(watch.nextAt.getTime());
    }
    if (opened.length) {
      this.logger.log(`obligation ${obligation.code} (${obligation.id}): opened ${opened.map((p) => p.period_key).join(', ')}, ${reports} expected reports`);
    }
    return { periods: opened.length, reports, timers };
  }
}
