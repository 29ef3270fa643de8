import { Module } from '@nestjs/common';
import { loadConfig, serviceEnv } from '#config';
import { RpcPatterns } from '#contracts';
import { InfrastructureModule, healthRpcController } from '#service-kit';
import { SCHEMA } from './migrations/index.js';

/**
 * Reporting: report obligations, submissions and roll-ups (issue 4). In the spine it owns its
 * schema and answers health checks so the deployment shape is final from day one.
 */
@Module({
  imports: [
    InfrastructureModule.forService({
      service: 'reporting',
      config: loadConfig(serviceEnv),
      schema: SCHEMA,
      entities: [],
      relayOutbox: true,
    }),
  ],
  controllers: [healthRpcController(RpcPatterns.reporting.health)],
})
export class AppModule {}
