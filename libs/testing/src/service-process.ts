import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root, from source (ts-jest) or from dist/ alike: the nearest package-lock.json. */
export const REPO_ROOT = (() => {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, 'package-lock.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
})();

export interface ServiceProcess {
  name: string;
  /** Everything the process printed, for assertions and for diagnosing a failed test. */
  output(): string;
  /** The running process's id, or null when stopped. */
  pid(): number | null;
  stop(): Promise<void>;
  start(): Promise<void>;
}

/**
 * Runs a compiled app (`dist/apps/<name>/src/main.js`) as a real process, as production does.
 * `start()` resolves when the process prints `readyLine`.
 */
export function serviceProcess(name: string, env: Record<string, string>, readyLine = 'is listening'): ServiceProcess {
  const entry = join(REPO_ROOT, 'dist', 'apps', name, 'src', 'main.js');
  let child: ChildProcess | null = null;
  let log = '';

  const start = () =>
    new Promise<void>((resolve, reject) => {
      if (!existsSync(entry)) return reject(new Error(`${entry} is missing: run npm run build`));
      const proc = spawn(process.execPath, [entry], {
        env: { ...process.env, ...env, NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = proc;
      const timer = setTimeout(() => reject(new Error(`${name} did not start within 30 s:\n${log}`)), 30_000);
      const onData = (chunk: Buffer) => {
        log += chunk.toString();
        if (log.includes(readyLine)) {
          clearTimeout(timer);
          resolve();
        }
      };
      proc.stdout!.on('data', onData);
      proc.stderr!.on('data', onData);
      proc.once('exit', (code) => {
        clearTimeout(timer);
        if (child === proc) reject(new Error(`${name} exited with ${code}:\n${log}`));
      });
    });

  const stop = async () => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      const killTimer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      proc.once('exit', () => {
        clearTimeout(killTimer);
        resolve();
      });
      proc.kill('SIGTERM');
    });
  };

  return { name, output: () => log, pid: () => (child as ChildProcess | null)?.pid ?? null, start, stop };
}
