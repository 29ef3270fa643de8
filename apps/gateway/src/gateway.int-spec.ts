import 'reflect-metadata';
import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { MessagePattern, RpcException, Transport, type MicroserviceOptions } from '@nestjs/microservices';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { connect, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { gatewayEnv, loadConfig } from '#config';
import { RpcPatterns, SERVICES, type CreatePlanRequest, type HealthReport, type ImportUnitsRequest } from '#contracts';
import { expectEventually, freePort, startNatsServer, type TestNatsServer } from '#testing';
import { createGatewayApp } from './app.js';
import { jest } from '@jest/globals';

jest.setTimeout(60_000);

const JWT_SECRET = 'integration-test-secret-that-is-long-enough';
const RPC_TIMEOUT_MS = 1_000;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const bodyOf = (res: Response): Promise<any> => res.json();

const CLAIMS = { sub: '7', username: 'vp.tu', role: 'office', unitId: '1', unitCode: 'TU', unitPath: '1' };

function validPlan(): Record<string, unknown> {
  return {
    symbol: '301-KH/TU',
    title: 'Triển khai Nghị quyết số 57-NQ/TW',
    issueDate: '2024-08-15',
    tasks: [
      { number: '1', title: 'Quán triệt', timeline: 'Trong tháng 9/2024', implementing: { type: 'direct-subordinates' } },
      { number: '2', title: 'Sơ kết', timeline: 'Quý IV/2024', implementing: { type: 'units', unitCodes: ['HU-01'] } },
    ],
  };
}

/** Health answers given by a real Nest NATS microservice (the services' own transport). */
const serviceHealth: { directory: HealthReport; plans: HealthReport | 'fail' } = {
  directory: { service: 'directory', postgres: true, redis: false, nats: true },
  plans: { service: 'plans', postgres: true, redis: true, nats: true },
};

@Controller()
class FakeHealthController {
  @MessagePattern(RpcPatterns.directory.health)
  directory(): HealthReport {
    return serviceHealth.directory;
  }

  @MessagePattern(RpcPatterns.plans.health)
  plans(): HealthReport {
    const health = serviceHealth.plans;
    if (health === 'fail') throw new RpcException({ code: 'INTERNAL', status: 500, message: 'boom' });
    return health;
  }
}

@Module({ controllers: [FakeHealthController] })
class FakeServicesModule {}

describe('gateway (HTTP in, NATS request-reply out)', () => {
  let nats: TestNatsServer;
  let app: NestExpressApplication;
  let nc: NatsConnection;
  let services: INestMicroservice | undefined;
  let base: string;
  const subscriptions: Subscription[] = [];
  const jwt = new JwtService({ secret: JWT_SECRET });
  let token: string;

  /** Answers `subject` the way a Nest NATS server does: `{id, response | err, isDisposed: true}`. */
  async function respond(subject: string, handler: (data: unknown) => { response: unknown } | { err: unknown } | 'silence') {
    const sub = nc.subscribe(subject, {
      callback: (error, msg) => {
        if (error) return;
        const packet = msg.json<{ id: string; pattern: string; data: unknown }>();
        const answer = handler(packet.data);
        if (answer === 'silence') return;
        msg.respond(JSON.stringify({ id: packet.id, ...answer, isDisposed: true }));
      },
    });
    subscriptions.push(sub);
    await nc.flush();
    return sub;
  }

  const request = (path: string, init: RequestInit & { auth?: boolean } = {}) => {
    const headers = new Headers(init.headers);
    if (init.auth !== false) headers.set('authorization', `Bearer ${token}`);
    if (typeof init.body === 'string' && !headers.has('content-type')) headers.set('content-type', 'application/json');
    return fetch(`${base}${path}`, { ...init, headers });
  };

  beforeAll(async () => {
    nats = await startNatsServer();
    const port = await freePort();
    const config = loadConfig(gatewayEnv, {
      NATS_URL: nats.url,
      JWT_SECRET,
      HTTP_PORT: String(port),
      RPC_TIMEOUT_MS: String(RPC_TIMEOUT_MS),
      LOG_LEVEL: 'error',
    });
    app = await createGatewayApp(config, { logger: false });
    await app.listen(config.HTTP_PORT, '127.0.0.1');
    base = `http://127.0.0.1:${port}`;
    nc = await connect({ servers: nats.url });
    token = await jwt.signAsync(CLAIMS);
  });

  afterEach(() => {
    for (const sub of subscriptions.splice(0)) sub.unsubscribe();
  });

  afterAll(async () => {
    await services?.close();
    await app?.close();
    await nc?.close();
    await nats?.destroy();
  });

  describe('health', () => {
    it('/health/live answers 200 while the process runs, without a token', async () => {
      const res = await fetch(`${base}/health/live`);
      expect(res.status).toBe(200);
      expect(await bodyOf(res)).toEqual({ status: 'ok' });
    });

    it('/health/ready is 503 with every service unreachable when none runs', async () => {
      const body = await expectEventually(async () => {
        const res = await fetch(`${base}/health/ready`);
        expect(res.status).toBe(503);
        const json = await bodyOf(res);
        expect(json.gateway).toEqual({ nats: true });
        return json;
      });
      expect(body.status).toBe('not_ready');
      expect(body.services).toHaveLength(SERVICES.length);
      for (const service of SERVICES) {
        expect(body.services).toContainEqual(expect.objectContaining({ service, reachable: false }));
      }
    });

    it('reports each service: healthy, unhealthy (Redis down) and unreachable; ready once all are up', async () => {
      services = await NestFactory.createMicroservice<MicroserviceOptions>(FakeServicesModule, {
        transport: Transport.NATS,
        options: { servers: [nats.url], queue: 'fake-services' },
        logger: false,
      });
      await services.listen();
      // listen() resolves before the server's subscriptions have surely reached NATS: wait for them.
      await expectEventually(async () => {
        const body = await bodyOf(await fetch(`${base}/health/ready`));
        expect(body.services).toContainEqual(expect.objectContaining({ service: 'plans', reachable: true }));
      });

      let res = await fetch(`${base}/health/ready`);
      let body = await bodyOf(res);
      expect(res.status).toBe(503);
      expect(body.services).toContainEqual({ service: 'plans', reachable: true, healthy: true, postgres: true, redis: true, nats: true });
      expect(body.services).toContainEqual({ service: 'directory', reachable: true, healthy: false, postgres: true, redis: false, nats: true });
      expect(body.services).toContainEqual(expect.objectContaining({ service: 'assignments', reachable: false }));

      for (const service of ['assignments', 'reporting', 'notifications'] as const) {
        await respond(RpcPatterns[service].health, () => ({ response: { service, postgres: true, redis: true, nats: true } }));
      }
      serviceHealth.directory = { ...serviceHealth.directory, redis: true };
      res = await fetch(`${base}/health/ready`);
      body = await bodyOf(res);
      expect(res.status).toBe(200);
      expect(body.status).toBe('ready');
      expect(body.services.every((s: { healthy: boolean }) => s.healthy)).toBe(true);

      // A service that answers with an error is not ready either.
      serviceHealth.plans = 'fail';
      res = await fetch(`${base}/health/ready`);
      expect(res.status).toBe(503);
      expect((await bodyOf(res)).services).toContainEqual(expect.objectContaining({ service: 'plans', reachable: false }));
    });
  });

  describe('authentication', () => {
    it('answers 401 AUTH.UNAUTHENTICATED without a valid bearer token', async () => {
      const otherSecret = new JwtService({ secret: 'another-secret-another-secret-another' });
      const cases: (string | undefined)[] = [
        undefined,
        'Bearer',
        'Bearer not-a-jwt',
        `Basic ${Buffer.from('a:b').toString('base64')}`,
        `Bearer ${await otherSecret.signAsync(CLAIMS)}`,
        `Bearer ${await jwt.signAsync({ ...CLAIMS, role: 'superuser' })}`,
        `Bearer ${await jwt.signAsync({ sub: '7' })}`,
        `Bearer ${await jwt.signAsync(CLAIMS, { expiresIn: -10 })}`,
        `Bearer ${await jwt.signAsync(CLAIMS, { algorithm: 'HS512' })}`,
      ];
      for (const authorization of cases) {
        const res = await fetch(`${base}/api/plans`, { headers: authorization ? { authorization } : {} });
        expect(res.status).toBe(401);
        expect(await bodyOf(res)).toEqual({ code: 'AUTH.UNAUTHENTICATED', message: expect.any(String) });
      }
    });

    it('lets login through without a token and forwards it to the directory', async () => {
      const result = { accessToken: 'x', tokenType: 'Bearer', expiresIn: 3600, user: { id: '7' } };
      let received: unknown;
      await respond(RpcPatterns.directory.login, (data) => {
        received = data;
        return { response: result };
      });
      const res = await request('/api/auth/login', { method: 'POST', auth: false, body: JSON.stringify({ username: 'admin', password: 'secret-pass' }) });
      expect(res.status).toBe(200);
      expect(await bodyOf(res)).toEqual(result);
      expect(received).toEqual({ username: 'admin', password: 'secret-pass' });
    });

    it('maps a failed login to the directory\'s status and code', async () => {
      await respond(RpcPatterns.directory.login, () => ({ err: { code: 'AUTH.INVALID_CREDENTIALS', status: 401, message: 'Sai tên đăng nhập hoặc mật khẩu' } }));
      const res = await request('/api/auth/login', { method: 'POST', auth: false, body: JSON.stringify({ username: 'admin', password: 'nope' }) });
      expect(res.status).toBe(401);
      expect(await bodyOf(res)).toEqual({ code: 'AUTH.INVALID_CREDENTIALS', message: 'Sai tên đăng nhập hoặc mật khẩu' });
    });
  });

  describe('forwarding over RPC', () => {
    it('sends the plan with the actor built from the token and the request id, and answers 201 with the reply', async () => {
      let received: CreatePlanRequest | undefined;
      await respond(RpcPatterns.plans.create, (data) => {
        received = data as CreatePlanRequest;
        return { response: { id: '101', symbol: '301-KH/TU', status: 'draft' } };
      });
      const res = await request('/api/plans', { method: 'POST', body: JSON.stringify(validPlan()), headers: { 'x-request-id': 'req-123' } });
      expect(res.status).toBe(201);
      expect(res.headers.get('x-request-id')).toBe('req-123');
      expect(await bodyOf(res)).toEqual({ id: '101', symbol: '301-KH/TU', status: 'draft' });
      expect(received?.actor).toEqual({
        userId: '7',
        username: 'vp.tu',
        role: 'office',
        unitId: '1',
        unitCode: 'TU',
        unitPath: '1',
        correlationId: 'req-123',
      });
      expect(received?.plan).toEqual(validPlan());
    });

    it('answers a service ErrorPayload with its status and {code, message, fields}', async () => {
      await respond(RpcPatterns.plans.create, () => ({
        err: {
          code: 'PLAN.INVALID',
          status: 422,
          message: 'Kế hoạch không hợp lệ',
          fields: [{ path: 'tasks[1].timeline', message: 'Không đọc được thời hạn' }],
        },
      }));
      const res = await request('/api/plans', { method: 'POST', body: JSON.stringify(validPlan()) });
      expect(res.status).toBe(422);
      expect(await bodyOf(res)).toEqual({
        code: 'PLAN.INVALID',
        message: 'Kế hoạch không hợp lệ',
        fields: [{ path: 'tasks[1].timeline', message: 'Không đọc được thời hạn' }],
      });
    });

    it('answers 503 SERVICE.UNAVAILABLE at once when no service listens', async () => {
      const started = Date.now();
      const res = await request('/api/plans?status=draft');
      expect(res.status).toBe(503);
      expect(await bodyOf(res)).toEqual({ code: 'SERVICE.UNAVAILABLE', message: expect.any(String) });
      expect(Date.now() - started).toBeLessThan(RPC_TIMEOUT_MS);
    });

    it('answers 503 after RPC_TIMEOUT_MS when a service does not reply', async () => {
      await respond(RpcPatterns.plans.get, () => 'silence');
      const started = Date.now();
      const res = await request('/api/plans/101');
      expect(res.status).toBe(503);
      expect(await bodyOf(res)).toMatchObject({ code: 'SERVICE.UNAVAILABLE' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(RPC_TIMEOUT_MS - 50);
    });

    it('forwards coerced query parameters', async () => {
      let received: Record<string, unknown> | undefined;
      await respond(RpcPatterns.assignments.list, (data) => {
        received = data as Record<string, unknown>;
        return { response: { items: [], total: 0, page: 2, pageSize: 10 } };
      });
      const res = await request('/api/assignments?planId=101&status=in_progress&dueBefore=2024-12-31&page=2&pageSize=10');
      expect(res.status).toBe(200);
      expect(received).toMatchObject({ planId: '101', status: 'in_progress', dueBefore: '2024-12-31', page: 2, pageSize: 10 });
    });

    it('imports units from CSV, large bodies included', async () => {
      let received: ImportUnitsRequest | undefined;
      await respond(RpcPatterns.directory.importUnits, (data) => {
        received = data as ImportUnitsRequest;
        const total = received.rows.length;
        return { response: { created: total, updated: 0, unchanged: 0, total, directoryVersion: 1 } };
      });
      const lines = ['code,name,parentCode,kind', 'TU,Tỉnh ủy Mẫu,,tinh_uy'];
      for (let i = 1; i < 3355; i++) lines.push(`CB-${i},"Chi bộ ${i}, Đảng bộ Khối",TU,chi_bo`);
      const csv = lines.join('\n');
      expect(Buffer.byteLength(csv)).toBeGreaterThan(100_000);
      const res = await request('/api/units/import', { method: 'POST', body: csv, headers: { 'content-type': 'text/csv; charset=utf-8' } });
      expect(res.status).toBe(200);
      expect(await bodyOf(res)).toMatchObject({ created: 3355, total: 3355 });
      expect(received?.rows[0]).toEqual({ code: 'TU', name: 'Tỉnh ủy Mẫu', parentCode: null, kind: 'tinh_uy' });
      expect(received?.rows[5]).toEqual({ code: 'CB-5', name: 'Chi bộ 5, Đảng bộ Khối', parentCode: 'TU', kind: 'chi_bo' });

      const json = await request('/api/units/import', {
        method: 'POST',
        body: JSON.stringify({ rows: [{ code: 'TU', name: 'Tỉnh ủy', parentCode: '', kind: 'tinh_uy' }] }),
      });
      expect(json.status).toBe(200);
      expect(received?.rows).toEqual([{ code: 'TU', name: 'Tỉnh ủy', parentCode: null, kind: 'tinh_uy' }]);
    });
  });

  describe('notifications and users routes', () => {
    it('forwards the inbox query with unreadOnly as a boolean, and marking one read by id', async () => {
      const received: Record<string, unknown>[] = [];
      await respond(RpcPatterns.notifications.list, (data) => {
        received.push(data as Record<string, unknown>);
        return { response: { items: [], total: 0, unread: 0, page: 1, pageSize: 5 } };
      });
      await respond(RpcPatterns.notifications.markRead, (data) => {
        received.push(data as Record<string, unknown>);
        return { response: { id: 'n1' } };
      });
      expect((await request('/api/notifications?unreadOnly=true&pageSize=5')).status).toBe(200);
      expect(received[0]).toMatchObject({ unreadOnly: true, pageSize: 5, actor: { userId: '7' } });
      const read = await request('/api/notifications/n1/read', { method: 'POST' });
      expect(read.status).toBe(200);
      expect(received[1]).toMatchObject({ notificationId: 'n1', actor: { userId: '7' } });
      const bad = await request('/api/notifications?unreadOnly=maybe');
      expect(bad.status).toBe(400);
      expect((await bodyOf(bad)).fields).toEqual([{ path: 'unreadOnly', message: 'phải là true hoặc false' }]);
    });

    it('validates preferences, resend and webhook bodies before any RPC', async () => {
      const prefs = await request('/api/notifications/preferences', {
        method: 'PUT',
        body: JSON.stringify({ emailMode: 'weekly', mutedKinds: ['assignment.created', 'spam'], email: 'yes' }),
      });
      expect(prefs.status).toBe(400);
      expect((await bodyOf(prefs)).fields.map((f: { path: string }) => f.path).sort()).toEqual(['email', 'emailMode', 'mutedKinds']);
      const resend = await request('/api/notifications/deliveries/resend', { method: 'POST', body: JSON.stringify({ deliveryIds: ['x'] }) });
      expect(resend.status).toBe(400);
      const hook = await request('/api/notifications/webhooks', { method: 'POST', body: JSON.stringify({ description: 'x' }) });
      expect(hook.status).toBe(400);
      expect((await bodyOf(hook)).fields).toEqual([{ path: 'url', message: 'là bắt buộc' }]);
    });

    it('forwards a user change with the id from the path; an e-mail must look like one', async () => {
      let received: Record<string, unknown> | undefined;
      await respond(RpcPatterns.directory.updateUser, (data) => {
        received = data as Record<string, unknown>;
        return { response: { id: 'u1' } };
      });
      const ok = await request('/api/users/u1', { method: 'PATCH', body: JSON.stringify({ email: null, active: false }) });
      expect(ok.status).toBe(200);
      expect(received).toMatchObject({ userId: 'u1', email: null, active: false, actor: { userId: '7' } });
      const bad = await request('/api/users/u1', { method: 'PATCH', body: JSON.stringify({ email: 'not-an-address' }) });
      expect(bad.status).toBe(400);
      expect((await bodyOf(bad)).fields).toEqual([{ path: 'email', message: 'phải là một địa chỉ e-mail' }]);
    });
  });

  describe('validation and errors at the edge', () => {
    it('answers 413 when a body fits the HTTP limit but not a NATS message', async () => {
      await respond(RpcPatterns.directory.importUnits, () => ({ response: 'unexpected' }));
      const rows = Array.from({ length: 3000 }, (_, i) => ({ code: `U-${i}`, name: 'N'.repeat(500), parentCode: null, kind: 'chi_bo' }));
      const res = await request('/api/units/import', { method: 'POST', body: JSON.stringify({ rows }) });
      expect(res.status).toBe(413);
      expect(await bodyOf(res)).toEqual({ code: 'REQUEST.TOO_LARGE', message: expect.any(String) });
    });

    it('answers 400 REQUEST.INVALID with field paths for an invalid plan, unknown fields included', async () => {
      const plan = validPlan();
      const tasks = plan.tasks as Record<string, unknown>[];
      delete tasks[0].timeline;
      tasks[1].implementing = { type: 'descendants' };
      plan.symbol = '301/KH-TU';
      plan.approvedBy = 'me';
      const res = await request('/api/plans', { method: 'POST', body: JSON.stringify(plan) });
      expect(res.status).toBe(400);
      const body = await bodyOf(res);
      expect(body.code).toBe('REQUEST.INVALID');
      expect(body.message).toBe('Dữ liệu gửi lên không hợp lệ');
      expect(body.fields).toEqual(
        expect.arrayContaining([
          { path: 'tasks[0].timeline', message: 'là bắt buộc' },
          { path: 'tasks[1].implementing.kind', message: 'là bắt buộc' },
          { path: 'symbol', message: expect.stringContaining('301-KH/TU') },
          { path: 'approvedBy', message: 'trường này không được phép' },
        ]),
      );
    });

    it('answers 400 for invalid query parameters and status transitions', async () => {
      let res = await request('/api/inbox?pageSize=500&status=lost');
      expect(res.status).toBe(400);
      expect((await bodyOf(res)).fields.map((f: { path: string }) => f.path).sort()).toEqual(['pageSize', 'status']);
      res = await request('/api/assignments/5/status', { method: 'POST', body: JSON.stringify({ status: 'new' }) });
      expect(res.status).toBe(400);
      expect((await bodyOf(res)).fields).toEqual([{ path: 'status', message: expect.stringContaining('acknowledged') }]);
    });

    it('answers 400 for a CSV import with a wrong header', async () => {
      const res = await request('/api/units/import', { method: 'POST', body: 'ma,ten\nTU,Tỉnh ủy\n', headers: { 'content-type': 'text/csv' } });
      expect(res.status).toBe(400);
      expect((await bodyOf(res)).fields).toEqual([{ path: 'csv', message: expect.stringContaining('thiếu cột') }]);
    });

    it('answers 400 REQUEST.MALFORMED for malformed JSON, never 500', async () => {
      const res = await request('/api/plans', { method: 'POST', body: '{"symbol": "301-KH/TU",' });
      expect(res.status).toBe(400);
      expect(await bodyOf(res)).toEqual({ code: 'REQUEST.MALFORMED', message: expect.any(String) });
    });

    it('answers 404 ROUTE.NOT_FOUND for unknown routes', async () => {
      for (const path of ['/api/nothing-here', '/nothing-here', '/health/nope']) {
        const res = await request(path);
        expect(res.status).toBe(404);
        expect(await bodyOf(res)).toEqual({ code: 'ROUTE.NOT_FOUND', message: expect.any(String) });
      }
      // Health is not under /api.
      expect((await request('/api/health/live')).status).toBe(404);
    });
  });

  describe('OpenAPI', () => {
    it('serves a valid OpenAPI document at /api/docs-json and the UI at /api/docs', async () => {
      const res = await fetch(`${base}/api/docs-json`);
      expect(res.status).toBe(200);
      const doc = await bodyOf(res);
      expect(doc.openapi).toMatch(/^3\./);
      expect(doc.info.title).toBeTruthy();
      expect(Object.keys(doc.paths['/api/plans']).sort()).toEqual(['get', 'post']);
      expect(doc.paths['/api/plans'].post.security).toEqual([{ bearer: [] }]);
      expect(doc.paths['/api/plans'].post.tags).toEqual(['plans']);
      expect(doc.paths['/api/auth/login']).toBeDefined();
      expect(doc.paths['/health/ready']).toBeDefined();
      expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
      expect(doc.components.schemas.PlanInputDto.required).toEqual(expect.arrayContaining(['symbol', 'title', 'issueDate', 'tasks']));
      const ui = await fetch(`${base}/api/docs`);
      expect(ui.status).toBe(200);
      expect(ui.headers.get('content-type')).toContain('text/html');
    });
  });
});
