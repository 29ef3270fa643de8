import { Module } from '@nestjs/common';
import { loadConfig, serviceEnv } from '#config';
import { RpcPatterns } from '#contracts';
import { InfrastructureModule, ServiceRpcModule, healthRpcController } from '#service-kit';
import { SCHEMA } from './migrations/index.js';
import { PlansModule } from './plans/plans.module.js';

const config = loadConfig(serviceEnv);

/** Plans: drafts, tasks with their roles and deadlines, and the `plans.plan.issued` event. */
@Module({
  imports: [
    InfrastructureModule.forService({ service: 'plans', config, schema: SCHEMA, entities: [], relayOutbox: true }),
    ServiceRpcModule.forRoot(config.NATS_URL),
    PlansModule,
  ],
  controllers: [healthRpcController(RpcPatterns.plans.health)],
})
export class AppModule {}
