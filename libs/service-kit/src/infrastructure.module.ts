import { Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Redis } from 'ioredis';
import type { InfrastructureConfig } from '#config';
import type { ServiceName } from '#contracts';
import { MessagingModule } from '#messaging';
import { createServiceDataSource } from '#persistence';
import { HealthService } from './health.service.js';
import { REDIS, SERVICE_CONFIG, SERVICE_NAME } from './tokens.js';

export interface InfrastructureOptions {
  service: ServiceName;
  config: InfrastructureConfig;
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
  relayOutbox: boolean;
}

class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}
  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}

/**
 * Everything a service needs from the outside world, in one import: its datasource (own schema),
 * Redis, NATS with the event stream, the event bus and a health check.
 */
@Module({})
export class InfrastructureModule {
  static forService(options: InfrastructureOptions): DynamicModule {
    const { config } = options;
    return {
      module: InfrastructureModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({}),
          dataSourceFactory: async () =>
            createServiceDataSource({ url: config.DATABASE_URL, schema: options.schema, entities: options.entities }).initialize(),
        }),
        MessagingModule.forService({
          serviceName: options.service,
          natsUrl: config.NATS_URL,
          streamName: config.NATS_STREAM,
          relayOutbox: options.relayOutbox,
        }),
      ],
      providers: [
        { provide: SERVICE_NAME, useValue: options.service },
        { provide: SERVICE_CONFIG, useValue: config },
        {
          provide: REDIS,
          useFactory: () => {
            const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1 });
            // Without a listener ioredis reports every failed reconnect as an unhandled error;
            // one line per outage is enough (the health check reports the rest).
            let reported = false;
            redis.on('error', (error) => {
              if (!reported) new Logger('Redis').warn(`unreachable: ${error.message}`);
              reported = true;
            });
            redis.on('ready', () => (reported = false));
            return redis;
          },
        },
        RedisCloser,
        HealthService,
      ],
      exports: [REDIS, SERVICE_NAME, SERVICE_CONFIG, HealthService],
    };
  }
}
