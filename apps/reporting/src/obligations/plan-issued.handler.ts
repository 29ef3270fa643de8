import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EventSubjects, type EventEnvelope, type PlanIssuedEvent } from '#contracts';
import { CLOCK, type Clock } from '#deadlines';
import { EventBus, RetryLater, type HandlerContext } from '#messaging';
import { ReportDeadlineQueue } from '../deadlines/report-deadline-queue.js';
import { lockTreeShared } from '../tree/tree-lock.js';
import { hasDirectoryVersion } from '#persistence';
import { OPENABLE_OBLIGATION_SQL, PeriodOpener, type OpenableObligation } from './period-opener.js';

/** Expected reports created by one plan above which the tables' statistics are refreshed at once. */
const ANALYZE_AFTER = 10_000;

/**
 * `plans.plan.issued` → the plan's reporting duties, indicators and targets in this service's own
 * tables, and one expected report per (obligation, open period, reporting unit), expanded against
 * the local tree copy once it has caught up with the directory version the plan was issued
 * against. Every plan is recorded, even without duties, so its progress can be summarised.
 */
@Injectable()
export class PlanIssuedHandler implements OnModuleInit {
  private readonly logger = new Logger('PlanIssued');

  constructor(
    private readonly bus: EventBus,
    private readonly opener: PeriodOpener,
    private readonly timers: ReportDeadlineQueue,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.bus.subscribe({
      durable: 'reporting-plan-issued',
      subject: EventSubjects.planIssued,
      handle: (event, manager, context) => this.handle(event, manager, context),
    });
  }

  async handle(event: EventEnvelope<string, PlanIssuedEvent>, manager: EntityManager, context?: HandlerContext): Promise<void> {
    const now = new Date(this.clock.now());
    const { plan, issuer, directoryVersion } = event.data;
    if (!(await hasDirectoryVersion(manager, directoryVersion))) {
      throw new RetryLater(`waiting for directory version ${directoryVersion}`);
    }
    await lockTreeShared(manager);
    const created = await manager.query(
      `INSERT INTO plans (id, symbol, title, issue_date, issuer_id, issuer_path, issuer, signer)
       VALUES ($1, $2, $3, $4, $5, $6::ltree, $7, $8) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [plan.id, plan.symbol, plan.title, plan.issueDate, issuer.id, issuer.path, JSON.stringify({ id: issuer.id, code: issuer.code, name: issuer.name }), event.data.signer ?? null],
    );
    if (created.length === 0) return; // the same plan again (a re-issue bug): nothing twice
    const indicators = event.data.indicators ?? [];
    const targets = event.data.targets ?? [];
    const obligations = event.data.reportingObligations ?? [];
    if (indicators.length) {
      await manager.query(
        `INSERT INTO indicators (plan_id, code, position, definition)
         SELECT $1, d->>'code', (ord - 1)::int, d FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS x(d, ord)`,
        [plan.id, JSON.stringify(indicators)],
      );
    }
    if (targets.length) {
      await manager.query(
        `INSERT INTO targets (plan_id, code, position, definition)
         SELECT $1, d->>'code', (ord - 1)::int, d FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS x(d, ord)`,
        [plan.id, JSON.stringify(targets)],
      );
    }
    if (obligations.length) {
      await manager.query(
        `INSERT INTO obligations (id, plan_id, code, position, title, timeline, deadline, recurrence, target, to_unit, through,
           through_unit, indicator_codes, until, ad_hoc)
         SELECT (d->>'id')::uuid, $1, d->>'code', (ord - 1)::int, d->>'title', d->>'timeline', d->'deadline',
           CASE WHEN d->'deadline'->>'kind' = 'recurring' THEN d->'deadline'->>'every' ELSE 'once' END,
           d->'target', d->'to', d->>'through', d->'throughUnit',
           ARRAY(SELECT jsonb_array_elements_text(d->'indicators')), (d->>'until')::date, coalesce((d->>'adHoc')::boolean, false)
         FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS x(d, ord)`,
        [plan.id, JSON.stringify(obligations)],
      );
    }
    const rows: OpenableObligation[] = await manager.query(`${OPENABLE_OBLIGATION_SQL} WHERE o.plan_id = $1 ORDER BY o.position`, [plan.id]);
    let reports = 0;
    const timers: number[] = [];
    for (const obligation of rows) {
      const opened = await this.opener.open(manager, obligation, now);
      reports += opened.reports;
      timers.push(...opened.timers);
    }
    // The reports' deadline timers are set once the reports exist (after commit); the sweep covers a failure.
    context?.afterCommit(() => this.timers.ensure(timers));
    // A big expansion changes these tables' sizes by orders of magnitude at once: refresh the
    // planner's statistics now rather than when autovacuum gets to it, so the dashboards' lookups
    // stay index probes from the first minute (sampled: a fraction of a second on 200,000 rows).
    if (reports >= ANALYZE_AFTER) await manager.query('ANALYZE reports, agg_reports');
    this.logger.log(`plan ${plan.symbol} (${plan.id}): ${obligations.length} reporting duties, ${reports} expected reports`);
  }
}
