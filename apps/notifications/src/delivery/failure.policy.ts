/** A failure no retry can fix (a refused address, a receiver that rejects the call, a removed endpoint). */
export class PermanentDeliveryError extends Error {}

/** A webhook receiver answered with a non-2xx status. */
export class WebhookHttpError extends Error {
  constructor(
    readonly status: number,
    body: string,
  ) {
    super(`HTTP ${status}${body ? `: ${body}` : ''}`);
  }
}

export interface FailureVerdict {
  permanent: boolean;
  /** One line for the delivery log. */
  reason: string;
}

/** Statuses that say "later" rather than "never": timeout, conflict, too early, rate limited. */
const RETRYABLE_4XX = new Set([408, 409, 425, 429]);

/**
 * Retry or give up? Connection problems, timeouts, SMTP 4xx and HTTP 5xx are temporary; an SMTP
 * 5xx reply (mailbox unknown, relay refused) and an HTTP 4xx (other than the ones above) are the
 * other side saying no, which retrying cannot change. Unknown errors are retried: a transient
 * problem mistaken for a permanent one loses a message, the reverse only costs attempts.
 */
export function judgeFailure(error: unknown): FailureVerdict {
  const reason = describeError(error);
  if (error instanceof PermanentDeliveryError) return { permanent: true, reason };
  if (error instanceof WebhookHttpError) {
    return { permanent: error.status >= 400 && error.status < 500 && !RETRYABLE_4XX.has(error.status), reason };
  }
  const responseCode = (error as { responseCode?: unknown })?.responseCode;
  if (typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600) return { permanent: true, reason };
  return { permanent: false, reason };
}

export function describeError(error: unknown): string {
  const base = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown })?.code;
  const cause = (error as { cause?: { code?: unknown; message?: unknown } })?.cause;
  const detail = typeof code === 'string' && !base.includes(code) ? `${code}: ` : '';
  const causeText = cause && typeof cause.message === 'string' && !base.includes(cause.message) ? ` (${cause.message})` : '';
  return `${detail}${base}${causeText}`.replace(/\s+/g, ' ').slice(0, 500);
}
