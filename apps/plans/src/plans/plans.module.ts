import { Module } from '@nestjs/common';
import { ParentAssignmentChecker } from './parent-assignment.checker.js';
import { PlansRepository } from './plans.repository.js';
import { PlansRpcController } from './plans.rpc.controller.js';
import { PlansService } from './plans.service.js';
import { UnitResolver } from './unit-resolver.js';

@Module({
  controllers: [PlansRpcController],
  providers: [PlansService, PlansRepository, UnitResolver, ParentAssignmentChecker],
  exports: [PlansService],
})
export class PlansModule {}
