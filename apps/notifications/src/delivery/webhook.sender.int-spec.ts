import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { startWebhookReceiver, type TestWebhookReceiver } from '#testing';
import { WebhookAddressPolicy } from '../webhooks/webhook-addresses.js';
import { PermanentDeliveryError } from './failure.policy.js';
import { sendWebhook, type OutgoingWebhook } from './webhook.sender.js';

/**
 * The webhook call itself, against a real HTTP receiver on loopback: through when ops allow the
 * address, refused for good otherwise — also when a host NAME resolves inside the network, which
 * only the connect-time check (request-filtering-agent) can see.
 */
describe('webhook calls and the addresses they may reach', () => {
  let receiver: TestWebhookReceiver;
  const call = (url: string): OutgoingWebhook => ({
    deliveryId: 'd-1',
    url,
    secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    payload: { kind: 'report.overdue' } as never,
    timeoutMs: 5000,
  });

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  afterAll(() => receiver?.close());

  it('calls an allowed private address, signed', async () => {
    await expect(sendWebhook(call(receiver.url), new WebhookAddressPolicy(['127.0.0.1']))).resolves.toBe('HTTP 200');
    expect(receiver.calls.at(-1)!.headers['webhook-id']).toBe('d-1');
  });

  it('refuses a private address by default, and a name that resolves to one, without calling it', async () => {
    const before = receiver.calls.length;
    const none = new WebhookAddressPolicy([]);
    await expect(sendWebhook(call(receiver.url), none)).rejects.toBeInstanceOf(PermanentDeliveryError);
    // This machine's own name resolves to a private address (loopback here): a URL cannot tell.
    const name = hostname();
    const { address } = await lookup(name);
    expect(new WebhookAddressPolicy([]).refusalOf(new URL(`http://${address}/`))).not.toBeNull();
    const byName = receiver.url.replace('127.0.0.1', name);
    expect(none.refusalOf(new URL(byName))).toBeNull();
    await expect(sendWebhook(call(byName), none)).rejects.toBeInstanceOf(PermanentDeliveryError);
    expect(receiver.calls.length).toBe(before);
  });
});
