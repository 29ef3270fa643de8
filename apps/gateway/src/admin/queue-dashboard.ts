import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Queue } from 'bullmq';
import { QueueNames, RpcPatterns, type Actor, type LoginRequest, type LoginResult } from '#contracts';
import { actorFromClaims } from '../auth/actor-claims.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway-config.js';
import type { HttpRequest, NextFunction } from '../http/http-types.js';
import { requestIdFrom } from '../http/request-id.js';
import { RpcClient } from '../rpc/rpc.client.js';

export const DASHBOARD_PATH = '/admin/queues';
export const ADMIN_COOKIE = 'tk_admin';

interface AdminRequest extends HttpRequest {
  originalUrl?: string;
  secure?: boolean;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'end' | 'error', listener: (error?: Error) => void): unknown;
}

/** The little of Express's response these routes use. */
interface AdminResponse {
  status(code: number): AdminResponse;
  json(body: unknown): unknown;
  send(body: string): unknown;
  setHeader(name: string, value: string): unknown;
  redirect(status: number, url: string): void;
}

function html(res: AdminResponse, status: number, body: string): void {
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.status(status).send(body);
}

/**
 * The queue dashboard (bull-board) at /admin/queues: every queue in `QueueNames`, under
 * QUEUE_PREFIX, on the gateway's REDIS_URL. Admins only.
 *
 * A browser cannot send a bearer header when it opens a page, so the admin's JWT is accepted from
 * three places, checked the same way (signature, expiry, role `admin`):
 * 1. `Authorization: Bearer …` (scripts, curl);
 * 2. the `tk_admin` cookie: httpOnly (page scripts cannot read it), SameSite=Strict (other sites'
 *    pages cannot make the browser send it, which covers the dashboard's retry/clean buttons),
 *    Path=/admin, Secure behind HTTPS, expiring with the token. It is set by
 * 3. `/admin/login` (a small form posting the admin's username and password to the directory's
 *    login, the same as POST /api/auth/login), or by a first visit to `/admin/queues?token=<jwt>`,
 *    which sets the cookie and redirects to the same page without the token (it would otherwise
 *    stay in the address bar and history; prefer the form). `/admin/logout` clears it.
 */
