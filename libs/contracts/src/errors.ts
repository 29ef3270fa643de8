/**
 * Error payload carried over RPC and rendered by the gateway as HTTP. `code` is stable
 * (`PLAN.NOT_FOUND`); `status` is the HTTP status the edge answers with; `fields` lists
 * field-level problems (`tasks[2].timeline`) with human-readable Vietnamese-friendly messages.
 */
export interface FieldError {
  path: string;
  message: string;
}

export interface ErrorPayload {
  code: string;
  status: number;
  message: string;
  fields?: FieldError[];
}

export function isErrorPayload(value: unknown): value is ErrorPayload {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorPayload).code === 'string' &&
    typeof (value as ErrorPayload).status === 'number'
  );
}
