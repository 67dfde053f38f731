// Jira through the HTTP API on a real server (SQLite or Postgres) against the fake Jira: connect,
// field, import by JQL through the file import's path, write-back with preview, log and retry.
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../domain/backlog';
import type { WriteBackRun } from '../../domain/integrations/results';
import type {
  IntegrationWireError,
  JiraConnectionInfo,
  JiraFieldsAnswer,
  JiraImportPreviewAnswer,
  WriteBackPreviewAnswer,
} from '../../domain/integrations/wire';
import type { CreateWorkshopResult, RoomSnapshot } from '../../domain/protocol';
import { call, listen } from '../support/api';
import { startFakeJira, type FakeJira } from '../support/fake-jira';
import { startServer, type TestServer } from '../support/server';

const SECRET_KEY = 'a-test-key-of-at-least-32-characters-000';
const ENV = { SECRET_KEY, INTEGRATIONS_ALLOW_PRIVATE_NETWORKS: '1' };
const SP = 'customfield_10016';
const TOKEN = 'cloud-token-Zq81-never-shown';

type Err = { error: IntegrationWireError; preview?: unknown };
type W = CreateWorkshopResult;

const adf = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

function fakeIssues() {
  return [
    {
      key: 'SHOP-1',
      summary: 'Login with SSO',
      description: adf('Azure AD and Google'),
      priority: 'High',
      rank: 'a',
      values: { [SP]: 24 },
    },
    { key: 'SHOP-2', summary: 'Search', rank: 'b', values: { [SP]: null } },
    { key: 'SHOP-3', summary: 'Checkout', rank: 'c', values: { [SP]: null }, readOnly: true },
    { key: 'SHOP-4', summary: 'Wishlist', rank: 'd', values: { [SP]: 'about five' } },
    { key: 'SHOP-5', summary: 'Newsletter', rank: 'e', values: { [SP]: null } },
    { key: 'OPS-1', summary: 'Not this project', rank: 'f', values: { [SP]: 3 } },
  ];
}

