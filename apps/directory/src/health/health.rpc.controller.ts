import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { RpcPatterns, type HealthReport } from '#contracts';
import { HealthService } from '#service-kit';

@Controller()
export class HealthRpcController {
  constructor(private readonly health: HealthService) {}

  @MessagePattern(RpcPatterns.directory.health)
  check(): Promise<HealthReport> {
    return this.health.check();
  }
}
