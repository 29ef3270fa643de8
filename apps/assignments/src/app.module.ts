import { Module } from '@nestjs/common';
import { loadConfig, serviceEnv } from '#config';
import { RpcPatterns } from '#contracts';
import { InfrastructureModule, healthRpcController } from '#service-kit';
import { AssignmentsRepository } from './assignments/assignments.repository.js';
import { AssignmentsRpcController } from './assignments/assignments.rpc.controller.js';
import { AssignmentsService } from './assignments/assignments.service.js';
import { StatusChanges } from './assignments/status-changes.js';
import { PlanIssuedHandler } from './cascade/plan-issued.handler.js';
import { DirectoryEventsController } from './directory-sync/directory.events.controller.js';
import { SCHEMA } from './migrations/index.js';

const config = loadConfig(serviceEnv);

/**
 * Assignments: one per (task, implementing unit), created by the cascade from plan events, with
 * status and deadline; the local copy of the org tree for selectors and subtree filters.
 */
@Module({
  imports: [InfrastructureModule.forService({ service: 'assignments', config, schema: SCHEMA, entities: [], relayOutbox: true })],
  controllers: [healthRpcController(RpcPatterns.assignments.health), AssignmentsRpcController],
  providers: [AssignmentsRepository, AssignmentsService, StatusChanges, PlanIssuedHandler, DirectoryEventsController],
})
export class AppModule {}
