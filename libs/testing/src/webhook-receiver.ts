import { createServer, type IncomingHttpHeaders } from 'node:http';
import { freePort } from './free-port.js';

export interface ReceivedCall {
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, exactly as sent (what a signature covers). */
  body: string;
  /** The status this receiver answered with. */
  status: number;
}

export interface TestWebhookReceiver {
  url: string;
  calls: ReceivedCall[];
  /** The status to answer the next calls with (200 by default). */
  respondWith(status: number): void;
  close(): Promise<void>;
}

/** A local HTTP server that records every request, for webhook tests. */
export async function startWebhookReceiver(): Promise<TestWebhookReceiver> {
  const port = await freePort();
  const calls: ReceivedCall[] = [];
  let status = 200;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      calls.push({ path: request.url ?? '/', headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), status });
      response.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'refused');
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}/hooks/trienkhai`,
    calls,
    respondWith: (next) => (status = next),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
