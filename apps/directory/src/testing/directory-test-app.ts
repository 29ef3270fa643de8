import { randomBytes } from 'node:crypto';
import type { INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ClientProxyFactory, Transport, type ClientProxy, type MicroserviceOptions } from '@nestjs/microservices';
import { firstValueFrom } from 'rxjs';
import { DataSource } from 'typeorm';
import { directoryEnv, loadConfig, type DirectoryConfig } from '#config';
import type { Actor, ErrorPayload, LoginResult } from '#contracts';
import { createServiceDataSource, migrateSchema } from '#persistence';
import { RpcErrorFilter } from '#service-kit';
import { createTestDatabase, startNatsServer, type TestDatabase, type TestNatsServer } from '#testing';
import { AppModule } from '../app.module.js';
import { SCHEMA, migrations } from '../migrations/index.js';

export interface DirectoryTestApp {
  config: DirectoryConfig;
  db: TestDatabase;
  nats: TestNatsServer;
  app: INestMicroservice;
  /** The service's own datasource, for assertions on its tables. */
  dataSource: DataSource;
  /** A request over NATS, exactly as the gateway sends it. Errors reject with the ErrorPayload. */
  rpc<T>(pattern: string, data: unknown): Promise<T>;
  /** The ErrorPayload a request fails with (fails the test if it succeeds). */
  rpcError(pattern: string, data: unknown): Promise<ErrorPayload>;
  /** Logs in and turns the result into the Actor the gateway would build. */
  actorFor(username: string, password: string): Promise<Actor>;
  close(): Promise<void>;
}

/**
 * The directory service in-process against a fresh database (real migrations) and a private
 * NATS with JetStream, reached through a real NATS client: what the service does in production,
 * minus the process boundary.
 */
export async function startDirectoryTestApp(label = 'directory'): Promise<DirectoryTestApp> {
  const db = await createTestDatabase(label);
  const nats = await startNatsServer().catch(async (error: unknown) => {
    await db.drop();
    throw error;
  });
  let config: DirectoryConfig;
  let app: INestMicroservice | null = null;
  let client: ClientProxy | null = null;
  try {
    const migrator = createServiceDataSource({ url: db.url, schema: SCHEMA, migrations, poolSize: 1 });
    await migrateSchema(migrator, SCHEMA);
    await migrator.destroy();
    config = loadConfig(directoryEnv, {
      ...process.env,
      DATABASE_URL: db.url,
      NATS_URL: nats.url,
      NATS_STREAM: `TK_TEST_${randomBytes(4).toString('hex')}`,
      QUEUE_PREFIX: `tk-test-${randomBytes(4).toString('hex')}`,
      JWT_SECRET: randomBytes(32).toString('hex'),
      JWT_TTL_SECONDS: '3600',
      ADMIN_USERNAME: 'admin',
      ADMIN_PASSWORD: 'mat-khau-quan-tri',
      LOG_LEVEL: 'warn',
    });
    app = await NestFactory.createMicroservice<MicroserviceOptions>(AppModule.forRoot(config), {
      transport: Transport.NATS,
      options: { servers: [nats.url], queue: 'directory' },
      logger: ['error', 'warn'],
    });
    app.useGlobalFilters(new RpcErrorFilter());
    await app.listen();
    client = ClientProxyFactory.create({ transport: Transport.NATS, options: { servers: [nats.url] } });
    await client.connect();
  } catch (error) {
    await client?.close();
    await app?.close().catch(() => undefined);
    await nats.destroy();
    await db.drop();
    throw error;
  }
  const started = { app, client };

  const rpc = <T>(pattern: string, data: unknown) => firstValueFrom(started.client.send<T>(pattern, data));
  const rpcError = async (pattern: string, data: unknown): Promise<ErrorPayload> => {
    try {
      await rpc(pattern, data);
    } catch (error) {
      return error as ErrorPayload;
    }
    throw new Error(`${pattern} succeeded where an error was expected`);
  };
  const actorFor = async (username: string, password: string): Promise<Actor> => {
    const { user } = await rpc<LoginResult>('rpc.directory.auth.login', { username, password });
    return { userId: user.id, username: user.username, role: user.role, unitId: user.unit.id, unitCode: user.unit.code, unitPath: user.unit.path };
  };

  return {
    config,
    db,
    nats,
    app: started.app,
    dataSource: started.app.get(DataSource),
    rpc,
    rpcError,
    actorFor,
    // Every step runs even if an earlier one fails: a leaked broker or database outlives the test run.
    close: async () => {
      const steps = [() => started.client.close(), () => started.app.close(), () => nats.destroy(), () => db.drop()];
      const failures: unknown[] = [];
      for (const step of steps) await Promise.resolve().then(step).catch((error: unknown) => failures.push(error));
      if (failures.length > 0) throw failures[0];
    },
  };
}
