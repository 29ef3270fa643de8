import { randomBytes } from 'node:crypto';
import type { DynamicModule, INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ClientProxyFactory, Transport, type ClientProxy, type MicroserviceOptions } from '@nestjs/microservices';
import { firstValueFrom } from 'rxjs';
import type { DataSource } from 'typeorm';
import { infrastructureEnv, loadConfig, type InfrastructureConfig } from '#config';
import { RpcPatterns, type Actor, type ErrorPayload, type LoginResult } from '#contracts';
import { createServiceDataSource, migrateSchema } from '#persistence';
import { RpcErrorFilter } from '#service-kit';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { startNatsServer, type TestNatsServer } from './nats-server.js';
import { startRedisServer, type TestRedisServer } from './redis-server.js';

export interface ServiceUnderTest {
  name: string;
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[];
  /** Builds the app module from the test environment (each service validates its own config). */
  module(env: NodeJS.ProcessEnv): DynamicModule;
}

export interface ServiceTestBed {
  config: InfrastructureConfig;
  db: TestDatabase;
  nats: TestNatsServer;
  /** The private redis-server, unless the caller passed REDIS_URL. */
  redis: TestRedisServer | null;
  apps: INestMicroservice[];
  /** A datasource on the test database (search_path: the first service's schema). */
  dataSource: DataSource;
  rpc<T>(pattern: string, data: unknown): Promise<T>;
  /** The ErrorPayload a request fails with; fails the test if it succeeds. */
  rpcError(pattern: string, data: unknown): Promise<ErrorPayload>;
  /** Logs in through the directory (one of the services) and returns the Actor the gateway would build. */
  actorFor(username: string, password: string): Promise<Actor>;
  close(): Promise<void>;
}

/**
 * One or more services in-process, each with its real migrations on a fresh database, listening
 * on a private NATS with JetStream and a private redis-server (BullMQ timers of one test never
 * meet another's), reached through a real NATS client as the gateway reaches them. For
 * integration tests: real infrastructure, no process boundary.
 */
export async function startServices(services: ServiceUnderTest[], env: Record<string, string> = {}): Promise<ServiceTestBed> {
  const [db, nats, redis] = await Promise.all([
    createTestDatabase(services[0].name),
    startNatsServer(),
    env.REDIS_URL ? Promise.resolve(null) : startRedisServer({ appendOnly: false }),
  ]);
  for (const service of services) {
    const migrator = createServiceDataSource({ url: db.url, schema: service.schema, migrations: service.migrations, poolSize: 1 });
    await migrateSchema(migrator, service.schema);
    await migrator.destroy();
  }
  const suffix = randomBytes(4).toString('hex');
  const fullEnv = {
    ...process.env,
    DATABASE_URL: db.url,
    NATS_URL: nats.url,
    ...(redis ? { REDIS_URL: redis.url } : {}),
    NATS_STREAM: `TK_TEST_${suffix}`,
    QUEUE_PREFIX: `tk-test-${suffix}`,
    LOG_LEVEL: 'warn',
    ...env,
  };
  const config = loadConfig(infrastructureEnv, fullEnv);
  const apps: INestMicroservice[] = [];
  for (const service of services) {
    const app = await NestFactory.createMicroservice<MicroserviceOptions>(service.module(fullEnv), {
      transport: Transport.NATS,
      options: { servers: [nats.url], queue: service.name },
      logger: ['error', 'warn'],
    });
    app.useGlobalFilters(new RpcErrorFilter());
    await app.listen();
    apps.push(app);
  }
  const client: ClientProxy = ClientProxyFactory.create({ transport: Transport.NATS, options: { servers: [nats.url] } });
  await client.connect();
  const dataSource = await createServiceDataSource({ url: db.url, schema: services[0].schema, poolSize: 2 }).initialize();
  const rpc = <T>(pattern: string, data: unknown) => firstValueFrom(client.send<T>(pattern, data));

  return {
    config,
    db,
    nats,
    redis,
    apps,
    dataSource,
    rpc,
    async rpcError(pattern, data) {
      try {
        await rpc(pattern, data);
      } catch (error) {
        return error as ErrorPayload;
      }
      throw new Error(`${pattern} succeeded where an error was expected`);
    },
    async actorFor(username, password) {
      const { user } = await rpc<LoginResult>(RpcPatterns.directory.login, { username, password });
      return { userId: user.id, username: user.username, role: user.role, unitId: user.unit.id, unitCode: user.unit.code, unitPath: user.unit.path };
    },
    // Every step runs even if an earlier one fails: a leaked broker or database outlives the run.
    async close() {
      const steps = [
        () => client.close(),
        ...apps.reverse().map((app) => () => app.close()),
        () => dataSource.destroy(),
        () => nats.destroy(),
        () => redis?.destroy(),
        () => db.drop(),
      ];
      const failures: unknown[] = [];
      for (const step of steps) await Promise.resolve().then(step).catch((error: unknown) => failures.push(error));
      if (failures.length > 0) throw failures[0];
    },
  };
}
