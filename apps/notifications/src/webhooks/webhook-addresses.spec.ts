import { WebhookAddressPolicy } from './webhook-addresses.js';

describe('where webhooks may go', () => {
  const none = new WebhookAddressPolicy([]);
  const refused = (policy: WebhookAddressPolicy, url: string) => policy.refusalOf(new URL(url)) !== null;

  it.each([
    'http://127.0.0.1:6379/',
    'http://localhost:4222/',
    'http://api.localhost/',
    'http://10.0.0.5/hook',
    'http://172.16.3.4/hook',
    'http://192.168.1.10/hook',
    'http://169.254.169.254/latest/meta-data/',
    'http://100.64.0.1/',
    'http://0.0.0.0/',
    'http://[::1]/',
    'http://[fd00::1]/',
    'http://[::ffff:127.0.0.1]/',
  ])('refuses %s by default', (url) => expect(refused(none, url)).toBe(true));

  it.each(['https://8.8.8.8/hook', 'https://[2001:4860:4860::8888]/hook', 'https://example.org/hook'])('lets %s through (names are checked when called)', (url) =>
    expect(refused(none, url)).toBe(false),
  );

  it('lets through exactly the private addresses ops list, one by one or as ranges', () => {
    const intranet = new WebhookAddressPolicy(['10.20.0.0/16', '192.168.1.5', 'fd00::/8', '127.0.0.1']);
    expect(refused(intranet, 'http://10.20.7.8/')).toBe(false);
    expect(refused(intranet, 'http://10.21.0.1/')).toBe(true);
    expect(refused(intranet, 'http://192.168.1.5/')).toBe(false);
    expect(refused(intranet, 'http://192.168.1.6/')).toBe(true);
    expect(refused(intranet, 'http://[fd12::3]/')).toBe(false);
    expect(refused(intranet, 'http://localhost:3000/')).toBe(false);
    expect(refused(intranet, 'http://169.254.169.254/')).toBe(true);
  });
});
