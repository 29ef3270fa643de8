import { Module } from '@nestjs/common';
import { loadConfig, notificationsEnv } from '#config';
import { RpcPatterns } from '#contracts';
import { InfrastructureModule, healthRpcController } from '#service-kit';
import { SCHEMA } from './migrations/index.js';

/**
 * Notifications: in-app inbox, e-mail and webhooks (issue 5). In the spine it owns its schema
 * and answers health checks so the deployment shape is final from day one.
 */
@Module({
  imports: [
    InfrastructureModule.forService({
      service: 'notifications',
      config: loadConfig(notificationsEnv),
      schema: SCHEMA,
      entities: [],
      relayOutbox: true,
    }),
  ],
  controllers: [healthRpcController(RpcPatterns.notifications.health)],
})
export class AppModule {}
