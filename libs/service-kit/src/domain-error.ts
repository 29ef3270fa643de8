import type { ErrorPayload, FieldError } from '#contracts';

/**
 * Every expected failure is a DomainError with a stable code. Services throw it; the RPC filter
 * sends its payload; the gateway answers with `status`. Anything else is a bug and becomes 500.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
  }

  toPayload(): ErrorPayload {
    return { code: this.code, status: this.status, message: this.message, ...(this.fields ? { fields: this.fields } : {}) };
  }

  /** Another unit's object, or one that does not exist: the caller cannot tell which (404). */
  static notFound(code: string, what: string): DomainError {
    return new DomainError(code, 404, `Không tìm thấy ${what}`);
  }

  static forbidden(message = 'Vai trò của bạn không được phép thực hiện thao tác này'): DomainError {
    return new DomainError('AUTH.FORBIDDEN', 403, message);
  }

  static invalid(code: string, fields: FieldError[], message = 'Dữ liệu không hợp lệ'): DomainError {
    return new DomainError(code, 400, message, fields);
  }

  static conflict(code: string, message: string): DomainError {
    return new DomainError(code, 409, message);
  }
}
