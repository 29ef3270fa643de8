import { Module, type DynamicModule } from '@nestjs/common';
import type { InfrastructureConfig } from '#config';
import { RpcPatterns } from '#contracts';
import { InfrastructureModule, ServiceRpcModule, healthRpcController } from '#service-kit';
import { SCHEMA } from './migrations/index.js';
import { PlanImportModule } from './plan-import/plan-import.module.js';
import { PlansModule } from './plans/plans.module.js';

/** Plans: drafts, tasks with their roles and deadlines, and the `plans.plan.issued` event. */
@Module({
  controllers: [healthRpcController(RpcPatterns.plans.health)],
})
export class AppModule {
  /** Configuration comes in from main.ts (validated env) or from a test. */
  static forRoot(config: InfrastructureConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forService({ service: 'plans', config, schema: SCHEMA, entities: [], relayOutbox: true }),
        ServiceRpcModule.forRoot(config.NATS_URL),
        PlansModule,
        PlanImportModule,
      ],
    };
  }
}
