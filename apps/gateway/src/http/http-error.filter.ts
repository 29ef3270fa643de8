import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FieldError } from '#contracts';
import type { HttpResponse } from './http-types.js';

export interface ErrorResponse {
  status: number;
  body: { code: string; message: string; fields?: FieldError[] };
}

const BY_STATUS: Record<number, { code: string; message: string }> = {
  400: { code: 'REQUEST.INVALID', message: 'Dữ liệu gửi lên không hợp lệ' },
  401: { code: 'AUTH.UNAUTHENTICATED', message: 'Bạn cần đăng nhập' },
  403: { code: 'AUTH.FORBIDDEN', message: 'Bạn không có quyền thực hiện thao tác này' },
  404: { code: 'ROUTE.NOT_FOUND', message: 'Không tìm thấy đường dẫn yêu cầu' },
  405: { code: 'ROUTE.METHOD_NOT_ALLOWED', message: 'Phương thức không được hỗ trợ' },
  413: { code: 'REQUEST.TOO_LARGE', message: 'Dữ liệu gửi lên quá lớn' },
  415: { code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE', message: 'Kiểu nội dung gửi lên không được hỗ trợ' },
};

const INTERNAL = { code: 'INTERNAL', message: 'Lỗi hệ thống, vui lòng thử lại sau' };

/** A body-parser failure: the body is not JSON (or not in the declared charset/encoding). */
function isMalformedBody(exception: HttpException): boolean {
  const cause = exception.cause as { type?: string } | undefined;
  return cause instanceof SyntaxError || cause?.type === 'entity.parse.failed' || cause?.type === 'charset.unsupported';
}

/** Every error leaves the gateway as `{code, message, fields?}`, whatever raised it. */
export function toErrorResponse(exception: unknown): ErrorResponse {
  if (!(exception instanceof HttpException)) return { status: 500, body: INTERNAL };
  const status = exception.getStatus();
  const response = exception.getResponse();
  if (typeof response === 'object' && response !== null && typeof (response as { code?: unknown }).code === 'string') {
    const { code, message, fields } = response as { code: string; message?: unknown; fields?: FieldError[] };
    return {
      status,
      body: { code, message: typeof message === 'string' ? message : (BY_STATUS[status]?.message ?? ''), ...(fields ? { fields } : {}) },
    };
  }
  if (status === 400 && isMalformedBody(exception)) {
    return { status, body: { code: 'REQUEST.MALFORMED', message: 'Nội dung gửi lên không đúng định dạng JSON' } };
  }
  if (status >= 500) return { status, body: status === 500 ? INTERNAL : { code: `HTTP.${status}`, message: exception.message } };
  return { status, body: BY_STATUS[status] ?? { code: `HTTP.${status}`, message: exception.message } };
}

@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const { status, body } = toErrorResponse(exception);
    if (!(exception instanceof HttpException)) {
      this.logger.error((exception as Error)?.stack ?? String(exception));
    }
    const response = host.switchToHttp().getResponse<HttpResponse>();
    if (response.headersSent) return;
    response.status(status).json(body);
  }
}
