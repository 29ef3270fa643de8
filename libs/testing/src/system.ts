import { SERVICES } from '#contracts';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ApiClient } from './api-client.js';
import { expectEventually } from './expect-eventually.js';
import { freePort } from './free-port.js';
import { startNatsServer, type TestNatsServer } from './nats-server.js';
import { startRedisServer, type TestRedisServer } from './redis-server.js';
import { REPO_ROOT, serviceProcess, type ServiceProcess } from './service-process.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

const run = promisify(execFile);

export const ADMIN = { username: 'admin', password: 'e2e-admin-password' };

export interface TestSystem {
  api: ApiClient;
  baseUrl: string;
  env: Record<string, string>;
  db: TestDatabase;
  nats: TestNatsServer;
  /** The system's own redis-server (AOF on, like production), unless REDIS_URL was overridden. */
  redis: TestRedisServer | null;
  processes: Record<(typeof SERVICES)[number] | 'gateway', ServiceProcess>;
  stop(): Promise<void>;
}

/**
 * The whole system as real processes (the compiled apps), on a database of its own, a private
 * NATS server and a private redis-server, with a unique stream and queue prefix: exactly what
 * `npm start` runs, isolated (a test may stop, restart or empty its Redis).
 */
export async function startSystem(overrides: Record<string, string> = {}): Promise<TestSystem> {
  const [db, nats, port, redis] = await Promise.all([
    createTestDatabase('e2e'),
    startNatsServer(),
    freePort(),
    overrides.REDIS_URL ? Promise.resolve(null) : startRedisServer(),
  ]);
  const suffix = randomBytes(3).toString('hex');
  const env: Record<string, string> = {
    DATABASE_URL: db.url,
    NATS_URL: nats.url,
    NATS_STREAM: `E2E_${suffix}`,
    QUEUE_PREFIX: `e2e-${suffix}`,
    REDIS_URL: redis?.url ?? overrides.REDIS_URL!,
    JWT_SECRET: randomBytes(32).toString('hex'),
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    HTTP_PORT: String(port),
    LOG_LEVEL: 'log',
    ...overrides,
  };
  for (const service of SERVICES) {
    await run(process.execPath, [join(REPO_ROOT, 'dist', 'apps', service, 'src', 'migrate.js')], { env: { ...process.env, ...env } });
  }
  const processes = Object.fromEntries(
    [...SERVICES, 'gateway'].map((name) => [name, serviceProcess(name, env)]),
  ) as TestSystem['processes'];
  await Promise.all(Object.values(processes).map((p) => p.start()));

  const baseUrl = `http://127.0.0.1:${port}`;
  const api = new ApiClient(baseUrl);
  await expectEventually(() => api.get('/health/ready'), { timeoutMs: 30_000, intervalMs: 200 });
  await api.login(ADMIN.username, ADMIN.password);
  return {
    api,
    baseUrl,
    env,
    db,
    nats,
    redis,
    processes,
    async stop() {
      // E2E_LOGS=1 prints every service's output: the first thing to read when a scenario fails.
      if (process.env.E2E_LOGS) for (const p of Object.values(processes)) console.log(`--- ${p.name} ---\n${p.output()}`);
      await Promise.all(Object.values(processes).map((p) => p.stop()));
      await nats.destroy();
      await redis?.destroy();
      await db.drop();
    },
  };
}
