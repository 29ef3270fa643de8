import 'reflect-metadata';
import { JwtService } from '@nestjs/jwt';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { Queue } from 'bullmq';
import { gatewayEnv, loadConfig } from '#config';
import { QueueNames, RpcPatterns } from '#contracts';
import { freePort, startNatsServer, startRedisServer, type TestNatsServer, type TestRedisServer } from '#testing';
import { createGatewayApp } from '../app.js';

const JWT_SECRET = 'dashboard-test-secret-that-is-long-enough';
const CLAIMS = { sub: '1', username: 'admin', role: 'admin', unitId: '1', unitCode: 'TW', unitPath: '1' };

/**
 * /admin/queues: bull-board over the real queues on a private Redis, for admins only, with the
 * token taken from the header, the httpOnly cookie, the login form or a first `?token=` visit.
 */
describe('queue dashboard (/admin/queues)', () => {
  let nats: TestNatsServer;
  let redis: TestRedisServer;
  let app: NestExpressApplication;
  let nc: NatsConnection;
  let base: string;
  let queue: Queue;
  const jwt = new JwtService({ secret: JWT_SECRET });
  let admin: string;
  let office: string;

  beforeAll(async () => {
    [nats, redis] = await Promise.all([startNatsServer(), startRedisServer({ appendOnly: false })]);
    const port = await freePort();
    const config = loadConfig(gatewayEnv, {
      NATS_URL: nats.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: 'dash-test',
      JWT_SECRET,
      HTTP_PORT: String(port),
      RPC_TIMEOUT_MS: '2000',
      LOG_LEVEL: 'error',
    });
    app = await createGatewayApp(config, { logger: false });
    await app.listen(port, '127.0.0.1');
    base = `http://127.0.0.1:${port}`;
    nc = await connect({ servers: nats.url });
    // The directory's login, as the gateway asks it: an admin, an office user, anything else refused.
    nc.subscribe(RpcPatterns.directory.login, {
      callback: (_error, msg) => {
        const packet = msg.json<{ id: string; data: { username: string; password: string } }>();
        const { username, password } = packet.data;
        const role = username === 'admin' ? 'admin' : 'office';
        const answer =
          password === 'right'
            ? { response: { accessToken: role === 'admin' ? admin : office, tokenType: 'Bearer', expiresIn: 3600, user: { role } } }
            : { err: { code: 'AUTH.INVALID_CREDENTIALS', status: 401, message: 'Sai' } };
        msg.respond(JSON.stringify({ id: packet.id, ...answer, isDisposed: true }));
      },
    });
    await nc.flush();
    admin = await jwt.signAsync(CLAIMS);
    office = await jwt.signAsync({ ...CLAIMS, sub: '2', username: 'vp', role: 'office' });
    queue = new Queue(QueueNames.assignmentDeadlines, { prefix: 'dash-test', connection: { url: redis.url } });
    await queue.add('deadline', { at: Date.now() + 3_600_000 }, { jobId: 'at-1', delay: 3_600_000 });
  }, 60_000);

  afterAll(async () => {
    await queue?.close();
    await nc?.close();
    await app?.close();
    await nats?.destroy();
    await redis?.destroy();
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers, redirect: 'manual' });

  it('sends a browser without a token to the login form, and a script a 401', async () => {
    const page = await get('/admin/queues', { accept: 'text/html' });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/admin/login');
    const api = await get('/admin/queues/api/queues');
    expect(api.status).toBe(401);
    expect(await api.json()).toMatchObject({ code: 'AUTH.UNAUTHENTICATED' });
    const forged = await get('/admin/queues/api/queues', { authorization: `Bearer ${await new JwtService({ secret: 'x'.repeat(40) }).signAsync(CLAIMS)}` });
    expect(forged.status).toBe(401);
  });

  it('refuses a valid token of a non-admin', async () => {
    const res = await get('/admin/queues/api/queues', { authorization: `Bearer ${office}` });
    expect(res.status).toBe(403);
  });

  it('shows the queues to an admin (bearer), with their jobs', async () => {
    const page = await get('/admin/queues', { authorization: `Bearer ${admin}` });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const api = await get('/admin/queues/api/queues?activeQueue=assignments-deadlines&status=delayed', { authorization: `Bearer ${admin}` });
    expect(api.status).toBe(200);
    const body = (await api.json()) as { queues: { name: string; counts: Record<string, number> }[] };
    expect(body.queues.map((q) => q.name).sort()).toEqual(['assignments-deadlines', 'reporting-deadlines']);
    expect(body.queues.find((q) => q.name === 'assignments-deadlines')!.counts.delayed).toBe(1);
  });

  it('turns a first ?token= visit into an httpOnly cookie and a clean address', async () => {
    const first = await get(`/admin/queues?token=${admin}`, { accept: 'text/html' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/admin/queues');
    const cookie = first.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^tk_admin=[^;]+; Path=\/admin; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    const next = await get('/admin/queues', { accept: 'text/html', cookie: cookie.split(';')[0] });
    expect(next.status).toBe(200);
    expect((await get(`/admin/queues?token=${office}`)).status).toBe(403);
  });

  it('logs an admin in with the form, refuses others, and logs out', async () => {
    const form = (username: string, password: string) =>
      fetch(`${base}/admin/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ username, password }).toString(),
        redirect: 'manual',
      });
    expect((await get('/admin/login')).status).toBe(200);
    expect((await form('admin', 'wrong')).status).toBe(401);
    expect((await form('vp', 'right')).status).toBe(403);
    const ok = await form('admin', 'right');
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/admin/queues');
    const cookie = ok.headers.get('set-cookie')!.split(';')[0];
    expect((await get('/admin/queues/api/queues', { cookie })).status).toBe(200);
    const out = await get('/admin/logout', { cookie });
    expect(out.headers.get('set-cookie')).toMatch(/^tk_admin=; .*Max-Age=0/);
  });

  it('leaves the API and its 404s as they were', async () => {
    const res = await get('/admin/other');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'ROUTE.NOT_FOUND' });
  });
});
