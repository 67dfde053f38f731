// Contract tests: the client facade against a local server answering as Jira Cloud and Data Center do.
import { afterEach, describe, expect, it } from 'vitest';
import { createJiraApi, type JiraCredentials } from '../../server/integrations/jira/client';
import { fetchIssues, previewFromJira } from '../../server/integrations/jira/import';
import { readCurrentValues } from '../../server/integrations/jira/current';
import { discoverStoryPointFields } from '../../domain/integrations';
import { startFakeJira, type FakeIssue, type FakeJira, type Flavour } from '../support/fake-jira';

const adf = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

const SP: Record<Flavour, string> = { cloud: 'customfield_10016', datacenter: 'customfield_10002' };

function issuesFor(flavour: Flavour, n = 7): FakeIssue[] {
  // ranks deliberately out of key order: the import must follow rank
  return Array.from({ length: n }, (_, i) => ({
    key: `SHOP-${i + 1}`,
    summary: `Story ${i + 1}`,
    description: flavour === 'cloud' ? adf(`Beschreibung ${i + 1} für Größe`) : `h3. Beschreibung ${i + 1}`,
    priority: i % 2 === 0 ? 'High' : 'Medium',
    rank: `0|i000${String.fromCharCode(122 - i)}:`,
    values: { [SP[flavour]]: i === 0 ? 3 : null },
    sprintId: i < 3 ? 42 : undefined,
  }));
}

let fake: FakeJira | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function setup(flavour: Flavour, extra: Partial<Parameters<typeof startFakeJira>[0]> = {}) {
  fake = await startFakeJira({
    flavour,
    email: 'mia@example.com',
    apiToken: 'cloud-token',
    token: 'dc-pat',
    issues: issuesFor(flavour),
    pageCap: 3,
    boards: [{ id: 12, estimationField: { fieldId: SP[flavour], displayName: 'Story Points' } }],
    ...extra,
  });
  const creds: JiraCredentials =
    flavour === 'cloud'
      ? { kind: 'cloud', url: fake.url, email: 'mia@example.com', apiToken: 'cloud-token' }
      : { kind: 'datacenter', url: fake.url, token: 'dc-pat' };
  const api = createJiraApi(creds, { policy: { allowedHosts: [], allowPrivate: true }, timeoutMs: 2000, sleep: async () => {} });
  return { fake, api };
}