/** Waits for a condition (the run writes in the background), checking every 20 ms, at most 10 s. */
async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>): Promise<T> {
  const end = Date.now() + 10_000;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('Jira through the API', () => {
  let server: TestServer;
  let fake: FakeJira;
  const logged: string[] = [];
  /** retries wait on this instead of the clock; tests hold or release it */
  let gate: Promise<void> = Promise.resolve();
  const waits: number[] = [];

  beforeAll(async () => {
    fake = await startFakeJira({
      flavour: 'cloud',
      email: 'mia@example.com',
      apiToken: TOKEN,
      issues: fakeIssues(),
      boards: [{ id: 12, estimationField: { fieldId: SP, displayName: 'Story point estimate' } }],
    });
    const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (logged.push(chunk.toString()), done()) });
    server = await startServer({
      integrationsEnv: ENV,
      integrationsTuning: { jira: { timeoutMs: 3000, sleep: async (ms) => (waits.push(ms), gate) } },
      log: pino({ level: 'trace' }, sink),
    });
  });
  afterAll(async () => {
    await server.stop();
    await fake.close();
  });
  afterEach(() => {
    gate = Promise.resolve();
    waits.length = 0;
    // JIRA-SEC: the token is never in an answer (checked per call below) nor in a log line
    expect(logged.join('\n')).not.toContain(TOKEN);
  });

  const api = <T>(w: W, method: string, path: string, body?: unknown) =>
    call<T>(server, method, path, { token: w.facilitatorSecret, ...(body !== undefined ? { body } : {}) });
  const cloud = (over: object = {}) => ({ kind: 'cloud', siteUrl: fake.url, email: 'mia@example.com', apiToken: TOKEN, ...over });

  async function connected(): Promise<W> {
    const w = await server.createWorkshop([]);
    const res = await api<JiraConnectionInfo>(w, 'PUT', `/api/workshops/${w.workshopId}/integrations/jira`, cloud());
    expect(res.status).toBe(200);
    expect(res.text).not.toContain(TOKEN);
    return w;
  }

  const snapshot = async (w: W) => (await api<RoomSnapshot>(w, 'GET', `/api/sessions/${w.sessionId}`)).body;
  const cmd = (w: W, body: object) => api(w, 'POST', `/api/sessions/${w.sessionId}/commands`, body);
  const runs = async (w: W) => (await api<WriteBackRun[]>(w, 'GET', `/api/sessions/${w.sessionId}/jira/write-back/runs`)).body;
  const finished = (w: W, id: string) => until(`run ${id}`, async () => (await runs(w)).find((r) => r.id === id && r.finishedAt !== null));
  const puts = () => fake.requests.filter((r) => r.method === 'PUT').length;

  /** imported by JQL, sized (SHOP-1 3, SHOP-2 5, SHOP-3 2, SHOP-5 "?") and locked: factor 24 SP / 3 AP = 8 */
  async function locked(): Promise<W> {
    const w = await connected();
    const imp = await api<{ imported: number }>(w, 'POST', `/api/sessions/${w.sessionId}/jira/import`, {
      source: 'jql',
      jql: 'project = SHOP',
    });
    expect(imp.body.imported).toBe(4);
    const cards = new Map((await snapshot(w)).cards.map((c) => [c.key, c.id]));
    for (const [key, to] of [
      ['SHOP-1', 'v3'],
      ['SHOP-2', 'v5'],
      ['SHOP-3', 'v2'],
      ['SHOP-5', 'unsure'],
    ] as const) {
      expect((await cmd(w, { type: 'card.move', cardId: cards.get(key), to })).status).toBe(200);
    }
    expect((await cmd(w, { type: 'phase.set', phase: 'locked' })).status).toBe(200);
    // one calibration: SHOP-1 (24 SP in Jira, sized 3) is marked as the reference item -> factor 8
    const ref = await call(server, 'PUT', `/api/workshops/${w.workshopId}/sessions/${w.sessionId}/references/${cards.get('SHOP-1')}`, {
      token: w.facilitatorSecret,
      body: { storyPoints: 24 },
    });
    expect(ref.status).toBe(200);
    return w;
  }

  beforeEach(() => {
    fake.issues.clear();
    for (const i of fakeIssues()) fake.issues.set(i.key, structuredClone(i));
  });

  it('JIRA-API-1 SEC-SEAL-7 connect checks with Jira, stores the token sealed and never answers with it; bad input changes nothing', async () => {
    const w = await server.createWorkshop([]);
    const path = `/api/workshops/${w.workshopId}/integrations/jira`;
    // not an address: the body's own message, nothing asked of Jira
    const before = fake.requests.length;
    const bad = await api<Err>(w, 'PUT', path, cloud({ siteUrl: 'acme.atlassian' }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('bad_request');
    expect(bad.body.error.message).toMatch(/^Invalid Jira connection: siteUrl: /);
    expect(fake.requests.length).toBe(before);
    // a wrong token: Jira's answer, named
    const wrong = await api<Err>(w, 'PUT', path, cloud({ apiToken: 'nope' }));
    expect(wrong.status).toBe(502);
    expect(wrong.body.error).toMatchObject({ code: 'jira', jira: { code: 'unauthorized', status: 401 } });
    expect(wrong.body.error.message).toContain('Jira did not accept the credentials (401)');
    // a closed port
    const closed = await api<Err>(w, 'PUT', path, cloud({ siteUrl: 'http://127.0.0.1:9' }));
    expect(closed.status).toBe(502);
    expect(closed.body.error.jira?.code).toBe('unreachable');
    expect((await api(w, 'GET', path)).body).toBeNull();

    const ok = await api<JiraConnectionInfo>(w, 'PUT', path, cloud());
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      kind: 'cloud',
      url: fake.url,
      email: 'mia@example.com',
      account: { displayName: 'Mia Krystof' },
      field: { id: SP, name: 'Story point estimate', viaBoard: false },
    });
    const all = await api<{ status: unknown; jira: JiraConnectionInfo; webhook: null }>(
      w,
      'GET',
      `/api/workshops/${w.workshopId}/integrations`,
    );
    expect(all.body).toEqual({ status: { enabled: true, reason: null }, jira: ok.body, webhook: null });
    for (const text of [ok.text, all.text]) expect(text).not.toContain(TOKEN);
    const row = await server.app.store.read.getJiraConnection(w.workshopId);
    expect(row?.sealedSecret).toMatch(/^me1\./);
    expect(row?.sealedSecret).not.toContain(TOKEN);
    // another workshop's secret does not open this one
    const other = await server.createWorkshop([]);
    expect((await call(server, 'GET', path, { token: other.facilitatorSecret })).status).toBe(403);

    expect((await api(w, 'DELETE', path)).status).toBe(200);
    expect(await server.app.store.read.getJiraConnection(w.workshopId)).toBeUndefined();
  });

  it('JIRA-API-2 the story-point field is found, shown and changeable; a board that estimates with it is written through', async () => {
    const w = await connected();
    const base = `/api/workshops/${w.workshopId}/integrations/jira`;
    const fields = await api<JiraFieldsAnswer>(w, 'GET', `${base}/fields?boardId=12`);
    expect(fields.body.candidates.map((c) => [c.id, c.reason])).toEqual([
      [SP, 'board'],
      ['customfield_10028', 'name'],
    ]);
    expect(fields.body.chosen).toEqual({ id: SP, name: 'Story point estimate', viaBoard: false });
    expect((await api<Err>(w, 'GET', `${base}/fields?boardId=x1`)).status).toBe(400);
    const notNumber = await api<Err>(w, 'PUT', `${base}/field`, { fieldId: 'summary' });
    expect(notNumber.status).toBe(400);
    expect(notNumber.body.error).toEqual({
      code: 'invalid_field',
      message: 'the field "Summary" (summary) holds string values, not story points',
    });
    const other = await api<JiraConnectionInfo>(w, 'PUT', `${base}/field`, { fieldId: 'customfield_10028' });
    expect(other.body.field).toEqual({ id: 'customfield_10028', name: 'Story Points', viaBoard: false });
    const board = await api<JiraConnectionInfo>(w, 'PUT', `${base}/field`, { fieldId: SP, boardId: 12 });
    expect(board.body).toMatchObject({ field: { id: SP, viaBoard: true }, boardId: 12 });
  });

  it('JIRA-API-3 INT-MAP-4 import by JQL: the file import’s preview (every row with its reason), then the same import path; a re-import duplicates nothing', async () => {
    const w = await connected();
    const base = `/api/sessions/${w.sessionId}/jira`;
    const p = await api<JiraImportPreviewAnswer>(w, 'POST', `${base}/import/preview`, { source: 'jql', jql: 'project = SHOP' });
    expect(p.status).toBe(200);
    if (!p.body.preview.ok) throw new Error('expected a preview');
    expect(p.body.keys).toEqual(['SHOP-1', 'SHOP-2', 'SHOP-3', 'SHOP-4', 'SHOP-5']);
    expect(p.body.preview.rows.map((r) => [p.body.keys[r.line - 1], r.status, r.item?.storyPoints ?? null])).toEqual([
      ['SHOP-1', 'new', 24],
      ['SHOP-2', 'new', null],
      ['SHOP-3', 'new', null],
      ['SHOP-4', 'rejected', null],
      ['SHOP-5', 'new', null],
    ]);
    expect(p.body.preview.rows[3]?.reason).toMatch(/story points/i);
    expect((await snapshot(w)).cards).toEqual([]); // the preview changes nothing

    const room = await listen(server, w.sessionId);
    const added = room.waitFor((e) => e.event.type === 'card.added', 4);
    const imp = await api<{ imported: number; updated: number; keys: string[]; truncated: boolean; rows: unknown[] }>(
      w,
      'POST',
      `${base}/import`,
      { source: 'jql', jql: 'project = SHOP' },
    );
    expect(imp.status).toBe(200);
    expect(imp.body).toMatchObject({ imported: 4, updated: 0, truncated: false });
    expect(imp.body.rows).toEqual(p.body.preview.rows);
    await added; // live in the room, as a file import
    const cards = (await snapshot(w)).cards;
    expect(cards.map((c) => [c.key, c.title])).toEqual([
      ['SHOP-1', 'Login with SSO'],
      ['SHOP-2', 'Search'],
      ['SHOP-3', 'Checkout'],
      ['SHOP-5', 'Newsletter'],
    ]);
    const item = await server.app.store.read.itemByKey(w.workshopId, 'SHOP-1');
    expect(item).toMatchObject({ description: 'Azure AD and Google', storyPoints: 24 });

    // renamed in Jira: a re-import updates it and adds nothing
    fake.issues.get('SHOP-2')!.summary = 'Product search';
    const again = await api<JiraImportPreviewAnswer>(w, 'POST', `${base}/import/preview`, { source: 'jql', jql: 'project = SHOP' });
    if (!again.body.preview.ok) throw new Error('expected a preview');
    expect(again.body.preview.rows.map((r) => r.status)).toEqual(['unchanged', 'update', 'unchanged', 'rejected', 'unchanged']);
    const re = await api<{ imported: number; updated: number }>(w, 'POST', `${base}/import`, { source: 'jql', jql: 'project = SHOP' });
    expect(re.body).toMatchObject({ imported: 0, updated: 1 });
    expect((await snapshot(w)).cards.map((c) => c.title)).toEqual(['Login with SSO', 'Product search', 'Checkout', 'Newsletter']);

    // bad JQL: Jira's message, nothing imported
    const jql = await api<Err>(w, 'POST', `${base}/import`, { source: 'jql', jql: 'projekt ~ SHOP' });
    expect(jql.status).toBe(502);
    expect(jql.body.error.jira).toMatchObject({ code: 'bad_request', status: 400 });
    expect(jql.body.error.jira?.messages[0]).toContain("Expecting operator but got 'projekt ~ SHOP'");
    const none = await api<Err & { preview: ImportPreview }>(w, 'POST', `${base}/import`, { source: 'jql', jql: 'project = NONE' });
    expect(none.status).toBe(422);
    expect(none.body.preview).toMatchObject({ ok: false, error: { code: 'empty' } });
    expect((await snapshot(w)).cards).toHaveLength(4);

    // after setup the session's items are fixed, as for a file
    await api(w, 'POST', `/api/sessions/${w.sessionId}/commands`, { type: 'phase.set', phase: 'locked' });
    fake.issues.set('SHOP-9', { key: 'SHOP-9', summary: 'New', rank: 'z', values: {} });
    const late = await api<Err>(w, 'POST', `${base}/import`, { source: 'jql', jql: 'project = SHOP' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('session_locked');
    expect((await snapshot(w)).cards).toHaveLength(4);
  });

  it('JIRA-API-4 INT-WB-1 no write-back before the lock, and Jira is not asked', async () => {
    const w = await connected();
    await api(w, 'POST', `/api/sessions/${w.sessionId}/jira/import`, { source: 'jql', jql: 'project = SHOP' });
    const before = fake.requests.length;
    const r = await api<Err>(w, 'POST', `/api/sessions/${w.sessionId}/jira/write-back/preview`, { mode: 'ap' });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('not_locked');
    expect(fake.requests.length).toBe(before);
  });

  it('JIRA-API-5 write-back: preview, confirmed run answered at once (202) and written in the background, failure with Jira’s words, retry of the failed alone, then nothing left', async () => {
    const w = await locked();
    const base = `/api/sessions/${w.sessionId}/jira/write-back`;
    const start = puts();
    const preview = await api<WriteBackPreviewAnswer>(w, 'POST', `${base}/preview`, { mode: 'sp', rounding: 'one-decimal' });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      factor: 8,
      mode: 'sp',
      via: 'issue',
      field: { id: SP },
      counts: { write: 2, unchanged: 1, skip: 1 },
    });
    expect(preview.body.rows.map((r) => [r.key, r.current, r.target, r.status, r.reason ?? null])).toEqual([
      ['SHOP-1', 24, 24, 'unchanged', null],
      ['SHOP-2', null, 40, 'write', null],
      ['SHOP-3', null, 16, 'write', null],
      ['SHOP-5', null, null, 'skip', 'unknown_size'],
    ]);
    expect(puts()).toBe(start);

    // a confirmation of another preview: the new preview comes back, nothing is written
    const stale = await api<Err & { preview: WriteBackPreviewAnswer }>(w, 'POST', base, { mode: 'sp', digest: '0123456789abcdef' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('plan_changed');
    expect(stale.body.preview.digest).toBe(preview.body.digest);
    expect(puts()).toBe(start);

    const started = await api<{ run: WriteBackRun }>(w, 'POST', base, { mode: 'sp', digest: preview.body.digest });
    expect(started.status).toBe(202);
    expect(started.body.run).toMatchObject({ sessionId: w.sessionId, finishedAt: null, results: [], retryOf: null });
    const first = await finished(w, started.body.run.id);
    expect(first.results.map((r) => [r.key, r.status, r.before, r.after])).toEqual([
      ['SHOP-2', 'written', null, 40],
      ['SHOP-3', 'failed', null, null],
    ]);
    expect(first.results[1]?.error).toEqual({
      code: 'forbidden',
      message:
        'SHOP-3: the Jira account is not allowed to do this (403) (Jira: You do not have permission to edit issues in this project.)',
      jira: ['You do not have permission to edit issues in this project.'],
    });
    expect(fake.issues.get('SHOP-2')?.values?.[SP]).toBe(40);
    expect(fake.issues.get('SHOP-3')?.values?.[SP]).toBeNull();

    // fixed in Jira: only the failed item is previewed and written
    fake.issues.get('SHOP-3')!.readOnly = false;
    const retryPreview = await api<WriteBackPreviewAnswer>(w, 'POST', `${base}/preview`, { mode: 'sp', retryOf: first.id });
    expect(retryPreview.body.rows.map((r) => [r.key, r.status])).toEqual([['SHOP-3', 'write']]);
    const putsBefore = puts();
    const retry = await api<{ run: WriteBackRun }>(w, 'POST', base, { mode: 'sp', digest: retryPreview.body.digest, retryOf: first.id });
    expect(retry.status).toBe(202);
    const second = await finished(w, retry.body.run.id);
    expect(second).toMatchObject({ retryOf: first.id, results: [{ key: 'SHOP-3', status: 'written', after: 16 }] });
    expect(puts() - putsBefore).toBe(1);

    // a second write-back writes nothing
    const again = await api<WriteBackPreviewAnswer>(w, 'POST', `${base}/preview`, { mode: 'sp' });
    expect(again.body.counts).toEqual({ write: 0, unchanged: 3, skip: 1 });
    const putsNow = puts();
    const none = await api<{ run: WriteBackRun }>(w, 'POST', base, { mode: 'sp', digest: again.body.digest });
    expect((await finished(w, none.body.run.id)).results).toEqual([]);
    expect(puts()).toBe(putsNow);
    // the log is kept with the session, oldest first
    expect((await runs(w)).map((r) => r.id)).toEqual([first.id, second.id, none.body.run.id]);
  });

  it('JIRA-API-6 an issue deleted in Jira: skipped in the preview, and named when it goes between preview and write', async () => {
    const w = await locked();
    const base = `/api/sessions/${w.sessionId}/jira/write-back`;
    const three = fake.issues.get('SHOP-3')!;
    fake.issues.delete('SHOP-3');
    const gone = await api<WriteBackPreviewAnswer>(w, 'POST', `${base}/preview`, { mode: 'ap' });
    expect(gone.body.rows.find((r) => r.key === 'SHOP-3')).toMatchObject({ status: 'skip', reason: 'not_in_jira' });
    fake.issues.set('SHOP-3', three);
    const p = await api<WriteBackPreviewAnswer>(w, 'POST', `${base}/preview`, { mode: 'ap' });
    expect(p.body.counts).toEqual({ write: 3, unchanged: 0, skip: 1 });
    // SHOP-2 disappears after the plan was made again for the run, just before its own read
    fake.fail('GET', /\/issue\/SHOP-2$/, {
      status: 404,
      body: { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} },
    });
    const run = await api<{ run: WriteBackRun }>(w, 'POST', base, { mode: 'ap', digest: p.body.digest });
    expect(run.status).toBe(202);
    const done = await finished(w, run.body.run.id);
    expect(done.results.map((r) => [r.key, r.status, r.error?.code ?? null])).toEqual([
      ['SHOP-1', 'written', null],
      ['SHOP-2', 'failed', 'not_found'],
      ['SHOP-3', 'failed', 'forbidden'],
    ]);
    expect(done.results[1]?.error?.message).toBe(
      'SHOP-2: the issue does not exist in Jira, or the account cannot see it (404) (Jira: Issue does not exist or you do not have permission to see it.)',
    );
    expect(fake.issues.get('SHOP-1')?.values?.[SP]).toBe(3);
  });

  it('JIRA-API-10 a story-point field deleted in Jira: the preview names it and asks to choose again; nothing is written', async () => {
    const w = await locked();
    const before = puts();
    fake.fail('GET', /\/field$/, { status: 200, body: [{ id: 'summary', name: 'Summary', custom: false, schema: { type: 'string' } }] });
    const r = await api<Err>(w, 'POST', `/api/sessions/${w.sessionId}/jira/write-back/preview`, { mode: 'ap' });
    expect(r.status).toBe(409);
    expect(r.body.error).toEqual({
      code: 'field_missing',
      message: `the story-point field Story point estimate (${SP}) cannot be used any more: Jira has no field ${SP}; choose the field again`,
    });
    expect(puts()).toBe(before);
  });

  it('JIRA-API-7 JIRA-SVC-9 one run per session: a second start while one writes is refused (409 running), and the first goes on', async () => {
    const w = await locked();
    const base = `/api/sessions/${w.sessionId}/jira/write-back`;
    const p = await api<WriteBackPreviewAnswer>(w, 'POST', `${base}/preview`, { mode: 'ap' });
    let release!: () => void;
    gate = new Promise<void>((r) => (release = r));
    fake.fail('PUT', /\/issue\/SHOP-1$/, { status: 503 }); // the retry waits on the gate
    const first = await api<{ run: WriteBackRun }>(w, 'POST', base, { mode: 'ap', digest: p.body.digest });
    expect(first.status).toBe(202);
    await until('the retry to wait', async () => waits.length > 0);
    const second = await api<Err>(w, 'POST', base, { mode: 'ap', digest: p.body.digest });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('running');
    release();
    const done = await finished(w, first.body.run.id);
    expect(done.results.map((r) => [r.key, r.status])).toEqual([
      ['SHOP-1', 'written'],
      ['SHOP-2', 'written'],
      ['SHOP-3', 'failed'],
    ]);
    expect(done.results[0]?.attempts).toBe(3); // read, 503, write
  });

  it('JIRA-API-8 JIRA-SVC-7 deleting the workshop deletes its connection (the sealed token) and its write-back log', async () => {
    const w = await locked();
    const base = `/api/sessions/${w.sessionId}/jira/write-back`;
    const p = await api<WriteBackPreviewAnswer>(w, 'POST', `${base}/preview`, { mode: 'ap' });
    const run = await api<{ run: WriteBackRun }>(w, 'POST', base, { mode: 'ap', digest: p.body.digest });
    await finished(w, run.body.run.id);
    expect((await server.app.integrations.store.listWorkshopWriteBackRuns(w.workshopId)).length).toBe(1);
    expect((await api(w, 'DELETE', `/api/workshops/${w.workshopId}`)).status).toBe(200);
    expect(await server.app.integrations.store.getJiraConnection(w.workshopId)).toBeNull();
    expect(await server.app.integrations.store.listWorkshopWriteBackRuns(w.workshopId)).toEqual([]);
    expect(await server.app.integrations.store.getWriteBackRun(run.body.run.id)).toBeNull();
  });
});

