import { Webhook } from 'standardwebhooks';
import type { WebhookPayload } from '#contracts';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { REFUSED, type WebhookAddressPolicy } from '../webhooks/webhook-addresses.js';
import { PermanentDeliveryError, WebhookHttpError } from './failure.policy.js';

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
 * call goes only where it was registered. Any 2xx is success. The connection goes through the
 * address policy's agent (node:http, as fetch cannot take one without the undici package): an
 * address inside the network is refused for good.
 */
export async function sendWebhook(call: OutgoingWebhook, addresses: WebhookAddressPolicy): Promise<string> {
  const body = JSON.stringify(call.payload);
  const url = new URL(call.url);
  const refusal = addresses.refusalOf(url);
  if (refusal) throw new PermanentDeliveryError(`webhook ${refusal}`);
  const secure = url.protocol === 'https:';
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = (secure ? httpsRequest : httpRequest)(
      url,
      {
        method: 'POST',
        agent: secure ? addresses.agents.https : addresses.agents.http,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'TrienKhai-Webhooks/1.0',
          ...signWebhook(call.secret, call.deliveryId, body, new Date()),
        },
        signal: AbortSignal.timeout(call.timeoutMs),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.length < 16 && chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', (error) => reject(/is not allowed/.test(error.message) ? new PermanentDeliveryError(`webhook ${REFUSED}`) : error));
    req.end(body);
  });
  if (status < 200 || status >= 300) throw new WebhookHttpError(status, text.slice(0, 200));
  return `HTTP ${status}`;
}