describe.each(['cloud', 'datacenter'] as const)('Jira %s: the REST shapes', (flavour) => {
  it('JIRA-CLIENT-1 authenticates as the documented scheme and reads myself and serverInfo', async () => {
    const { fake, api } = await setup(flavour);
    const me = await api.myself();
    const info = await api.serverInfo();
    expect(me.displayName).toBe('Mia Krystof');
    expect(info.deploymentType).toBe(flavour === 'cloud' ? 'Cloud' : 'Server');
    const req = fake.requests.find((r) => r.path.endsWith('/myself'))!;
    expect(req.path).toBe(flavour === 'cloud' ? '/rest/api/3/myself' : '/rest/api/2/myself');
    expect(req.authorization).toBe(
      flavour === 'cloud' ? `Basic ${Buffer.from('mia@example.com:cloud-token').toString('base64')}` : 'Bearer dc-pat',
    );
  });

  it('INT-FIELD-1 JIRA-CLIENT-1 reads the fields and the board configuration; discovery finds the story-point field', async () => {
    const { api } = await setup(flavour);
    const d = discoverStoryPointFields(await api.fields(), await api.boardConfiguration(12));
    expect(d.suggested).toBe(SP[flavour]);
    expect(d.candidates[0]?.reason).toBe('board');
  });

  it('JIRA-IMP-1 JIRA-IMP-2 a JQL import reads every page in rank order with the fields asked for', async () => {
    const { fake, api } = await setup(flavour);
    const { issues, truncated } = await fetchIssues(api, { source: 'jql', jql: 'project = SHOP' }, [
      'summary',
      'description',
      'priority',
      SP[flavour],
    ]);
    expect(truncated).toBe(false);
    expect(issues.map((i) => i.key)).toEqual(['SHOP-7', 'SHOP-6', 'SHOP-5', 'SHOP-4', 'SHOP-3', 'SHOP-2', 'SHOP-1']);
    const searches = fake.requests.filter((r) => r.path.includes('/search'));
    expect(searches).toHaveLength(3); // 7 issues, pages of 3
    const first = searches[0]!.body as Record<string, unknown>;
    expect(first.jql).toBe('project = SHOP ORDER BY Rank ASC');
    expect(first.fields).toEqual(['summary', 'description', 'priority', SP[flavour]]);
    if (flavour === 'cloud') {
      expect(searches[0]!.path).toBe('/rest/api/3/search/jql');
      expect(first.nextPageToken).toBeUndefined();
      expect(typeof (searches[1]!.body as Record<string, unknown>).nextPageToken).toBe('string');
    } else {
      expect(searches[0]!.path).toBe('/rest/api/2/search');
      expect(searches.map((s) => (s.body as Record<string, unknown>).startAt)).toEqual([0, 3, 6]);
    }
  });

  it('JIRA-IMP-1 stops at the limit and says so', async () => {
    const { api } = await setup(flavour);
    const r = await fetchIssues(api, { source: 'jql', jql: 'project = SHOP' }, ['summary'], 4);
    expect(r.issues.map((i) => i.key)).toEqual(['SHOP-7', 'SHOP-6', 'SHOP-5', 'SHOP-4']);
    expect(r.truncated).toBe(true);
  });

  it('JIRA-IMP-2 board and sprint imports use the Agile API with startAt paging', async () => {
    const { fake, api } = await setup(flavour);
    const board = await fetchIssues(api, { source: 'board', boardId: 12 }, ['summary']);
    expect(board.issues).toHaveLength(7);
    const sprint = await fetchIssues(api, { source: 'sprint', sprintId: 42 }, ['summary']);
    expect(sprint.issues.map((i) => i.key)).toEqual(['SHOP-3', 'SHOP-2', 'SHOP-1']);
    const boardReqs = fake.requests.filter((r) => r.path === '/rest/agile/1.0/board/12/issue');
    expect(boardReqs.map((r) => r.query.startAt)).toEqual(['0', '3', '6']);
    expect(fake.requests.some((r) => r.path === '/rest/agile/1.0/sprint/42/issue' && r.query.fields === 'summary')).toBe(true);
  });

  it('INT-MAP-1 INT-MAP-4 the import preview from Jira: descriptions as text, story points, every row', async () => {
    const { api } = await setup(flavour);
    const answer = await previewFromJira(api, { source: 'jql', jql: 'project = SHOP' }, SP[flavour], { keys: ['SHOP-1'] });
    expect(answer.preview.ok).toBe(true);
    if (!answer.preview.ok) return;
    const last = answer.preview.rows.at(-1)!;
    expect(last.status).toBe('update');
    expect(last.item).toMatchObject({
      key: 'SHOP-1',
      storyPoints: 3,
      priority: 'High',
      description: flavour === 'cloud' ? 'Beschreibung 1 für Größe' : 'Beschreibung 1',
    });
    expect(answer.keys).toHaveLength(7);
    expect(answer.preview.accepted).toBe(7);
  });

  it('JIRA-CUR-1 INT-MAP-6 current values: one search per 50 keys, paged; keys that are not Jira keys are not sent', async () => {
    const { fake, api } = await setup(flavour);
    const keys = ['SHOP-1', 'SHOP-2', 'SHOP-3', 'SHOP-4', 'SHOP-5', 'SHOP-6', 'SHOP-7', 'not a key'];
    const current = await readCurrentValues(api, keys, SP[flavour]);
    expect(current['SHOP-1']).toEqual({ found: true, value: 3 });
    expect(current['SHOP-7']).toEqual({ found: true, value: null });
    expect(current['not a key']).toEqual({ found: false });
    const searches = fake.requests.filter((r) => r.path.includes('/search'));
    expect(searches).toHaveLength(3); // 7 issues, pages of 3
    expect((searches[0]!.body as { jql: string; fields: string[] }).fields).toEqual([SP[flavour]]);
    expect((searches[0]!.body as { jql: string }).jql).not.toContain('not a key');
    expect(fake.requests.some((r) => /\/issue\//.test(r.path))).toBe(false);
  });

  it('JIRA-WB-3 field value and board estimation: read and write', async () => {
    const { fake, api } = await setup(flavour);
    expect((await api.fieldValue('SHOP-1', SP[flavour])).value).toBe(3);
    await api.setFieldValue('SHOP-2', SP[flavour], 8);
    expect(fake.issues.get('SHOP-2')?.values?.[SP[flavour]]).toBe(8);
    const put = fake.requests.find((r) => r.method === 'PUT')!;
    expect(put.path).toBe(`/rest/api/${flavour === 'cloud' ? 3 : 2}/issue/SHOP-2`);
    expect(put.body).toEqual({ fields: { [SP[flavour]]: 8 } });

    expect((await api.boardEstimate('SHOP-2', 12)).value).toBe(8);
    await api.setBoardEstimate('SHOP-3', 12, 13);
    const est = fake.requests.filter((r) => r.path === '/rest/agile/1.0/issue/SHOP-3/estimation').at(-1)!;
    expect(est.method).toBe('PUT');
    expect(est.query.boardId).toBe('12');
    expect(est.body).toEqual({ value: '13' });
    expect(fake.issues.get('SHOP-3')?.values?.[SP[flavour]]).toBe(13);
  });
});
