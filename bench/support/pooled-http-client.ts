import { Agent, request } from 'node:http';

/**
 * POSTs JSON through a bounded pool of keep-alive connections, like a reverse proxy's upstream
 * pool in front of the gateway. Node's fetch cannot bound its pool without the undici package;
 * node:http's Agent does (maxSockets), so this small client is written by hand.
 */
export class PooledHttpClient {
  private readonly agent: Agent;
  private readonly base: URL;

  constructor(baseUrl: string, connections: number) {
    this.base = new URL(baseUrl);
    this.agent = new Agent({ keepAlive: true, maxSockets: connections });
  }

  /** Resolves with the status code once the whole answer is read. */
  post(path: string, token: string, body: unknown): Promise<number> {
    const payload = JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(
        {
          agent: this.agent,
          host: this.base.hostname,
          port: this.base.port,
          path,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), authorization: `Bearer ${token}` },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
