import { Webhook } from 'standardwebhooks';
import { backoffDelay, retryWindowMs } from './backoff.policy.js';
import { PermanentDeliveryError, WebhookHttpError, describeError, judgeFailure } from './failure.policy.js';
import { signWebhook } from './webhook.sender.js';

describe('backoffDelay', () => {
  const mid = () => 0.5;

  it('doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20, 1000].map((n) => backoffDelay(n, 10_000, 900_000, mid))).toEqual([
      10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 640_000, 900_000, 900_000, 900_000,
    ]);
  });

  it('jitters by ±20 % and never beyond the cap', () => {
    expect(backoffDelay(3, 1000, 900_000, () => 0)).toBe(3200);
    expect(backoffDelay(3, 1000, 900_000, () => 0.999999)).toBe(4800);
    expect(backoffDelay(30, 1000, 5000, () => 0.999999)).toBe(5000);
  });

  it('with the defaults keeps trying for about 11 hours over 50 attempts', () => {
    const hours = retryWindowMs(50, 10_000, 900_000) / 3_600_000;
    expect(hours).toBeGreaterThan(10);
    expect(hours).toBeLessThan(12);
  });
});

describe('judgeFailure', () => {
  it('gives up on refusals and retries what may pass later', () => {
    const smtp = (responseCode: number, message: string) => Object.assign(new Error(message), { responseCode, code: 'EENVELOPE' });
    expect(judgeFailure(smtp(550, 'Mailbox unavailable'))).toEqual({ permanent: true, reason: 'EENVELOPE: Mailbox unavailable' });
    expect(judgeFailure(smtp(451, 'Try again later')).permanent).toBe(false);
    expect(judgeFailure(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ESOCKET' })).permanent).toBe(false);
    expect(judgeFailure(new WebhookHttpError(400, 'bad')).permanent).toBe(true);
    expect(judgeFailure(new WebhookHttpError(410, '')).permanent).toBe(true);
    for (const status of [408, 409, 425, 429, 500, 502, 503]) expect(judgeFailure(new WebhookHttpError(status, '')).permanent).toBe(false);
    expect(judgeFailure(new WebhookHttpError(302, '')).permanent).toBe(false);
    expect(judgeFailure(new PermanentDeliveryError('webhook đã bị xóa'))).toEqual({ permanent: true, reason: 'webhook đã bị xóa' });
    expect(judgeFailure(new Error('something odd')).permanent).toBe(false);
  });

  it('describes an error on one bounded line, with its code and cause', () => {
    const error = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:9' } });
    expect(describeError(error)).toBe('fetch failed (connect ECONNREFUSED 127.0.0.1:9)');
    expect(describeError(new Error(`a\n${'x'.repeat(1000)}`)).length).toBe(500);
  });
});

describe('signWebhook', () => {
  it('produces Standard Webhooks headers that the reference library verifies', () => {
    const secret = `whsec_${Buffer.from('a secret of twenty-four b').toString('base64')}`;
    const body = JSON.stringify({ type: 'assignment.created', data: { unit: 'Xã Một' } });
    const headers = signWebhook(secret, 'delivery-1', body, new Date());
    expect(headers['webhook-id']).toBe('delivery-1');
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/=]+$/);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(`${body} `, headers)).toThrow();
    const old = signWebhook(secret, 'delivery-1', body, new Date(Date.now() - 10 * 60_000));
    expect(() => new Webhook(secret).verify(body, old)).toThrow(/timestamp/i);
  });
});
