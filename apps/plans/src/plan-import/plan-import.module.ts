import { Module } from '@nestjs/common';
import { PlansModule } from '../plans/plans.module.js';
import { PlanImportRpcController } from './plan-import.rpc.controller.js';
import { PlanImportService } from './plan-import.service.js';

/** `rpc.plans.import`: a plan document becomes a draft through PlansService.create. */
@Module({
  imports: [PlansModule],
  controllers: [PlanImportRpcController],
  providers: [PlanImportService],
})
export class PlanImportModule {}
