import { Module, type DynamicModule } from '@nestjs/common';
import type { InfrastructureConfig } from '#config';
import { RpcPatterns } from '#contracts';
import { InfrastructureModule, healthRpcController } from '#service-kit';
import { AssignmentsRepository } from './assignments/assignments.repository.js';
import { AssignmentsRpcController } from './assignments/assignments.rpc.controller.js';
import { AssignmentsService } from './assignments/assignments.service.js';
import { StatusChanges } from './assignments/status-changes.js';
import { PlanIssuedHandler } from './cascade/plan-issued.handler.js';
import { DirectoryEventsController } from './directory-sync/directory.events.controller.js';
import { SCHEMA } from './migrations/index.js';

/**
 * Assignments: one per (task, implementing unit), created by the cascade from plan events, with
 * status and deadline; the local copy of the org tree for selectors and subtree filters.
 */
@Module({
  controllers: [healthRpcController(RpcPatterns.assignments.health), AssignmentsRpcController],
  providers: [AssignmentsRepository, AssignmentsService, StatusChanges, PlanIssuedHandler, DirectoryEventsController],
})
export class AppModule {
  /** Configuration comes in from main.ts (validated env) or from a test. */
  static forRoot(config: InfrastructureConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [InfrastructureModule.forService({ service: 'assignments', config, schema: SCHEMA, entities: [], relayOutbox: true })],
    };
  }
}
