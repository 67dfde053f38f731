import { describe, expect, it } from 'vitest';
import { checkUrl, hostAllowed, jiraConnectBody, jiraImportBody, webhookConfigBody, writeBackRunBody } from '../../../domain/integrations';

describe('addresses', () => {
  it('INT-URL-1 only http(s), no credentials in the address', () => {
    expect(checkUrl('https://acme.atlassian.net', 'jira')).toEqual({
      ok: true,
      url: 'https://acme.atlassian.net',
      host: 'acme.atlassian.net',
    });
    for (const [raw, code] of [
      ['file:///etc/passwd', 'scheme'],
      ['gopher://x.example.com', 'scheme'],
      ['javascript:alert(1)', 'scheme'],
      ['https://user:pw@jira.example.com', 'credentials'],
      ['jira.example.com', 'not_a_url'],
      [`https://x.example.com/${'a'.repeat(2001)}`, 'too_long'],
    ] as const) {
      expect(checkUrl(raw, 'jira')).toMatchObject({ ok: false, code });
    }
  });

  it('INT-URL-2 a Jira base loses its trailing slash and may not have a query; a webhook keeps its query', () => {
    expect(checkUrl(' https://jira.example.com/jira/ ', 'jira')).toMatchObject({ ok: true, url: 'https://jira.example.com/jira' });
    expect(checkUrl('https://jira.example.com/?x=1', 'jira')).toMatchObject({ ok: false, code: 'query' });
    expect(checkUrl('https://hooks.example.com/workflows/abc?sig=xyz#frag', 'webhook')).toMatchObject({
      ok: true,
      url: 'https://hooks.example.com/workflows/abc?sig=xyz',
    });
    expect(checkUrl('http://[::1]:8080/hook', 'webhook')).toMatchObject({ ok: true, host: '::1' });
  });

  it('INT-URL-3 allow-list: exact hosts and *.domain', () => {
    const list = ['*.atlassian.net', 'jira.corp.example'];
    expect(hostAllowed('acme.atlassian.net', list)).toBe(true);
    expect(hostAllowed('ACME.Atlassian.NET.', list)).toBe(true);
    expect(hostAllowed('atlassian.net', list)).toBe(false);
    expect(hostAllowed('evilatlassian.net', list)).toBe(false);
    expect(hostAllowed('jira.corp.example', list)).toBe(true);
    expect(hostAllowed('x.jira.corp.example', list)).toBe(false);
    expect(hostAllowed('anything.example', [])).toBe(true);
  });
});

describe('API bodies', () => {
  it('INT-API-1 connect: Cloud needs site, e-mail and token; Data Center base URL and token; a bad URL names the cause', () => {
    expect(
      jiraConnectBody.parse({ kind: 'cloud', siteUrl: 'https://acme.atlassian.net/', email: ' a@b.example ', apiToken: ' tok ' }),
    ).toEqual({
      kind: 'cloud',
      siteUrl: 'https://acme.atlassian.net',
      email: 'a@b.example',
      apiToken: 'tok',
    });
    const bad = jiraConnectBody.safeParse({ kind: 'datacenter', baseUrl: 'ftp://jira.example.com', token: 'x' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('only http and https addresses are allowed, not ftp');
    expect(jiraConnectBody.safeParse({ kind: 'cloud', siteUrl: 'https://a.atlassian.net', email: 'nope', apiToken: 'x' }).success).toBe(
      false,
    );
    expect(jiraConnectBody.safeParse({ kind: 'datacenter', baseUrl: 'https://j.example.com', token: 'a\nb' }).success).toBe(false);
    expect(jiraConnectBody.safeParse({ kind: 'datacenter', baseUrl: 'https://j.example.com', token: 'x', extra: 1 }).success).toBe(false);
  });

  it('INT-API-2 import by JQL, board or sprint; write-back needs a preview digest; webhook needs a long secret and events', () => {
    expect(jiraImportBody.safeParse({ source: 'jql', jql: '  ' }).success).toBe(false);
    expect(jiraImportBody.parse({ source: 'sprint', sprintId: 7 })).toEqual({ source: 'sprint', sprintId: 7 });
    expect(jiraImportBody.safeParse({ source: 'board', boardId: 0 }).success).toBe(false);
    expect(writeBackRunBody.parse({ mode: 'sp', digest: '0123456789abcdef' })).toEqual({
      mode: 'sp',
      rounding: 'one-decimal',
      digest: '0123456789abcdef',
    });
    expect(writeBackRunBody.safeParse({ mode: 'sp', digest: 'xyz' }).success).toBe(false);
    const hook = { url: 'https://hooks.slack.com/services/T/B/X', secret: 's'.repeat(16), format: 'slack', events: ['session.locked'] };
    expect(webhookConfigBody.parse(hook)).toMatchObject({ language: 'en' });
    expect(webhookConfigBody.safeParse({ ...hook, secret: 'short' }).success).toBe(false);
    expect(webhookConfigBody.safeParse({ ...hook, events: [] }).success).toBe(false);
    expect(webhookConfigBody.safeParse({ ...hook, events: ['session.locked', 'session.locked'] }).success).toBe(false);
    expect(webhookConfigBody.safeParse({ ...hook, url: 'file:///tmp/x' }).success).toBe(false);
  });
});
