import { describe, expect, it } from 'vitest';
import { checkTarget, isPrivateAddress, netPolicyFromEnv } from '../../../server/integrations/net';
import { backoffDelay, parseRetryAfter } from '../../../server/integrations/retry';

describe('outgoing addresses', () => {
  it('SEC-NET-1 loopback, private, link-local (cloud metadata), CGNAT, multicast and unique-local are not public', () => {
    for (const ip of [
      '127.0.0.1',
      '10.0.0.5',
      '172.16.3.4',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '::1',
      '::',
      'fd12::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '::ffff:10.1.1.1',
      'not-an-ip',
    ]) {
      expect(isPrivateAddress(ip), ip).toBe(true);
    }
    for (const ip of ['8.8.8.8', '104.192.136.1', '172.32.0.1', '2606:4700::1111']) expect(isPrivateAddress(ip), ip).toBe(false);
  });

  it('SEC-NET-2 checkTarget: scheme, allow-list and literal private addresses, before any request', () => {
    const open = { allowedHosts: [], allowPrivate: false };
    expect(checkTarget('https://acme.atlassian.net', 'jira', open)).toEqual({ ok: true, url: 'https://acme.atlassian.net' });
    expect(checkTarget('ftp://acme.atlassian.net', 'jira', open)).toMatchObject({ ok: false, error: { problem: 'bad_url' } });
    expect(checkTarget('http://169.254.169.254/latest/meta-data', 'webhook', open)).toMatchObject({
      ok: false,
      error: { problem: 'private_address' },
    });
    expect(checkTarget('http://[::1]:3000/', 'webhook', open)).toMatchObject({ ok: false, error: { problem: 'private_address' } });
    expect(checkTarget('http://127.0.0.1:3000/', 'webhook', { allowedHosts: [], allowPrivate: true }).ok).toBe(true);
    const listed = { allowedHosts: ['*.atlassian.net', 'hooks.slack.com'], allowPrivate: false };
    expect(checkTarget('https://hooks.slack.com/services/x', 'webhook', listed).ok).toBe(true);
    expect(checkTarget('https://evil.example.com/', 'webhook', listed)).toMatchObject({
      ok: false,
      error: { problem: 'host_not_allowed' },
    });
  });

  it('SEC-NET-3 the environment: allow-list entries are checked, the private flag is 1 or true', () => {
    expect(netPolicyFromEnv({})).toEqual({ allowedHosts: [], allowPrivate: false });
    expect(
      netPolicyFromEnv({ INTEGRATIONS_ALLOWED_HOSTS: '*.atlassian.net, Jira.Corp.Example', INTEGRATIONS_ALLOW_PRIVATE_NETWORKS: 'true' }),
    ).toEqual({
      allowedHosts: ['*.atlassian.net', 'jira.corp.example'],
      allowPrivate: true,
    });
    expect(() => netPolicyFromEnv({ INTEGRATIONS_ALLOWED_HOSTS: 'https://x.example.com/' })).toThrow(/not a host name/);
  });
});

describe('retry timing', () => {
  it('JIRA-CLIENT-2 Retry-After as seconds or an HTTP date; exponential backoff with a ceiling', () => {
    const now = Date.UTC(2026, 10, 2, 12, 0, 0);
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('0.5', now)).toBe(500);
    expect(parseRetryAfter('Mon, 02 Nov 2026 12:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Mon, 02 Nov 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
    const p = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 3000, maxRetryAfterMs: 30_000 };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, p))).toEqual([500, 1000, 2000, 3000, 3000]);
  });
});
