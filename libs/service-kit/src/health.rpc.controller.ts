import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import type { HealthReport } from '#contracts';
import { HealthService } from './health.service.js';

/** Every service answers its `rpc.<service>.health` pattern the same way; only the subject differs. */
export function healthRpcController(pattern: string) {
  @Controller()
  class HealthRpcController {
    constructor(readonly health: HealthService) {}

    @MessagePattern(pattern)
    check(): Promise<HealthReport> {
      return this.health.check();
    }
  }
  return HealthRpcController;
}
