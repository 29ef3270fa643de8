import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { expectEventually } from './expect-eventually.js';
import { freePort } from './free-port.js';

export interface TestRedisServer {
  url: string;
  port: number;
  /** Stops the server (SIGTERM; with AOF on, what was written survives a start). */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** FLUSHALL: every key gone, as after losing a Redis without persistence. */
  flush(): Promise<void>;
  /** Bytes of memory Redis reports in use (INFO memory: used_memory). */
  usedMemory(): Promise<number>;
  /** Stops the server and deletes its data folder. */
  destroy(): Promise<void>;
}

/**
 * A private redis-server on a spare port, for tests that restart or empty Redis: the shared one
 * (6379) is never touched. `appendonly` (default on, `everysec` like production) keeps data across
 * stop/start in a temp folder, so a restart is a restart and `flush()` is a loss.
 */
export async function startRedisServer(options: { appendOnly?: boolean } = {}): Promise<TestRedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'tk-redis-'));
  const binary = process.env.REDIS_SERVER_BIN ?? 'redis-server';
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;

  const withClient = async <T>(work: (redis: Redis) => Promise<T>): Promise<T> => {
    const redis = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true, retryStrategy: () => null });
    // Refused connections while the server starts are expected: the caller retries.
    redis.on('error', () => undefined);
    try {
      await redis.connect();
      return await work(redis);
    } finally {
      redis.disconnect();
    }
  };

  const start = async () => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--maxmemory-policy', 'noeviction'];
    if (options.appendOnly ?? true) args.push('--appendonly', 'yes', '--appendfsync', 'everysec');
    child = spawn(binary, args, { stdio: 'ignore' });
    await expectEventually(
      () =>
        withClient(async (redis) => {
          if ((await redis.ping()) !== 'PONG') throw new Error('redis-server not ready');
        }),
      { timeoutMs: 10_000, intervalMs: 50 },
    );
  };
  const stop = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGTERM');
    });
  };
  await start();
  return {
    url,
    port,
    start,
    stop,
    flush: () => withClient(async (redis) => void (await redis.flushall())),
    usedMemory: () =>
      withClient(async (redis) => Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? Number.NaN)),
    destroy: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
