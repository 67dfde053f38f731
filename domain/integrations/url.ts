// Addresses of a Jira site or a webhook receiver (rules INT-URL-1..3).

export type UrlProblem = 'not_a_url' | 'scheme' | 'credentials' | 'query' | 'too_long';

export type CheckedUrl = { ok: true; url: string; host: string } | { ok: false; code: UrlProblem; message: string };

export const MAX_URL_LENGTH = 2000;

/**
 * INT-URL-1: only http and https; no user name or password in the address (credentials belong in
 * their own fields, where they are sealed); at most 2000 characters.
 * INT-URL-2: a Jira address is a base: no query and no fragment; a trailing slash is removed
 * ("https://jira.example.com/jira/" -> "https://jira.example.com/jira"). A webhook address keeps
 * its query (Teams and Mattermost put a signature there) but not a fragment.
 */
export function checkUrl(raw: string, kind: 'jira' | 'webhook'): CheckedUrl {
  const text = raw.trim();
  if (text.length > MAX_URL_LENGTH)
    return { ok: false, code: 'too_long', message: `the address is longer than ${MAX_URL_LENGTH} characters` };
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return { ok: false, code: 'not_a_url', message: `"${clip(text)}" is not an address such as https://example.atlassian.net` };
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    return { ok: false, code: 'scheme', message: `only http and https addresses are allowed, not ${u.protocol.replace(/:$/, '')}` };
  }
  if (u.username !== '' || u.password !== '') {
    return { ok: false, code: 'credentials', message: 'the address must not contain a user name or password' };
  }
  if (u.hostname === '') return { ok: false, code: 'not_a_url', message: 'the address has no host' };
  if (kind === 'jira' && (u.search !== '' || u.hash !== '')) {
    return { ok: false, code: 'query', message: 'a Jira address is the site or base address, without ? or #' };
  }
  u.hash = '';
  const url = kind === 'jira' ? u.toString().replace(/\/+$/, '') : u.toString();
  return { ok: true, url, host: u.hostname.replace(/^\[|\]$/g, '').toLowerCase() };
}

/**
 * INT-URL-3: an allow-list entry is a host name ("jira.example.com", matched exactly) or "*." and
 * a domain ("*.atlassian.net": any host below it, not the domain itself). Case-insensitive; an
 * empty list allows every host (the address checks in server/integrations/net still apply).
 */
export function hostAllowed(host: string, patterns: readonly string[]): boolean {
  if (patterns.length === 0) return true;
  const h = host.toLowerCase().replace(/\.$/, '');
  return patterns.some((p) => {
    const q = p.toLowerCase().trim();
    if (q.startsWith('*.')) return h.endsWith(q.slice(1)) && h.length > q.length - 1;
    return h === q;
  });
}

const clip = (s: string) => (s.length > 60 ? `${s.slice(0, 59)}…` : s);