@Injectable()
export class QueueDashboard implements OnApplicationShutdown {
  private readonly logger = new Logger('QueueDashboard');
  private readonly queues: Queue[];

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly jwt: JwtService,
    private readonly rpc: RpcClient,
  ) {
    this.queues = Object.values(QueueNames).map(
      (name) =>
        new Queue(name, {
          prefix: config.QUEUE_PREFIX,
          // Fail fast while Redis is away: the page shows an error instead of hanging.
          connection: { url: config.REDIS_URL, enableOfflineQueue: false, maxRetriesPerRequest: 1 },
        }),
    );
    let reported = false;
    for (const queue of this.queues) {
      queue.on('error', (error) => {
        if (!reported) this.logger.warn(`Redis unreachable for the queue dashboard: ${error.message}`);
        reported = true;
      });
    }
  }

  /** Mounts the login, logout and dashboard routes on the Express app (after Nest's own routes). */
  mount(app: NestExpressApplication): void {
    const serverAdapter = new ExpressAdapter();
    serverAdapter.setBasePath(DASHBOARD_PATH);
    createBullBoard({
      queues: this.queues.map((queue) => new BullMQAdapter(queue)),
      // @bull-board/express pins its own copy of @bull-board/api; the two types differ only nominally.
      serverAdapter: serverAdapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
      options: { uiConfig: { boardTitle: 'Triển khai: hàng đợi' } },
    });
    app.use('/admin/login', (req: AdminRequest, res: AdminResponse, next: NextFunction) => void this.login(req, res).catch(next));
    app.use('/admin/logout', (req: AdminRequest, res: AdminResponse) => {
      res.setHeader('set-cookie', this.cookie(req, '', 0));
      res.redirect(303, '/admin/login');
    });
    app.use(DASHBOARD_PATH, (req: AdminRequest, res: AdminResponse, next: NextFunction) => void this.guard(req, res, next).catch(next));
    app.use(DASHBOARD_PATH, serverAdapter.getRouter());
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.queues.map((queue) => queue.close().catch(() => undefined)));
  }

  private async guard(req: AdminRequest, res: AdminResponse, next: NextFunction): Promise<void> {
    const url = new URL(req.originalUrl ?? req.url, 'http://gateway');
    const fromQuery = url.searchParams.get('token');
    const token = bearer(req.headers.authorization) ?? fromQuery ?? cookies(req.headers.cookie)[ADMIN_COOKIE] ?? null;
    const actor = token ? await this.verify(token, req) : null;
    if (!actor) {
      if (wantsHtml(req)) return res.redirect(303, '/admin/login');
      res.status(401).json({ code: 'AUTH.UNAUTHENTICATED', message: 'Bạn cần đăng nhập với tài khoản quản trị' });
      return;
    }
    if (actor.role !== 'admin') {
      res.status(403).json({ code: 'AUTH.FORBIDDEN', message: 'Chỉ quản trị viên được xem hàng đợi' });
      return;
    }
    if (fromQuery) {
      // First visit with ?token=: keep it in the cookie, take it out of the address bar.
      const { exp } = this.jwt.decode<{ exp?: number }>(fromQuery) ?? {};
      res.setHeader('set-cookie', this.cookie(req, fromQuery, exp ? exp - Math.floor(Date.now() / 1000) : 3600));
      url.searchParams.delete('token');
      return res.redirect(303, `${url.pathname}${url.search}`);
    }
    next();
  }

  private async login(req: AdminRequest, res: AdminResponse): Promise<void> {
    if (req.method === 'GET') {
      html(res, 200, loginPage(null));
      return;
    }
    if (req.method !== 'POST') {
      res.status(405).json({ code: 'ROUTE.METHOD_NOT_ALLOWED', message: 'Phương thức không được hỗ trợ' });
      return;
    }
    const form = await readForm(req);
    let result: LoginResult;
    try {
      result = await this.rpc.send<LoginResult>(RpcPatterns.directory.login, {
        username: form.username ?? '',
        password: form.password ?? '',
      } satisfies LoginRequest);
    } catch {
      html(res, 401, loginPage('Sai tên đăng nhập hoặc mật khẩu'));
      return;
    }
    if (result.user.role !== 'admin') {
      html(res, 403, loginPage('Chỉ quản trị viên được xem hàng đợi'));
      return;
    }
    res.setHeader('set-cookie', this.cookie(req, result.accessToken, result.expiresIn));
    res.redirect(303, DASHBOARD_PATH);
  }

  private async verify(token: string, req: AdminRequest): Promise<Actor | null> {
    try {
      const claims = await this.jwt.verifyAsync(token, { algorithms: ['HS256'] });
      return actorFromClaims(claims, requestIdFrom(req.headers['x-request-id']));
    } catch {
      return null;
    }
  }

  private cookie(req: AdminRequest, value: string, maxAgeSeconds: number): string {
    const https = req.secure || String(req.headers['x-forwarded-proto'] ?? '').split(',')[0].trim() === 'https';
    return [
      `${ADMIN_COOKIE}=${encodeURIComponent(value)}`,
      'Path=/admin',
      'HttpOnly',
      'SameSite=Strict',
      `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`,
      ...(https ? ['Secure'] : []),
    ].join('; ');
  }
}

function bearer(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  return /^Bearer\s+(\S+)\s*$/i.exec(value ?? '')?.[1] ?? null;
}

export function cookies(header: string | string[] | undefined): Record<string, string> {
  const value = Array.isArray(header) ? header.join('; ') : (header ?? '');
  const jar: Record<string, string> = {};
  for (const part of value.split(';')) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    try {
      jar[part.slice(0, at).trim()] = decodeURIComponent(part.slice(at + 1).trim());
    } catch {
      // a malformed cookie is no cookie
    }
  }
  return jar;
}

function wantsHtml(req: AdminRequest): boolean {
  return req.method === 'GET' && /text\/html/.test(String(req.headers.accept ?? ''));
}

/** The login form posts `application/x-www-form-urlencoded`; a script may post JSON (already parsed). */
async function readForm(req: AdminRequest): Promise<Record<string, string | undefined>> {
  if (req.body && typeof req.body === 'object') return req.body as Record<string, string>;
  const raw = await new Promise<string>((resolve, reject) => {
    let text = '';
    req.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (text.length > 10_000) reject(new Error('login form too large'));
    });
    req.on('end', () => resolve(text));
    req.on('error', (error) => reject(error));
  });
  return Object.fromEntries(new URLSearchParams(raw));
}

function loginPage(error: string | null): string {
  const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Đăng nhập quản trị: hàng đợi</title>
<style>body{font-family:system-ui,sans-serif;max-width:22rem;margin:4rem auto}label{display:block;margin:.8rem 0 .2rem}input{width:100%;padding:.4rem}button{margin-top:1rem;padding:.5rem 1rem}.error{color:#b00}</style>
</head><body>
<h1>Hàng đợi</h1>
<p>Đăng nhập bằng tài khoản quản trị.</p>
${error ? `<p class="error">${escape(error)}</p>` : ''}
<form method="post" action="/admin/login">
<label for="username">Tên đăng nhập</label><input id="username" name="username" autocomplete="username" required>
<label for="password">Mật khẩu</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Đăng nhập</button>
</form>
</body></html>`;
}
