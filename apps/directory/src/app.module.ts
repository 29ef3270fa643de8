import { Module, type DynamicModule } from '@nestjs/common';
import type { DirectoryConfig } from '#config';
import { RpcPatterns } from '#contracts';
import { InfrastructureModule, healthRpcController } from '#service-kit';
import { AuthModule } from './auth/auth.module.js';
import { DIRECTORY_CONFIG } from './directory.config.js';
import { SCHEMA } from './migrations/index.js';
import { UnitsModule } from './units/units.module.js';
import { UsersModule } from './users/users.module.js';

@Module({})
class DirectoryConfigModule {}

/**
 * Directory: the unit tree (any depth, ltree paths of ids), users and login. It publishes
 * `directory.units.upserted` through its outbox so other services keep their own copy of units.
 * Built from an explicit config (not read at import time) so tests boot it against their own
 * database and broker.
 */
@Module({})
export class AppModule {
  static forRoot(config: DirectoryConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forService({ service: 'directory', config, schema: SCHEMA, entities: [], relayOutbox: true }),
        {
          module: DirectoryConfigModule,
          global: true,
          providers: [{ provide: DIRECTORY_CONFIG, useValue: config }],
          exports: [DIRECTORY_CONFIG],
        },
        UnitsModule,
        UsersModule,
        AuthModule,
      ],
      controllers: [healthRpcController(RpcPatterns.directory.health)],
    };
  }
}
