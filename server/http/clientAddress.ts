// Who is on the other end of a request. Behind a reverse proxy every socket comes from the proxy,
// so per-address limits would count the whole deployment as one client; the proxy names the real
// one in X-Forwarded-For, which is believed only when the proxy is one TRUST_PROXY names.
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

/** One TRUST_PROXY entry: an address (`10.0.0.5`, `::1`) or a CIDR block (`10.0.0.0/8`, `fd00::/8`). */
export interface ProxyEntry {
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

const MAPPED_IPV4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

/** `::ffff:10.0.0.1`, an IPv4 peer on a dual-stack socket, is `10.0.0.1`: one client, one key. */
export function plainAddress(address: string): string {
  return MAPPED_IPV4.exec(address)?.[1] ?? address;
}

/** Reads one TRUST_PROXY entry; null when it is neither an IP address nor a CIDR block. */
export function parseProxyEntry(text: string): ProxyEntry | null {
  const [rawAddress = '', rawPrefix, ...rest] = text.trim().split('/');
  const address = plainAddress(rawAddress);
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return null;
  const bits = version === 4 ? 32 : 128;
  if (rawPrefix === undefined) return { address, prefix: bits, family: version === 4 ? 'ipv4' : 'ipv6' };
  if (!/^\d{1,3}$/.test(rawPrefix) || Number(rawPrefix) > bits) return null;
  return { address, prefix: Number(rawPrefix), family: version === 4 ? 'ipv4' : 'ipv6' };
}

/** The proxies whose X-Forwarded-For is believed (TRUST_PROXY). */
export class TrustedProxies {
  readonly #list = new BlockList();
  readonly #empty: boolean;

  constructor(entries: readonly ProxyEntry[]) {
    for (const { address, prefix, family } of entries) this.#list.addSubnet(address, prefix, family);
    this.#empty = entries.length === 0;
  }

  has(address: string): boolean {
    const plain = plainAddress(address);
    const version = isIP(plain);
    return !this.#empty && version !== 0 && this.#list.check(plain, version === 4 ? 'ipv4' : 'ipv6');
  }

  /**
   * The client behind `peer`: the right-most X-Forwarded-For hop that is not a trusted proxy, read
   * only while every hop to its right is one. A hop written by anyone else (a client's own header,
   * which the proxy passes on in front of what it appends) is never believed.
   */
  clientOf(peer: string, forwardedFor: string | string[] | undefined): string {
    let client = plainAddress(peer);
    if (forwardedFor === undefined || !this.has(client)) return client;
    const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor).split(',');
    for (let i = hops.length - 1; i >= 0; i -= 1) {
      const hop = plainAddress((hops[i] ?? '').trim());
      // A trusted proxy passed on something that is no address: believe nothing further left.
      if (isIP(hop) === 0) return client;
      client = hop;
      if (!this.has(hop)) return client;
    }
    return client;
  }
}

/** The address per-address limits count a request against. */
export function clientAddressOf(req: IncomingMessage, proxies: TrustedProxies): string {
  return proxies.clientOf(req.socket.remoteAddress ?? 'unknown', req.headers['x-forwarded-for']);
}
