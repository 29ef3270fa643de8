import type { LoginResult } from '#contracts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    method: string,
    path: string,
  ) {
    super(`${method} ${path} → ${status}: ${JSON.stringify(body)}`);
  }
}

/**
 * A thin HTTP client for the gateway, as any API consumer would write it. Used by the e2e tests
 * and by the demo, which drive the system only through HTTP.
 */
export class ApiClient {
  private token: string | null = null;

  constructor(readonly baseUrl: string) {}

  async login(username: string, password: string): Promise<LoginResult> {
    const result = await this.post<LoginResult>('/api/auth/login', { username, password });
    this.token = result.accessToken;
    return result;
  }

  as(token: string): ApiClient {
    const other = new ApiClient(this.baseUrl);
    other.token = token;
    return other;
  }

  get<T>(path: string, query: Record<string, string | number | undefined> = {}): Promise<T> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
    const suffix = params.size ? `?${params}` : '';
    return this.request<T>('GET', `${path}${suffix}`);
  }

  post<T>(path: string, body?: unknown, contentType = 'application/json'): Promise<T> {
    return this.request<T>('POST', path, body, contentType);
  }

  put<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  /** Like the verbs above, but returns the status and body instead of throwing on 4xx/5xx. */
  async raw(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<{ status: number; body: any }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': contentType }),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed };
  }

  /** A binary download (an export): status, headers and the bytes. */
  async download(path: string, query: Record<string, string | number | undefined> = {}): Promise<{ status: number; headers: Headers; body: Buffer }> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
    const response = await fetch(`${this.baseUrl}${path}${params.size ? `?${params}` : ''}`, {
      headers: this.token ? { authorization: `Bearer ${this.token}` } : {},
    });
    return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
  }

  private async request<T>(method: string, path: string, body?: unknown, contentType?: string): Promise<T> {
    const { status, body: parsed } = await this.raw(method, path, body, contentType);
    if (status >= 400) throw new ApiError(status, parsed, method, path);
    return parsed as T;
  }
}
