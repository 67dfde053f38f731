// Which addresses the server may call for a workshop (SSRF defence; docs/integrations.md, "Outgoing requests").
import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions, type LookupOneOptions, type LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { checkUrl, hostAllowed } from '../../domain/integrations/url';

export interface NetPolicy {
  /** INTEGRATIONS_ALLOWED_HOSTS: when not empty, only these hosts ("jira.example.com", "*.atlassian.net") */
  allowedHosts: string[];
  /** INTEGRATIONS_ALLOW_PRIVATE_NETWORKS=1: also loopback, private and link-local addresses (Data Center in the intranet) */
  allowPrivate: boolean;
}

export function netPolicyFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): NetPolicy {
  const raw = env.INTEGRATIONS_ALLOWED_HOSTS ?? '';
  const allowedHosts = raw
    .split(/[\s,]+/)
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h.length > 0);
  for (const h of allowedHosts) {
    if (!/^(\*\.)?[a-z0-9.-]+$|^[0-9a-f:]+$/.test(h)) throw new Error(`INTEGRATIONS_ALLOWED_HOSTS: "${h}" is not a host name or *.domain`);
  }
  const flag = env.INTEGRATIONS_ALLOW_PRIVATE_NETWORKS;
  return { allowedHosts, allowPrivate: flag === '1' || flag === 'true' };
}

/** Addresses that are not the public internet: this machine, private networks, link-local (cloud metadata), multicast, reserved. */
const blocked = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(net, bits, 'ipv6');
}

/** True for an address outside the public internet. IPv4-mapped IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address. */
export function isPrivateAddress(ip: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1]) return blocked.check(mapped[1], 'ipv4');
  const family = isIP(ip);
  if (family === 4) return blocked.check(ip, 'ipv4');
  if (family === 6) return blocked.check(ip, 'ipv6');
  return true; // not an address at all: refuse
}

export type TargetProblem = 'bad_url' | 'host_not_allowed' | 'private_address';

export class RefusedTarget extends Error {
  readonly code = 'ERR_INTEGRATION_TARGET_REFUSED';
  constructor(
    readonly problem: TargetProblem,
    message: string,
  ) {
    super(message);
    this.name = 'RefusedTarget';
  }
}

/**
 * Before any request: the URL is http(s) (domain checkUrl), its host is on the allow-list when
 * there is one, and an address written as an IP must be public unless private networks are
 * allowed. Host names are checked again when they are resolved (guardedLookup), so a name that
 * resolves to 127.0.0.1 or to the cloud metadata address is refused at connect time too.
 */
export function checkTarget(
  url: string,
  kind: 'jira' | 'webhook',
  policy: NetPolicy,
): { ok: true; url: string } | { ok: false; error: RefusedTarget } {
  const checked = checkUrl(url, kind);
  if (!checked.ok) return { ok: false, error: new RefusedTarget('bad_url', checked.message) };
  if (!hostAllowed(checked.host, policy.allowedHosts)) {
    return {
      ok: false,
      error: new RefusedTarget('host_not_allowed', `${checked.host} is not in this server's INTEGRATIONS_ALLOWED_HOSTS`),
    };
  }
  if (isIP(checked.host) && !policy.allowPrivate && isPrivateAddress(checked.host)) {
    return {
      ok: false,
      error: new RefusedTarget('private_address', `${checked.host} is a private or local address; this server calls only public addresses`),
    };
  }
  return { ok: true, url: checked.url };
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
type Resolver = (
  host: string,
  options: LookupAllOptions,
  cb: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/**
 * A dns.lookup for http.request / axios that refuses private addresses at connect time (so DNS
 * rebinding cannot slip past a check made earlier). Every resolved address must be public.
 */
export function guardedLookup(policy: NetPolicy, resolve: Resolver = dnsLookup) {
  return function lookup(
    hostname: string,
    options: LookupOptions | LookupOneOptions | LookupAllOptions | number,
    callback: LookupCallback,
  ): void {
    const opts: LookupOptions = typeof options === 'number' ? { family: options } : options;
    resolve(hostname, { ...opts, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const list = addresses ?? [];
      if (!policy.allowPrivate) {
        const bad = list.find((a) => isPrivateAddress(a.address));
        if (bad) {
          const e = new RefusedTarget(
            'private_address',
            `${hostname} resolves to ${bad.address}, a private or local address; this server calls only public addresses`,
          );
          return callback(e as NodeJS.ErrnoException, []);
        }
      }
      if (list.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), []);
      if (opts.all) return callback(null, list);
      const first = list[0]!;
      callback(null, first.address, first.family);
    });
  };
}
