import { Module, type DynamicModule } from '@nestjs/common';
import type { ReportingConfig } from '#config';
import { RpcPatterns } from '#contracts';
import { CLOCK, DEADLINE_SETTINGS, deadlineTimerSettings, systemClock, type Clock } from '#deadlines';
import { InfrastructureModule, healthRpcController } from '#service-kit';
import { AssignmentEventsHandler } from './assignments-sync/assignment-events.handler.js';
import { PolicyChangedHandler } from './deadlines/policy-changed.handler.js';
import { ReportDeadlineFiring } from './deadlines/report-deadline-firing.js';
import { ReportDeadlineProcessor } from './deadlines/report-deadline.processor.js';
import { ReportDeadlineQueue } from './deadlines/report-deadline-queue.js';
import { ReportDeadlineSweep } from './deadlines/report-deadline-sweep.js';
import { ReportPolicies } from './deadlines/report-policies.js';
import { ExportsService, REPORT_TEMPLATE } from './exports/exports.service.js';
import { loadReportTemplate } from './exports/report-template.js';
import { SCHEMA } from './migrations/index.js';
import { PeriodOpener } from './obligations/period-opener.js';
import { PeriodRoller } from './obligations/period-roller.js';
import { PlanIssuedHandler } from './obligations/plan-issued.handler.js';
import { ProgressService } from './progress/progress.service.js';
import { RatingsService } from './ratings/ratings.service.js';
import { ReportingRpcController } from './reporting.rpc.controller.js';
import { ReportsRepository } from './reports/reports.repository.js';
import { ReportsService } from './reports/reports.service.js';
import { SubmissionBatcher } from './reports/submission-batcher.js';
import { RollupService } from './rollup/rollup.service.js';
import { DirectoryEventsController } from './tree/directory.events.controller.js';

/**
 * Reporting: what plans ask to be reported, the expected and submitted reports, ratings, and the
 * roll-ups over every subtree (assignments, reports, figures, ratings) with targets and exports.
 * Watches expected reports' deadlines with the shared machinery (libs/deadlines). Consumes units,
 * plans and assignments events; publishes reporting.report.*.
 */
@Module({
  controllers: [healthRpcController(RpcPatterns.reporting.health), ReportingRpcController],
  providers: [
    DirectoryEventsController,
    PlanIssuedHandler,
    AssignmentEventsHandler,
    PeriodOpener,
    PeriodRoller,
    ReportsRepository,
    ReportsService,
    SubmissionBatcher,
    ProgressService,
    RatingsService,
    ExportsService,
    RollupService,
    ReportPolicies,
    ReportDeadlineQueue,
    ReportDeadlineFiring,
    ReportDeadlineProcessor,
    ReportDeadlineSweep,
    PolicyChangedHandler,
  ],
})
export class AppModule {
  /** Configuration comes in from main.ts (validated env) or from a test. */
  static forRoot(config: ReportingConfig, options: { clock?: Clock } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [InfrastructureModule.forService({ service: 'reporting', config, schema: SCHEMA, entities: [], relayOutbox: true })],
      providers: [
        { provide: REPORT_TEMPLATE, useValue: loadReportTemplate(config.REPORT_TEMPLATE_PATH) },
        { provide: DEADLINE_SETTINGS, useValue: deadlineTimerSettings(config) },
        // Tests move a fake clock to a deadline instead of waiting for it.
        { provide: CLOCK, useValue: options.clock ?? systemClock },
      ],
    };
  }
}
