import { randomUUID } from 'node:crypto';
import type { HttpRequest, HttpResponse, NextFunction } from './http-types.js';

export const REQUEST_ID_HEADER = 'x-request-id';

/** Accept a caller's id only if it is short and plain, so it is safe in logs and headers. */
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && SAFE_ID.test(value) ? value : randomUUID();
}

/**
 * Gives every request an id (the caller's `x-request-id`, or a new uuid) and echoes it back. The
 * auth guard puts it on the Actor, so it becomes the correlationId of every event the request causes.
 */
export function requestIdMiddleware(req: HttpRequest, res: HttpResponse, next: NextFunction): void {
  req.requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
  res.setHeader(REQUEST_ID_HEADER, req.requestId);
  next();
}
