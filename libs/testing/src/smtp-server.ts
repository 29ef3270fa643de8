import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { REPO_ROOT } from './service-process.js';

export interface ReceivedMail {
  file: string;
  from: string | null;
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string | null;
  headers: Record<string, string>;
}

export interface TestSmtpServer {
  /** `smtp://127.0.0.1:<port>`, for SMTP_URL. */
  url: string;
  port: number;
  /** Where the messages are stored (one .eml each). */
  dir: string;
  /** Every message received so far, parsed, oldest first. */
  messages(): Promise<ReceivedMail[]>;
  /** Stops the process: connections are refused, as when a mail server is down. */
  stop(): Promise<void>;
  /** Starts it again on the same port and folder. */
  start(): Promise<void>;
  destroy(): Promise<void>;
}

/**
 * A real SMTP server process on a spare port (libs/testing/src/smtp-sink.ts, built), storing what
 * it receives in a temp folder; `messages()` parses them with postal-mime. Stop and start it to
 * simulate an outage. Needs `npm run build` (as the e2e tests do).
 */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const script = join(REPO_ROOT, 'dist', 'libs', 'testing', 'src', 'smtp-sink.js');
  if (!existsSync(script)) throw new Error(`${script} is missing: run npm run build`);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'tk-smtp-'));
  let child: ChildProcess | null = null;

  const start = () =>
    new Promise<void>((resolve, reject) => {
      const proc = spawn(process.execPath, [script, String(port), dir], { stdio: ['ignore', 'pipe', 'pipe'] });
      child = proc;
      let output = '';
      const timer = setTimeout(() => reject(new Error(`smtp sink did not start:\n${output}`)), 10_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('smtp sink listening')) {
          clearTimeout(timer);
          resolve();
        }
      };
      proc.stdout!.on('data', onData);
      proc.stderr!.on('data', onData);
      proc.once('exit', (code) => {
        clearTimeout(timer);
        if (child === proc && !output.includes('listening')) reject(new Error(`smtp sink exited with ${code}:\n${output}`));
      });
    });

  const stop = async () => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill('SIGKILL');
    });
  };

  const messages = async (): Promise<ReceivedMail[]> => {
    // postal-mime is a dev dependency: loaded here only, so importing #testing needs nothing more.
    const { default: PostalMime } = await import('postal-mime');
    const files = readdirSync(dir)
      .filter((name) => name.endsWith('.eml') && !name.startsWith('.'))
      .sort();
    const parsed: ReceivedMail[] = [];
    for (const file of files) {
      const email = await PostalMime.parse(readFileSync(join(dir, file)));
      parsed.push({
        file,
        from: email.from?.address ?? null,
        to: (email.to ?? []).map((address) => address.address ?? '').filter(Boolean),
        subject: email.subject ?? '',
        text: email.text ?? '',
        html: email.html ?? '',
        messageId: email.messageId ?? null,
        headers: Object.fromEntries(email.headers.map((header) => [header.key, header.value])),
      });
    }
    return parsed;
  };

  await start();
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    dir,
    messages,
    stop,
    start,
    destroy: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
