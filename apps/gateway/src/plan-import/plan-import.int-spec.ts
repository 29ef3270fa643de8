import 'reflect-metadata';
import { JwtService } from '@nestjs/jwt';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { connect, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { gatewayEnv, loadConfig } from '#config';
import { RpcPatterns, type ImportPlanRequest } from '#contracts';
import { freePort, startNatsServer, type TestNatsServer } from '#testing';
import { createGatewayApp } from '../app.js';
import { MAX_TEXT_BYTES } from './plan-import.http.controller.js';

const JWT_SECRET = 'integration-test-secret-that-is-long-enough';
const CLAIMS = { sub: '7', username: 'vp.thiuy', role: 'office', unitId: '2', unitCode: 'TXNH', unitPath: '1.2' };
type Body = RequestInit['body'];
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const bodyOf = (res: Response): Promise<any> => res.json();
const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * POST /api/plans/import at the HTTP edge: which bodies it accepts and what it forwards to
 * `rpc.plans.import` (answered here by a stand-in for the plans service).
 */
describe('gateway: POST /api/plans/import', () => {
  let nats: TestNatsServer;
  let app: NestExpressApplication;
  let nc: NatsConnection;
  let sub: Subscription;
  let base: string;
  let token: string;
  const received: ImportPlanRequest[] = [];
  const answer = { plan: null, document: { tasks: [] }, matches: [], warnings: [{ line: 0, text: '', message: 'x' }] };

  const post = (body: Body, headers: Record<string, string> = {}, query = '') =>
    fetch(`${base}/api/plans/import${query}`, { method: 'POST', body, headers: { authorization: `Bearer ${token}`, ...headers } });

  beforeAll(async () => {
    nats = await startNatsServer();
    const port = await freePort();
    const config = loadConfig(gatewayEnv, { NATS_URL: nats.url, JWT_SECRET, HTTP_PORT: String(port), RPC_TIMEOUT_MS: '2000', LOG_LEVEL: 'error' });
    app = await createGatewayApp(config, { logger: false });
    await app.listen(config.HTTP_PORT, '127.0.0.1');
    base = `http://127.0.0.1:${port}`;
    token = await new JwtService({ secret: JWT_SECRET }).signAsync(CLAIMS);
    nc = await connect({ servers: nats.url });
    sub = nc.subscribe(RpcPatterns.plans.importDocument, {
      callback: (error, msg) => {
        if (error) return;
        const packet = msg.json<{ id: string; data: ImportPlanRequest }>();
        received.push(packet.data);
        msg.respond(JSON.stringify({ id: packet.id, response: answer, isDisposed: true }));
      },
    });
    await nc.flush();
  });

  beforeEach(() => {
    received.length = 0;
  });

  afterAll(async () => {
    sub?.unsubscribe();
    await nc?.close();
    await app?.close();
    await nats?.destroy();
  });

  it('forwards a text/plain body with the actor and the query’s defaults, and answers 201 with the result', async () => {
    const res = await post('KẾ HOẠCH\nthực hiện …', { 'content-type': 'text/plain; charset=utf-8' }, '?symbol=12-KH/TU&referenceDate=2024-10-15&fileName=kh.txt');
    expect(res.status).toBe(201);
    expect(await bodyOf(res)).toEqual(answer);
    expect(received).toEqual([
      {
        actor: expect.objectContaining({ userId: '7', unitCode: 'TXNH', unitPath: '1.2' }),
        text: 'KẾ HOẠCH\nthực hiện …',
        fileName: 'kh.txt',
        defaults: { symbol: '12-KH/TU' },
        referenceDate: '2024-10-15',
      },
    ]);
  });

  it('forwards an uploaded .docx as base64, and a .txt upload as text', async () => {
    const docx = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(64, 1)]);
    const form = new FormData();
    form.append('file', new Blob([docx], { type: DOCX_MIME }), 'ke-hoach.docx');
    const res = await post(form);
    expect(res.status).toBe(201);
    expect(received[0]).toMatchObject({ docxBase64: docx.toString('base64'), fileName: 'ke-hoach.docx' });
    expect(received[0].text).toBeUndefined();

    const text = new FormData();
    text.append('file', new Blob(['KẾ HOẠCH'], { type: 'text/plain' }), 'ke-hoach.txt');
    expect((await post(text)).status).toBe(201);
    expect(received[1]).toMatchObject({ text: 'KẾ HOẠCH', fileName: 'ke-hoach.txt' });
  });

  it('answers 400 with a Vietnamese message for an empty or unsupported upload', async () => {
    const cases: Array<[Body, Record<string, string>, string]> = [
      ['', { 'content-type': 'text/plain' }, 'PLAN_IMPORT.EMPTY'],
      ['\uFEFF  \n', { 'content-type': 'text/plain' }, 'PLAN_IMPORT.EMPTY'],
      ['{"text":"KẾ HOẠCH"}', { 'content-type': 'application/json' }, 'PLAN_IMPORT.UNSUPPORTED'],
      [new Uint8Array([1, 2, 3]), { 'content-type': 'application/pdf' }, 'PLAN_IMPORT.UNSUPPORTED'],
      [undefined, {}, 'PLAN_IMPORT.UNSUPPORTED'],
    ];
    const pdf = new FormData();
    pdf.append('file', new Blob(['%PDF-1.4'], { type: 'application/pdf' }), 'ke-hoach.pdf');
    const emptyFile = new FormData();
    emptyFile.append('file', new Blob([], { type: DOCX_MIME }), 'trong.docx');
    const noFile = new FormData();
    noFile.append('note', 'không có tệp');
    for (const [body, headers, code] of [...cases, [pdf, {}, 'PLAN_IMPORT.UNSUPPORTED'] as const, [emptyFile, {}, 'PLAN_IMPORT.EMPTY'] as const]) {
      const res = await post(body as Body, headers as Record<string, string>);
      expect({ code, status: res.status }).toEqual({ code, status: 400 });
      const error = await bodyOf(res);
      expect(error).toEqual({ code, message: expect.stringMatching(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/u) });
    }
    // A form field other than "file" is refused by the upload interceptor itself.
    expect((await post(noFile)).status).toBe(400);
    expect(received).toEqual([]);
  });

  it('refuses a body over the limit with 413, and a bad query with the fields named', async () => {
    const tooLarge = await post('a'.repeat(MAX_TEXT_BYTES + 1), { 'content-type': 'text/plain' });
    expect(tooLarge.status).toBe(413);
    expect(await bodyOf(tooLarge)).toMatchObject({ code: 'REQUEST.TOO_LARGE' });
    const badQuery = await post('KẾ HOẠCH', { 'content-type': 'text/plain' }, '?issueDate=20/9/2024&foo=1');
    expect(badQuery.status).toBe(400);
    expect((await bodyOf(badQuery)).fields.map((f: { path: string }) => f.path).sort()).toEqual(['foo', 'issueDate']);
    expect(received).toEqual([]);
  });

  it('requires a login, and is documented in the OpenAPI document', async () => {
    expect((await fetch(`${base}/api/plans/import`, { method: 'POST', body: 'x', headers: { 'content-type': 'text/plain' } })).status).toBe(401);
    const doc = await bodyOf(await fetch(`${base}/api/docs-json`));
    const operation = doc.paths['/api/plans/import'].post;
    expect(Object.keys(operation.requestBody.content)).toEqual(['text/plain', 'multipart/form-data']);
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['201', '400', '413']));
    expect(operation.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['symbol', 'issueDate', 'referenceDate']));
  });
});
