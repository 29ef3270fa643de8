import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { RpcPatterns, type ImportPlanRequest, type ImportPlanResult } from '#contracts';
import { PlanImportService } from './plan-import.service.js';

@Controller()
export class PlanImportRpcController {
  constructor(private readonly importer: PlanImportService) {}

  @MessagePattern(RpcPatterns.plans.importDocument)
  import(@Payload() request: ImportPlanRequest): Promise<ImportPlanResult> {
    return this.importer.import(request);
  }
}
