import type { IncomingMessage } from 'node:http';
import ipaddr from 'ipaddr.js';
import proxyAddr from 'proxy-addr';

/**
 * Who is asking (docs/hardening.md RATE-ADDR-*): the socket's peer address, or, behind reverse
 * proxies named by TRUST_PROXY, the address those proxies saw (X-Forwarded-For, read from the
 * right, through trusted hops only). Without TRUST_PROXY the header is ignored: anyone can send it.
 */
export type TrustProxy = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'list'; addresses: string[] };

/**
 * TRUST_PROXY: unset, "false" or "0": no proxy; a number N: the N proxies nearest to this server
 * (whatever their addresses); otherwise a comma-separated list of proxy addresses or CIDR ranges,
 * or the names loopback, linklocal, uniquelocal ("loopback, 10.0.0.0/8").
 */
export function parseTrustProxy(raw: string | undefined): TrustProxy {
  const value = (raw ?? '').trim();
  if (value === '' || value === 'false' || value === '0') return { kind: 'none' };
  if (/^\d+$/.test(value)) return { kind: 'hops', hops: Number(value) };
  if (value === 'true') {
    throw new Error('TRUST_PROXY=true would let any client choose its address: give the number of proxies (1) or their addresses');
  }
  const addresses = value.split(/[\s,]+/).filter((a) => a.length > 0);
  try {
    proxyAddr.compile(addresses);
  } catch (err) {
    throw new Error(
      `TRUST_PROXY: ${err instanceof Error ? err.message : String(err)}; expected a number of proxies or addresses/CIDR ranges`,
    );
  }
  return { kind: 'list', addresses };
}

export type AddressOf = (req: IncomingMessage) => string;

export function addressResolver(trust: TrustProxy): AddressOf {
  const trusted =
    trust.kind === 'none'
      ? () => false
      : trust.kind === 'hops'
        ? (_: string, i: number) => i < trust.hops
        : proxyAddr.compile(trust.addresses);
  return (req) => {
    // no peer address: the socket is already gone; such requests share one budget
    if (!req.socket.remoteAddress) return 'unknown';
    return proxyAddr(req, trusted);
  };
}

/**
 * The budget key of an address: IPv4 as is (also when written as ::ffff:a.b.c.d); IPv6 by its
 * /64 network, because one household or server usually holds a whole /64 and could otherwise
 * take a fresh budget for every request.
 */
export function addressKey(address: string): string {
  if (!ipaddr.isValid(address)) return address.slice(0, 64);
  const ip = ipaddr.process(address);
  if (ip.kind() === 'ipv4') return ip.toString();
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${ip.toString()}/64`).toString()}/64`;
}
