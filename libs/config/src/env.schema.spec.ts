import { ConfigError, loadConfig } from './load-config.js';
import { notificationsEnv } from './env.schema.js';

describe('NOTIFICATIONS_WEBHOOK_ALLOWED_ADDRESSES', () => {
  const read = (value?: string) => loadConfig(notificationsEnv, value === undefined ? {} : { NOTIFICATIONS_WEBHOOK_ALLOWED_ADDRESSES: value }).NOTIFICATIONS_WEBHOOK_ALLOWED_ADDRESSES;

  it('is empty by default: webhooks reach public addresses only', () => expect(read()).toEqual([]));

  it('reads IPs and CIDR ranges, IPv4 and IPv6', () =>
    expect(read(' 10.20.0.0/16, 192.168.1.5 ,fd00::/8')).toEqual(['10.20.0.0/16', '192.168.1.5', 'fd00::/8']));

  it.each(['intranet.local', '10.0.0.0/33', '10.0.0/8', 'fd00::/129', '10.0.0.0/8/1'])('refuses "%s", naming the variable', (value) =>
    expect(() => read(value)).toThrow(ConfigError),
  );

  it('names the variable in the error', () => expect(() => read('x')).toThrow(/NOTIFICATIONS_WEBHOOK_ALLOWED_ADDRESSES/));
});
