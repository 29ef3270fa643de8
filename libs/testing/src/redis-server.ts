import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';
import { expectEventually } from './expect-eventually.js';
import { freePort } from './free-port.js';

export interface TestRedisServer {
  url: string;
  /** Stops it. It keeps nothing on disk: a restart starts empty, as a Redis that lost its data. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

/**
 * A private redis-server on a spare port without persistence, for tests that stop Redis or need
 * it to lose its data (never the shared one other tests use).
 */
export async function startRedisServer(): Promise<TestRedisServer> {
  const port = await freePort();
  const binary = process.env.REDIS_SERVER_BIN ?? 'redis-server';
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await expectEventually(() => canConnect(port), { timeoutMs: 10_000, intervalMs: 50 });
  };
  const stop = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGKILL');
    });
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, start, stop };
}

function canConnect(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ port, host: '127.0.0.1' }, () => {
      socket.end();
      resolve();
    });
    socket.on('error', reject);
  });
}
