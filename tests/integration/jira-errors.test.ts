// Bad input and bad answers: every failure has a clear message naming the item and the cause.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createJiraApi, type JiraCredentials } from '../../server/integrations/jira/client';
import { JiraError } from '../../server/integrations/jira/errors';
import { fetchIssues } from '../../server/integrations/jira/import';
import { guardedLookup } from '../../server/integrations/net';
import type { RetryPolicy } from '../../server/integrations/retry';
import { startFakeJira, type FakeJira, type Flavour } from '../support/fake-jira';

let fake: FakeJira | null = null;
const servers: Server[] = [];
afterEach(async () => {
  await fake?.close();
  fake = null;
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

const RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 8000, maxRetryAfterMs: 30_000 };
const issues = [{ key: 'SHOP-1', summary: 'One', rank: 'a', values: { customfield_10016: 2, customfield_10002: 2 } }];

async function setup(flavour: Flavour = 'cloud', creds?: Partial<{ apiToken: string; token: string }>, timeoutMs = 2000) {
  fake = await startFakeJira({ flavour, email: 'mia@example.com', apiToken: 'right', token: 'right', issues });
  const waits: number[] = [];
  const c: JiraCredentials =
    flavour === 'cloud'
      ? { kind: 'cloud', url: fake.url, email: 'mia@example.com', apiToken: creds?.apiToken ?? 'right' }
      : { kind: 'datacenter', url: fake.url, token: creds?.token ?? 'right' };
  const api = createJiraApi(c, {
    policy: { allowedHosts: [], allowPrivate: true },
    timeoutMs,
    retry: RETRY,
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
  return { fake, api, waits };
}

async function failure(p: Promise<unknown>): Promise<JiraError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof JiraError) return e;
    throw e;
  }
  throw new Error('expected a JiraError');
}

