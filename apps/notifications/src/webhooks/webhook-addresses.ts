import ipaddr from 'ipaddr.js';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';

/**
 * Where webhooks may go. A URL registered by a unit's office must not turn the notifications
 * service into a probe of the deployment's own network (Postgres, Redis, the NATS monitor, a cloud
 * metadata service at 169.254.169.254): only public unicast addresses, plus the private ones ops
 * list in NOTIFICATIONS_WEBHOOK_ALLOWED_ADDRESSES. Checked when a URL is registered (when its host
 * is an IP address or `localhost`) and again on every call, on the address actually connected to
 * (request-filtering-agent), so a name that later resolves inside the network is refused too.
 */
export class WebhookAddressPolicy {
  /** Agents for the calls themselves: they refuse, at connect time, any address not allowed here. */
  readonly agents: { http: RequestFilteringHttpAgent; https: RequestFilteringHttpsAgent };

  constructor(readonly allowed: readonly string[]) {
    const options = { allowPrivateIPAddress: false, allowMetaIPAddress: false, allowIPAddressList: [...allowed] };
    this.agents = { http: new RequestFilteringHttpAgent(options), https: new RequestFilteringHttpsAgent(options) };
  }

  /** Why the URL's host may not be called, or null (names are checked when called). */
  refusalOf(url: URL): string | null {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (host === 'localhost' || host.endsWith('.localhost')) return this.isAllowed('127.0.0.1') ? null : REFUSED;
    if (!ipaddr.isValid(host)) return null;
    const address = ipaddr.process(host);
    return address.range() === 'unicast' || this.isAllowed(address.toString()) ? null : REFUSED;
  }

  private isAllowed(ip: string): boolean {
    const address = ipaddr.process(ip);
    return this.allowed.some((entry) => {
      if (!entry.includes('/')) return ipaddr.process(entry).toString() === address.toString();
      const [range, bits] = ipaddr.parseCIDR(entry);
      if (address.kind() !== range.kind()) return false;
      return address.kind() === 'ipv4'
        ? (address as ipaddr.IPv4).match(range as ipaddr.IPv4, bits)
        : (address as ipaddr.IPv6).match(range as ipaddr.IPv6, bits);
    });
  }
}

export const REFUSED = 'trỏ vào địa chỉ mạng nội bộ hoặc dành riêng, không được phép (quản trị hệ thống có thể cho phép qua NOTIFICATIONS_WEBHOOK_ALLOWED_ADDRESSES)';
