import { HttpException } from '@nestjs/common';
// Not re-exported from the package index; ClientNats raises it for NATS "no responders".
import { EmptyResponseException } from '@nestjs/microservices/errors/empty-response.exception.js';
import { TimeoutError } from 'rxjs';
import { isErrorPayload, type ErrorPayload } from '#contracts';

export const SERVICE_UNAVAILABLE = {
  code: 'SERVICE.UNAVAILABLE',
  message: 'Dịch vụ tạm thời không phản hồi, vui lòng thử lại sau',
} as const;

export const PAYLOAD_TOO_LARGE = {
  code: 'REQUEST.TOO_LARGE',
  message: 'Dữ liệu gửi lên quá lớn để chuyển tới dịch vụ xử lý',
} as const;

export type RpcFailureKind = 'service-error' | 'timeout' | 'no-responders' | 'too-large' | 'transport';

/** What went wrong with one request-reply, from what the NATS client proxy raised. */
export function classifyRpcError(error: unknown): RpcFailureKind {
  if (isErrorPayload(error)) return 'service-error';
  if (error instanceof TimeoutError) return 'timeout';
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof EmptyResponseException) return 'no-responders';
  if (/no subscribers listening|no responders/i.test(message)) return 'no-responders';
  if (/max_payload/i.test(message)) return 'too-large';
  return 'transport';
}

function isHttpStatus(status: number): boolean {
  return Number.isInteger(status) && status >= 400 && status <= 599;
}

/**
 * The HTTP answer for a failed RPC: a service's ErrorPayload keeps its status and becomes
 * `{code, message, fields}`; a service that cannot be reached (timeout, no responders, broken
 * connection, a service without the handler) is 503 SERVICE.UNAVAILABLE.
 */
export function rpcErrorToHttp(error: unknown): HttpException {
  switch (classifyRpcError(error)) {
    case 'service-error': {
      const { code, status, message, fields } = error as ErrorPayload;
      const body = { code, message: typeof message === 'string' ? message : '', ...(fields ? { fields } : {}) };
      return new HttpException(body, isHttpStatus(status) ? status : 500);
    }
    case 'too-large':
      return new HttpException({ ...PAYLOAD_TOO_LARGE }, 413);
    default:
      return new HttpException({ ...SERVICE_UNAVAILABLE }, 503);
  }
}
