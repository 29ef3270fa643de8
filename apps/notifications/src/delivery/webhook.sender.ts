import { Webhook } from 'standardwebhooks';
import type { WebhookPayload } from '#contracts';
import { WebhookHttpError } from './failure.policy.js';

export interface OutgoingWebhook {
  deliveryId: string;
  url: string;
  secret: string;
  payload: WebhookPayload;
  timeoutMs: number;
}

/** The headers of a Standard Webhooks call: id, Unix-seconds timestamp and `v1,<base64 HMAC-SHA256>`. */
export function signWebhook(secret: string, deliveryId: string, body: string, at: Date): Record<string, string> {
  return {
    'webhook-id': deliveryId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(deliveryId, at, body),
  };
}

/**
 * POSTs the payload signed per the Standard Webhooks spec (standardwebhooks.com). `webhook-id` is
 * the delivery id, identical on every retry, so receivers can drop duplicates; the timestamp and
 * signature are fresh per attempt. Redirects are not followed (a 3xx is a failure): the signed
 * call goes only where it was registered. Any 2xx is success.
 */
export async function sendWebhook(call: OutgoingWebhook): Promise<string> {
  const body = JSON.stringify(call.payload);
  const response = await fetch(call.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'TrienKhai-Webhooks/1.0',
      ...signWebhook(call.secret, call.deliveryId, body, new Date()),
    },
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(call.timeoutMs),
  });
  const text = await response.text().catch(() => '');
  if (response.status < 200 || response.status >= 300) throw new WebhookHttpError(response.status, text.slice(0, 200));
  return `HTTP ${response.status}`;
}