describe('Jira and webhooks off', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ integrationsEnv: { SECRET_KEY: 'too-short' } });
  });
  afterAll(() => server.stop());

  it('JIRA-API-9 JIRA-SVC-1 without a good SECRET_KEY the status says why and every other route answers 503 with the reason', async () => {
    const w = await server.createWorkshop(['A']);
    const status = await call<{ status: unknown }>(server, 'GET', `/api/workshops/${w.workshopId}/integrations`, {
      token: w.facilitatorSecret,
    });
    expect(status.body).toEqual({ status: { enabled: false, reason: 'bad_secret_key' }, jira: null, webhook: null });
    const message = 'Jira and webhooks are off: SECRET_KEY must be at least 32 characters (e.g. openssl rand -base64 32)';
    for (const [method, path, body] of [
      ['PUT', `/api/workshops/${w.workshopId}/integrations/jira`, { kind: 'datacenter', baseUrl: 'https://jira.example.com', token: 't' }],
      ['GET', `/api/workshops/${w.workshopId}/integrations/webhook/deliveries`, undefined],
      ['POST', `/api/sessions/${w.sessionId}/jira/write-back/preview`, { mode: 'ap' }],
    ] as const) {
      const r = await call<Err>(server, method, path, { token: w.facilitatorSecret, ...(body ? { body } : {}) });
      expect(r.status).toBe(503);
      expect(r.body.error).toEqual({ code: 'integrations_off', message });
    }
    // the facilitator's token is still needed first
    expect((await call(server, 'GET', `/api/workshops/${w.workshopId}/integrations/jira`)).status).toBe(401);
  });
});
