import { Module, type DynamicModule } from '@nestjs/common';
import type { AssignmentsConfig } from '#config';
import { RpcPatterns } from '#contracts';
import { InfrastructureModule, ServiceRpcModule, healthRpcController } from '#service-kit';
import { AssignmentsRepository } from './assignments/assignments.repository.js';
import { AssignmentsRpcController } from './assignments/assignments.rpc.controller.js';
import { AssignmentsService } from './assignments/assignments.service.js';
import { StatusChanges } from './assignments/status-changes.js';
import { CalendarRpcController } from './calendar/calendar.rpc.controller.js';
import { CalendarService } from './calendar/calendar.service.js';
import { PlanIssuedHandler } from './cascade/plan-issued.handler.js';
import { CLOCK, DEADLINE_SETTINGS, deadlineTimerSettings, systemClock, type Clock } from '#deadlines';
import { DeadlineFiring } from './deadlines/deadline-firing.js';
import { DeadlineProcessor } from './deadlines/deadline.processor.js';
import { DeadlineQueue } from './deadlines/deadline-queue.js';
import { DeadlineSweep } from './deadlines/deadline-sweep.js';
import { DeadlinesRepository } from './deadlines/deadlines.repository.js';
import { DeadlinesRpcController } from './deadlines/deadlines.rpc.controller.js';
import { DeadlinesService } from './deadlines/deadlines.service.js';
import { PolicyStore } from './deadlines/policy-store.js';
import { DirectoryEventsController } from './directory-sync/directory.events.controller.js';
import { ExtensionsRpcController } from './extensions/extensions.rpc.controller.js';
import { ExtensionsService } from './extensions/extensions.service.js';
import { SCHEMA } from './migrations/index.js';

export interface AssignmentsAppOptions {
  /** Tests move a fake clock to a deadline instead of waiting for it. */
  clock?: Clock;
}

/**
 * Assignments: one per (task, implementing unit), created by the cascade from plan events, with
 * status and deadline; the local copy of the org tree for selectors and subtree filters; the
 * deadline watch (due items, timers, sweep, history, escalation policy), extensions and the
 * working-day calendar.
 */
@Module({
  controllers: [
    healthRpcController(RpcPatterns.assignments.health),
    AssignmentsRpcController,
    DeadlinesRpcController,
    ExtensionsRpcController,
    CalendarRpcController,
  ],
  providers: [
    AssignmentsRepository,
    AssignmentsService,
    StatusChanges,
    PlanIssuedHandler,
    DirectoryEventsController,
    PolicyStore,
    DeadlineQueue,
    DeadlineFiring,
    DeadlineProcessor,
    DeadlineSweep,
    DeadlinesRepository,
    DeadlinesService,
    ExtensionsService,
    CalendarService,
  ],
})
export class AppModule {
  /** Configuration comes in from main.ts (validated env) or from a test. */
  static forRoot(config: AssignmentsConfig, options: AssignmentsAppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forService({ service: 'assignments', config, schema: SCHEMA, entities: [], relayOutbox: true }),
        ServiceRpcModule.forRoot(config.NATS_URL),
      ],
      providers: [
        { provide: DEADLINE_SETTINGS, useValue: deadlineTimerSettings(config) },
        { provide: CLOCK, useValue: options.clock ?? systemClock },
      ],
    };
  }
}