describe('Jira failures', () => {
  it('JIRA-ERR-1 401: a wrong API token (Cloud) or personal access token (Data Center), not retried', async () => {
    const cloud = await setup('cloud', { apiToken: 'wrong' });
    const e = await failure(cloud.api.myself());
    expect(e).toMatchObject({ code: 'unauthorized', status: 401, attempts: 1 });
    expect(e.message).toBe(
      'checking the credentials: Jira did not accept the credentials (401); check the e-mail address and API token (Jira: Client must be authenticated to access this resource.)',
    );
    expect(e.message).not.toContain('wrong');
    await fake?.close();
    const dc = await setup('datacenter', { token: 'wrong' });
    const d = await failure(dc.api.myself());
    expect(d.message).toContain('check the personal access token');
    expect(dc.fake.requests).toHaveLength(1);
  });

  it('JIRA-ERR-1 403 and 404 name the item and carry Jira’s message', async () => {
    const { fake, api } = await setup();
    fake.fail('PUT', /\/issue\/SHOP-1$/, {
      status: 403,
      body: { errorMessages: ['You do not have permission to edit issues in this project.'], errors: {} },
    });
    const forbidden = await failure(api.setFieldValue('SHOP-1', 'customfield_10016', 5));
    expect(forbidden.message).toBe(
      'SHOP-1: the Jira account is not allowed to do this (403) (Jira: You do not have permission to edit issues in this project.)',
    );
    const missing = await failure(api.fieldValue('SHOP-99', 'customfield_10016'));
    expect(missing).toMatchObject({ code: 'not_found', status: 404 });
    expect(missing.message).toBe(
      'SHOP-99: the issue does not exist in Jira, or the account cannot see it (404) (Jira: Issue does not exist or you do not have permission to see it.)',
    );
    const board = await failure(api.boardConfiguration(77));
    expect(board.message).toMatch(/^board 77: the board does not exist in Jira/);
  });

  it('JIRA-ERR-1 400: a field not on the screen, and bad JQL, with Jira’s words', async () => {
    fake = await startFakeJira({
      flavour: 'cloud',
      email: 'mia@example.com',
      apiToken: 'right',
      issues,
      notOnScreen: ['customfield_10016'],
    });
    const api = createJiraApi(
      { kind: 'cloud', url: fake.url, email: 'mia@example.com', apiToken: 'right' },
      { policy: { allowedHosts: [], allowPrivate: true }, sleep: async () => {} },
    );
    const e = await failure(api.setFieldValue('SHOP-1', 'customfield_10016', 5));
    expect(e.message).toBe(
      "SHOP-1: Jira refused the request (400) (Jira: customfield_10016: Field 'customfield_10016' cannot be set. It is not on the appropriate screen, or unknown.)",
    );
    const jql = await failure(fetchIssues(api, { source: 'jql', jql: 'projekt = SHOP' }, ['summary']));
    expect(jql.message).toBe(
      "the JQL search: Jira refused the request (400) (Jira: Error in the JQL Query: Expecting operator but got 'projekt = SHOP'.)",
    );
  });

  it('JIRA-CLIENT-2 429 honours Retry-After, then succeeds; the wait is the one Jira asked for', async () => {
    const { fake, api, waits } = await setup();
    fake.fail(
      'GET',
      /\/field$/,
      { status: 429, headers: { 'retry-after': '2' }, body: { errorMessages: ['Rate limit exceeded.'] } },
      { status: 429, headers: { 'retry-after': '1' } },
    );
    const fields = await api.fields();
    expect(fields.length).toBeGreaterThan(0);
    expect(waits).toEqual([2000, 1000]);
    expect(fake.requests.filter((r) => r.path.endsWith('/field'))).toHaveLength(3);
  });

  it('JIRA-CLIENT-2 5xx backs off exponentially and gives up after the bounded attempts', async () => {
    const { fake, api, waits } = await setup();
    const down = { status: 503, body: { errorMessages: ['Service unavailable'] } };
    fake.fail('GET', /\/issue\/SHOP-1$/, down, down, down, down, down);
    const e = await failure(api.fieldValue('SHOP-1', 'customfield_10016'));
    expect(e).toMatchObject({ code: 'server_error', status: 503, attempts: 4 });
    expect(e.message).toBe('SHOP-1: Jira had an error (503) (Jira: Service unavailable)');
    expect(waits).toEqual([500, 1000, 2000]);
  });

  it('JIRA-CLIENT-2 a Retry-After longer than the bound fails at once and says how long', async () => {
    const { fake, api, waits } = await setup();
    fake.fail('GET', /\/myself$/, { status: 429, headers: { 'retry-after': '120' } });
    const e = await failure(api.myself());
    expect(e).toMatchObject({ code: 'rate_limited', retryAfterMs: 120_000 });
    expect(e.message).toBe('checking the credentials: Jira is limiting requests (429); it asks to wait 120 s');
    expect(waits).toEqual([]);
  });

  it('JIRA-ERR-1 a Jira that does not answer times out, is retried, then fails clearly', async () => {
    const { fake, api } = await setup('datacenter', undefined, 150);
    fake.fail('GET', /\/serverInfo$/, { hang: true }, { hang: true }, { hang: true }, { hang: true });
    const e = await failure(api.serverInfo());
    expect(e).toMatchObject({ code: 'timeout', attempts: 4 });
    expect(e.message).toBe('reading the server information: Jira did not answer in time');
  });

  it('JIRA-ERR-1 a wrong address: nothing listening, a web page instead of Jira, a redirect, a path without Jira', async () => {
    // a port that was just free: nothing listens there
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const policy = { allowedHosts: [], allowPrivate: true };
    const deps = { policy, sleep: async () => {}, retry: { ...RETRY, maxAttempts: 1 } };
    const refused = await failure(createJiraApi({ kind: 'datacenter', url: `http://127.0.0.1:${port}`, token: 't' }, deps).myself());
    expect(refused.code).toBe('unreachable');
    expect(refused.message).toBe('checking the credentials: Jira cannot be reached: the connection failed (ECONNREFUSED)');

    const page = createServer((req, res) => {
      if (req.url?.startsWith('/moved')) {
        res.writeHead(301, { location: 'https://jira.example.com/' });
        return res.end();
      }
      if (req.url?.startsWith('/html')) {
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end('<html><body>Welcome</body></html>');
      }
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<html>not here</html>');
    });
    servers.push(page);
    await new Promise<void>((r) => page.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(page.address() as AddressInfo).port}`;
    const html = await failure(createJiraApi({ kind: 'datacenter', url: `${base}/html`, token: 't' }, deps).myself());
    expect(html.message).toBe("checking the credentials: the answer does not look like Jira's REST API; is the address the Jira base URL?");
    const moved = await failure(createJiraApi({ kind: 'cloud', url: `${base}/moved`, email: 'a@b.example', apiToken: 't' }, deps).myself());
    expect(moved.message).toBe(
      'checking the credentials: the address redirects to https://jira.example.com/ (301); enter the address Jira itself uses',
    );
    const none = await failure(
      createJiraApi({ kind: 'cloud', url: `${base}/nothing`, email: 'a@b.example', apiToken: 't' }, deps).myself(),
    );
    expect(none.message).toBe('checking the credentials: the REST API does not exist in Jira, or the account cannot see it (404)');
  });

  it('JIRA-CLIENT-1 a private address is refused before any request unless allowed; an allow-list restricts hosts', async () => {
    const { fake } = await setup();
    const before = fake.requests.length;
    const deps = { policy: { allowedHosts: [], allowPrivate: false }, sleep: async () => {} };
    expect(() => createJiraApi({ kind: 'cloud', url: fake.url, email: 'a@b.example', apiToken: 't' }, deps)).toThrow(
      /127\.0\.0\.1 is a private or local address/,
    );
    expect(() => createJiraApi({ kind: 'cloud', url: 'http://169.254.169.254/latest', email: 'a@b.example', apiToken: 't' }, deps)).toThrow(
      /private or local/,
    );
    const listed = { policy: { allowedHosts: ['*.atlassian.net'], allowPrivate: true }, sleep: async () => {} };
    expect(() => createJiraApi({ kind: 'cloud', url: fake.url, email: 'a@b.example', apiToken: 't' }, listed)).toThrow(
      /not in this server's INTEGRATIONS_ALLOWED_HOSTS/,
    );
    // a host name that resolves to a private address is refused at connect time
    const api = createJiraApi(
      { kind: 'datacenter', url: 'http://localhost:1', token: 't' },
      { ...deps, retry: { ...RETRY, maxAttempts: 1 } },
    );
    const e = await failure(api.myself());
    expect(e.code).toBe('refused_address');
    expect(e.message).toMatch(/^checking the credentials: localhost resolves to (127\.0\.0\.1|::1), a private or local address/);
    expect(fake.requests.length).toBe(before);
  });

  it('JIRA-CLIENT-1 the guarded lookup refuses any private address among several and passes public ones', async () => {
    const fakeResolve =
      (addresses: string[]) => (_h: string, _o: unknown, cb: (e: null, a: { address: string; family: number }[]) => void) =>
        cb(
          null,
          addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
        );
    const lookupWith = (addresses: string[]) =>
      new Promise<{ err: unknown; address: unknown }>((resolve) =>
        guardedLookup({ allowedHosts: [], allowPrivate: false }, fakeResolve(addresses))('jira.example.com', {}, (err, address) =>
          resolve({ err, address }),
        ),
      );
    expect((await lookupWith(['203.0.114.7'])).address).toBe('203.0.114.7');
    expect(String((await lookupWith(['203.0.114.7', '10.1.2.3'])).err)).toMatch(/resolves to 10\.1\.2\.3/);
    expect(String((await lookupWith(['::ffff:192.168.1.1'])).err)).toMatch(/private or local/);
    expect(String((await lookupWith(['fd00::1'])).err)).toMatch(/private or local/);
  });
});
