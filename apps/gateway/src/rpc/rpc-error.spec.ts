import { HttpException } from '@nestjs/common';
import { EmptyResponseException } from '@nestjs/microservices/errors/empty-response.exception.js';
import { TimeoutError, firstValueFrom, NEVER, timeout } from 'rxjs';
import { toErrorResponse } from '../http/http-error.filter.js';
import { classifyRpcError, rpcErrorToHttp } from './rpc-error.js';

async function realTimeoutError(): Promise<unknown> {
  return firstValueFrom(NEVER.pipe(timeout(1))).catch((error: unknown) => error);
}

describe('rpcErrorToHttp', () => {
  it('answers a service ErrorPayload with its status and {code, message, fields}', () => {
    const error = rpcErrorToHttp({
      code: 'PLAN.INVALID',
      status: 400,
      message: 'Kế hoạch không hợp lệ',
      fields: [{ path: 'tasks[2].timeline', message: 'không đọc được thời hạn' }],
    });
    expect(error).toBeInstanceOf(HttpException);
    expect(error.getStatus()).toBe(400);
    expect(error.getResponse()).toEqual({
      code: 'PLAN.INVALID',
      message: 'Kế hoạch không hợp lệ',
      fields: [{ path: 'tasks[2].timeline', message: 'không đọc được thời hạn' }],
    });
  });

  it('keeps 404, 403, 409 and the services\' 500 as they are, without a fields key when there is none', () => {
    for (const status of [403, 404, 409, 500]) {
      const error = rpcErrorToHttp({ code: 'X.Y', status, message: 'm' });
      expect(error.getStatus()).toBe(status);
      expect(error.getResponse()).toEqual({ code: 'X.Y', message: 'm' });
    }
  });

  it('does not trust a status that is not an HTTP error status', () => {
    expect(rpcErrorToHttp({ code: 'X', status: 200, message: 'm' }).getStatus()).toBe(500);
    expect(rpcErrorToHttp({ code: 'X', status: 99999, message: 'm' }).getStatus()).toBe(500);
  });

  it('turns a timeout into 503 SERVICE.UNAVAILABLE', async () => {
    const timeoutError = await realTimeoutError();
    expect(timeoutError).toBeInstanceOf(TimeoutError);
    expect(classifyRpcError(timeoutError)).toBe('timeout');
    const error = rpcErrorToHttp(timeoutError);
    expect(error.getStatus()).toBe(503);
    expect(error.getResponse()).toMatchObject({ code: 'SERVICE.UNAVAILABLE' });
  });

  it('turns "no responders", a lost connection and a missing handler into 503', () => {
    const noResponders = new EmptyResponseException('rpc.plans.create');
    expect(classifyRpcError(noResponders)).toBe('no-responders');
    for (const error of [noResponders, 'Error: Connection lost. Trying to reconnect...', new Error('Connection closed'), 'There is no matching message handler defined in the remote service.']) {
      const http = rpcErrorToHttp(error);
      expect(http.getStatus()).toBe(503);
      expect(http.getResponse()).toMatchObject({ code: 'SERVICE.UNAVAILABLE' });
    }
  });

  it('turns a request over the NATS max payload into 413', () => {
    const error = rpcErrorToHttp(new Error("'payload' max_payload size exceeded"));
    expect(error.getStatus()).toBe(413);
    expect(error.getResponse()).toMatchObject({ code: 'REQUEST.TOO_LARGE' });
  });
});

describe('toErrorResponse (the HTTP error body)', () => {
  it('passes a coded body through', () => {
    expect(toErrorResponse(rpcErrorToHttp({ code: 'PLAN.NOT_FOUND', status: 404, message: 'Không tìm thấy kế hoạch' }))).toEqual({
      status: 404,
      body: { code: 'PLAN.NOT_FOUND', message: 'Không tìm thấy kế hoạch' },
    });
  });

  it('gives framework exceptions a code', () => {
    const notFound = toErrorResponse(new HttpException('Cannot GET /api/nope', 404));
    expect(notFound).toEqual({ status: 404, body: { code: 'ROUTE.NOT_FOUND', message: expect.any(String) } });
    const tooLarge = toErrorResponse(new HttpException('request entity too large', 413));
    expect(tooLarge.body.code).toBe('REQUEST.TOO_LARGE');
  });

  it('calls a body-parser syntax error malformed', () => {
    const cause = Object.assign(new SyntaxError('Unexpected token'), { status: 400, type: 'entity.parse.failed' });
    const response = toErrorResponse(new HttpException('Unexpected token', 400, { cause }));
    expect(response).toEqual({ status: 400, body: { code: 'REQUEST.MALFORMED', message: expect.any(String) } });
  });

  it('hides anything unexpected behind a 500 INTERNAL', () => {
    expect(toErrorResponse(new Error('db password is hunter2'))).toEqual({ status: 500, body: { code: 'INTERNAL', message: expect.any(String) } });
  });
});
