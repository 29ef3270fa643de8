import { Catch, Logger, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';
import type { ErrorPayload } from '#contracts';
import { DomainError } from './domain-error.js';

/** Turns every error thrown by an RPC handler into an ErrorPayload the gateway understands. */
@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger('RpcErrorFilter');

  catch(exception: unknown, _host: ArgumentsHost): Observable<ErrorPayload> {
    if (exception instanceof DomainError) return throwError(() => exception.toPayload());
    this.logger.error((exception as Error)?.stack ?? String(exception));
    return throwError(() => ({ code: 'INTERNAL', status: 500, message: 'Lỗi hệ thống, vui lòng thử lại sau' }));
  }
}
