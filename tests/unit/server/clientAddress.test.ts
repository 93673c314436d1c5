import { describe, expect, it } from 'vitest';
import { parseProxyEntry, plainAddress, TrustedProxies, type ProxyEntry } from '../../../server/http/clientAddress.ts';

const proxies = (...entries: string[]) => new TrustedProxies(entries.map((text) => parseProxyEntry(text) as ProxyEntry));

describe('TRUST_PROXY entries', () => {
  it('reads addresses and CIDR blocks of both families', () => {
    expect(parseProxyEntry('10.0.0.5')).toEqual({ address: '10.0.0.5', prefix: 32, family: 'ipv4' });
    expect(parseProxyEntry(' 10.0.0.0/8 ')).toEqual({ address: '10.0.0.0', prefix: 8, family: 'ipv4' });
    expect(parseProxyEntry('::1')).toEqual({ address: '::1', prefix: 128, family: 'ipv6' });
    expect(parseProxyEntry('fd00::/8')).toEqual({ address: 'fd00::', prefix: 8, family: 'ipv6' });
    expect(parseProxyEntry('::ffff:127.0.0.1')).toEqual({ address: '127.0.0.1', prefix: 32, family: 'ipv4' });
  });

  it('refuses what is not an address or a block', () => {
    for (const bad of ['', 'proxy.internal', '10.0.0', '10.0.0.0/33', 'fd00::/129', '10.0.0.0/', '10.0.0.0/8/8', '10.0.0.0/-1', '10.0.0.0/ 8']) {
      expect(parseProxyEntry(bad), bad).toBeNull();
    }
  });

  it('treats an IPv4 peer on a dual-stack socket as its IPv4 address', () => {
    expect(plainAddress('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(plainAddress('2001:db8::1')).toBe('2001:db8::1');
    expect(proxies('127.0.0.1').has('::ffff:127.0.0.1')).toBe(true);
  });
});

describe('the client behind a proxy', () => {
  const nginx = proxies('127.0.0.1', '10.0.0.0/8');

  it('is the socket address when no proxy is trusted, whatever the header says', () => {
    expect(proxies().clientOf('127.0.0.1', '203.0.113.9')).toBe('127.0.0.1');
  });

  it('is the socket address when the peer is not a trusted proxy: a client cannot name itself', () => {
    expect(nginx.clientOf('198.51.100.4', '203.0.113.9')).toBe('198.51.100.4');
    expect(nginx.clientOf('::ffff:198.51.100.4', '203.0.113.9')).toBe('198.51.100.4');
  });

  it('is the right-most forwarded hop that is not a trusted proxy', () => {
    expect(nginx.clientOf('127.0.0.1', '198.51.100.4')).toBe('198.51.100.4');
    // A client's own header comes first; the proxy appends the address it saw.
    expect(nginx.clientOf('127.0.0.1', '203.0.113.9, 198.51.100.4')).toBe('198.51.100.4');
    // Two trusted hops (a load balancer in 10/8, then nginx on loopback).
    expect(nginx.clientOf('127.0.0.1', '203.0.113.9, 198.51.100.4, 10.1.2.3')).toBe('198.51.100.4');
    // Node joins repeated headers; an array is read the same way.
    expect(nginx.clientOf('127.0.0.1', ['203.0.113.9', '198.51.100.4'])).toBe('198.51.100.4');
    expect(nginx.clientOf('127.0.0.1', '2001:db8::7')).toBe('2001:db8::7');
  });

  it('is the farthest trusted hop when every hop is trusted, and the socket when no header came', () => {
    expect(nginx.clientOf('127.0.0.1', '10.9.9.9, 10.1.1.1')).toBe('10.9.9.9');
    expect(nginx.clientOf('127.0.0.1', undefined)).toBe('127.0.0.1');
  });

  it('stops at a hop that is no address, believing nothing to its left', () => {
    expect(nginx.clientOf('127.0.0.1', '198.51.100.4, unknown')).toBe('127.0.0.1');
    expect(nginx.clientOf('127.0.0.1', '198.51.100.4,, 10.1.1.1')).toBe('10.1.1.1');
    expect(nginx.clientOf('127.0.0.1', '')).toBe('127.0.0.1');
  });
});
