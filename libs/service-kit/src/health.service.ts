import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import type { HealthReport, ServiceName } from '#contracts';
import { NATS_CONNECTION } from '#messaging';
import { REDIS, SERVICE_NAME } from './tokens.js';

/** What `/health/ready` asks each service: can it reach Postgres, Redis and NATS right now? */
@Injectable()
export class HealthService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SERVICE_NAME) private readonly service: ServiceName,
  ) {}

  async check(): Promise<HealthReport> {
    const [postgres, redis] = await Promise.all([
      this.dataSource.query('SELECT 1').then(() => true, () => false),
      this.redis.ping().then((pong) => pong === 'PONG', () => false),
    ]);
    const nats = !this.nc.isClosed() && (await this.nc.flush().then(() => true, () => false));
    return { service: this.service, postgres, redis, nats };
  }
}
