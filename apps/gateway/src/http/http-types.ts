/**
 * The little of Express's request/response the gateway touches (the project does not install
 * @types/express; these match Express 5's objects).
 */
export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  /** Set by the request-id middleware for every request. */
  requestId?: string;
  /** Set by the auth guard on authenticated requests. */
  actor?: import('#contracts').Actor;
}

export interface HttpResponse {
  headersSent: boolean;
  status(code: number): HttpResponse;
  json(body: unknown): unknown;
  setHeader(name: string, value: string): unknown;
}

export type NextFunction = (error?: unknown) => void;
