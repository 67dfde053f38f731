// Write-back end to end: service + domain plan + jira.js facade against the fake Jira, with the in-memory store.
import { afterEach, describe, expect, it } from 'vitest';
import type { WriteBackItem } from '../../domain/integrations';
import { createSealer } from '../../server/integrations/crypto';
import { createJiraApi } from '../../server/integrations/jira/client';
import { IntegrationError, jiraService, type SessionSource } from '../../server/integrations/jira/service';
import { executeWriteBack } from '../../server/integrations/jira/writeback';
import { memoryIntegrationStore } from '../../server/integrations/store';
import { startFakeJira, type FakeJira, type Flavour } from '../support/fake-jira';

const SP: Record<Flavour, string> = { cloud: 'customfield_10016', datacenter: 'customfield_10002' };
const SECRET = 'k'.repeat(40);

let fake: FakeJira | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

const item = (key: string | null, ap: number | null, label: string | null = ap === null ? '?' : String(ap)): WriteBackItem => ({
  itemId: `i-${key ?? 'nokey'}`,
  key,
  title: `Story ${key ?? 'without key'}`,
  bucketLabel: label,
  ap,
});

async function setup(flavour: Flavour) {
  const sp = SP[flavour];
  fake = await startFakeJira({
    flavour,
    email: 'mia@example.com',
    apiToken: 'cloud-token-123',
    token: 'dc-pat-456',
    issues: [
      { key: 'SHOP-1', summary: 'One', rank: 'a', values: { [sp]: 24 } },
      { key: 'SHOP-2', summary: 'Two', rank: 'b', values: { [sp]: null } },
      { key: 'SHOP-3', summary: 'Three', rank: 'c', values: { [sp]: 1 }, readOnly: true },
      { key: 'SHOP-4', summary: 'Four', rank: 'd', values: { [sp]: 5 } },
    ],
    boards: [{ id: 12, estimationField: { fieldId: sp, displayName: 'Story Points' } }],
  });
  const store = memoryIntegrationStore();
  const waits: number[] = [];
  const session = {
    workshopId: 'w1',
    locked: true,
    factor: 8 as number | null,
    items: [item('SHOP-1', 3), item('SHOP-2', 5), item('SHOP-3', 2), item('SHOP-4', null), item('SHOP-9', 8), item(null, 1)],
  };
  const sessions: SessionSource = {
    writeBackSource: async (id) => (id === 's1' ? session : null),
    importTarget: async (id) => (id === 's1' ? { workshopId: 'w1', existing: { keys: [] } } : null),
  };
  let clock = 1_000;
  let ids = 0;
  const svc = jiraService({
    store,
    sealer: createSealer(SECRET),
    sessions,
    policy: { allowedHosts: [], allowPrivate: true },
    jira: { timeoutMs: 2000, sleep: async (ms) => void waits.push(ms) },
    now: () => ++clock,
    newId: () => `run-${++ids}`,
  });
  const body =
    flavour === 'cloud'
      ? { kind: 'cloud' as const, siteUrl: fake.url, email: 'mia@example.com', apiToken: 'cloud-token-123' }
      : { kind: 'datacenter' as const, baseUrl: fake.url, token: 'dc-pat-456' };
  return { fake, store, svc, session, waits, body, sp };
}

async function refusal(p: Promise<unknown>): Promise<IntegrationError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof IntegrationError) return e;
    throw e;
  }
  throw new Error('expected an IntegrationError');
}

const puts = (f: FakeJira) => f.requests.filter((r) => r.method === 'PUT');

describe.each(['cloud', 'datacenter'] as const)('write-back to Jira %s', (flavour) => {
  it('JIRA-SVC-1 connect checks the credentials and stores them sealed, never in the answer', async () => {
    const { svc, store, body, sp } = await setup(flavour);
    const info = await svc.connect('w1', body);
    expect(info).toMatchObject({ kind: flavour, account: { displayName: 'Mia Krystof' }, field: { id: sp, viaBoard: false } });
    const secret = flavour === 'cloud' ? 'cloud-token-123' : 'dc-pat-456';
    expect(JSON.stringify(info)).not.toContain(secret);
    const rec = await store.getJiraConnection('w1');
    expect(rec?.sealedSecret).toMatch(/^me1\./);
    expect(rec?.sealedSecret).not.toContain(secret);
    expect(createSealer(SECRET).open(rec!.sealedSecret, 'jira:w1')).toContain(secret);
  });

  it('JIRA-SVC-1 a wrong token or the other product is refused and nothing is stored', async () => {
    const { svc, store, body } = await setup(flavour);
    const wrong = flavour === 'cloud' ? { ...body, apiToken: 'nope' } : { ...body, token: 'nope' };
    const e = await refusal(svc.connect('w1', wrong as typeof body));
    expect(e).toMatchObject({ code: 'jira', status: 502, jira: { code: 'unauthorized', status: 401 } });
    const other =
      flavour === 'cloud'
        ? { kind: 'datacenter' as const, baseUrl: body.kind === 'cloud' ? body.siteUrl : '', token: 'x' }
        : { kind: 'cloud' as const, siteUrl: body.kind === 'datacenter' ? body.baseUrl : '', email: 'mia@example.com', apiToken: 'x' };
    // the other product: its REST path does not exist (404) or its credentials do not fit (401); either way nothing is stored
    expect((await refusal(svc.connect('w1', other))).code).toBe('jira');
    expect(await store.getJiraConnection('w1')).toBeNull();
  });

  it('INT-WB-1 JIRA-SVC-5 before lock there is no preview, and Jira is not asked', async () => {
    const { svc, fake, session, body } = await setup(flavour);
    await svc.connect('w1', body);
    session.locked = false;
    const before = fake.requests.length;
    const e = await refusal(svc.writeBackPreview('s1', { mode: 'sp', rounding: 'one-decimal' }));
    expect(e).toMatchObject({ code: 'not_locked', status: 409 });
    expect(fake.requests.length).toBe(before);
  });

  it('JIRA-SVC-4 JIRA-SVC-6 JIRA-CUR-1 INT-WB-5 INT-MAP-7 preview, confirm, partial failure, retry of the failed only, then nothing left to write', async () => {
    const { svc, fake, store, body, sp } = await setup(flavour);
    await svc.connect('w1', body);
    const preview = await svc.writeBackPreview('s1', { mode: 'sp', rounding: 'one-decimal' });
    expect(preview.rows.map((r) => [r.key, r.current, r.target, r.status, r.reason ?? null])).toEqual([
      ['SHOP-1', 24, 24, 'unchanged', null],
      ['SHOP-2', null, 40, 'write', null],
      ['SHOP-3', 1, 16, 'write', null],
      ['SHOP-4', 5, null, 'skip', 'unknown_size'],
      ['SHOP-9', null, null, 'skip', 'not_in_jira'],
      [null, null, null, 'skip', 'no_key'],
    ]);
    expect(puts(fake)).toHaveLength(0);
    // Jira refuses the batch search because SHOP-9 does not exist; the batch is then read issue by issue
    const searches = fake.requests.filter((r) => r.path.includes('/search'));
    expect(searches).toHaveLength(1);
    expect((searches[0]!.body as { jql: string }).jql).toBe('key in ("SHOP-1", "SHOP-2", "SHOP-3", "SHOP-4", "SHOP-9")');
    expect(fake.requests.filter((r) => r.method === 'GET' && /\/issue\/SHOP-\d$/.test(r.path)).map((r) => r.path.split('/').pop())).toEqual(
      ['SHOP-1', 'SHOP-2', 'SHOP-3', 'SHOP-4', 'SHOP-9'],
    );

    // a confirmation of another preview writes nothing
    const stale = await refusal(svc.writeBack('s1', { mode: 'sp', rounding: 'one-decimal', digest: '0000000000000000' }));
    expect(stale).toMatchObject({ code: 'plan_changed', status: 409 });
    expect(stale.preview?.digest).toBe(preview.digest);
    expect(puts(fake)).toHaveLength(0);

    const first = await svc.writeBack('s1', { mode: 'sp', rounding: 'one-decimal', digest: preview.digest });
    expect(first.counts).toEqual({ written: 1, unchanged: 0, failed: 1 });
    expect(first.run.results.map((r) => [r.key, r.status, r.before, r.after])).toEqual([
      ['SHOP-2', 'written', null, 40],
      ['SHOP-3', 'failed', 1, null],
    ]);
    expect(first.run.results[1]?.error).toEqual({
      code: 'forbidden',
      message:
        'SHOP-3: the Jira account is not allowed to do this (403) (Jira: You do not have permission to edit issues in this project.)',
      jira: ['You do not have permission to edit issues in this project.'],
    });
    expect(fake.issues.get('SHOP-2')?.values?.[sp]).toBe(40);
    expect(fake.issues.get('SHOP-3')?.values?.[sp]).toBe(1);
    // the log is kept with the session
    expect((await store.listWriteBackRuns('s1')).map((r) => [r.id, r.results.length, r.finishedAt !== null])).toEqual([['run-1', 2, true]]);

    // fixed in Jira: retry only the failed item
    fake.issues.get('SHOP-3')!.readOnly = false;
    const retryPreview = await svc.writeBackPreview('s1', { mode: 'sp', rounding: 'one-decimal', retryOf: 'run-1' });
    expect(retryPreview.rows.map((r) => r.key)).toEqual(['SHOP-3']);
    const putsBefore = puts(fake).length;
    const retry = await svc.writeBack('s1', { mode: 'sp', rounding: 'one-decimal', digest: retryPreview.digest, retryOf: 'run-1' });
    expect(retry.run).toMatchObject({ retryOf: 'run-1' });
    expect(retry.run.results.map((r) => [r.key, r.status])).toEqual([['SHOP-3', 'written']]);
    expect(puts(fake).length - putsBefore).toBe(1);

    // a second write-back writes nothing
    const again = await svc.writeBackPreview('s1', { mode: 'sp', rounding: 'one-decimal' });
    expect(again.counts).toEqual({ write: 0, unchanged: 3, skip: 3 });
    const putsNow = puts(fake).length;
    const none = await svc.writeBack('s1', { mode: 'sp', rounding: 'one-decimal', digest: again.digest });
    expect(none.run.results).toEqual([]);
    expect(puts(fake).length).toBe(putsNow);

    // INT-MAP-7: a re-import does not take the values we wrote as detailed estimates
    const imported = await svc.importPreview('s1', { source: 'jql', jql: 'project = SHOP' });
    if (!imported.preview.ok) throw new Error('expected a preview');
    expect(imported.preview.rows.map((r) => [r.item?.key, r.item?.storyPoints])).toEqual([
      ['SHOP-1', 24],
      ['SHOP-2', null],
      ['SHOP-3', null],
      ['SHOP-4', 5],
    ]);
  });

  it('JIRA-CLIENT-2 JIRA-WB-5 a 429 during the write is waited out as Jira asks and counted', async () => {
    const { svc, fake, waits, body } = await setup(flavour);
    await svc.connect('w1', body);
    const preview = await svc.writeBackPreview('s1', { mode: 'ap', rounding: 'whole' });
    fake.fail('PUT', /\/issue\/SHOP-1$/, {
      status: 429,
      headers: { 'retry-after': '1' },
      body: { errorMessages: ['Rate limit exceeded'] },
    });
    const run = await svc.writeBack('s1', { mode: 'ap', rounding: 'whole', digest: preview.digest });
    const one = run.run.results.find((r) => r.key === 'SHOP-1');
    expect(one).toMatchObject({ status: 'written', before: 24, after: 3, attempts: 3 }); // read + 429 + write
    expect(waits).toEqual([1000]);
  });

  it('INT-FIELD-4 JIRA-WB-3 with the board chosen, the board’s estimation API is used', async () => {
    const { svc, fake, body, sp } = await setup(flavour);
    await svc.connect('w1', body);
    const chosen = await svc.chooseField('w1', { fieldId: sp, boardId: 12 });
    expect(chosen.field).toEqual({ id: sp, name: flavour === 'cloud' ? 'Story point estimate' : 'Story Points', viaBoard: true });
    const preview = await svc.writeBackPreview('s1', { mode: 'sp', rounding: 'one-decimal' });
    expect(preview.via).toBe('board');
    const run = await svc.writeBack('s1', { mode: 'sp', rounding: 'one-decimal', digest: preview.digest });
    expect(run.counts).toEqual({ written: 1, unchanged: 0, failed: 1 }); // SHOP-3 is read-only
    const estimationPuts = puts(fake).filter((r) => r.path.endsWith('/estimation'));
    expect(estimationPuts.map((r) => [r.path, r.query.boardId, r.body])).toEqual([
      ['/rest/agile/1.0/issue/SHOP-2/estimation', '12', { value: '40' }],
      ['/rest/agile/1.0/issue/SHOP-3/estimation', '12', { value: '16' }],
    ]);
    expect(fake.issues.get('SHOP-2')?.values?.[sp]).toBe(40);
    expect(puts(fake).filter((r) => r.path.includes('/rest/api/'))).toHaveLength(0);
  });

  it('JIRA-SVC-2 a field that is not a number is refused with its name', async () => {
    const { svc, body } = await setup(flavour);
    await svc.connect('w1', body);
    const e = await refusal(svc.chooseField('w1', { fieldId: 'summary' }));
    expect(e).toMatchObject({
      code: 'invalid_field',
      status: 400,
      message: 'the field "Summary" (summary) holds string values, not story points',
    });
    const fields = await svc.fields('w1', 12);
    expect(fields.boardField?.id).toBe(SP[flavour]);
  });

  it('JIRA-SVC-8 a started run answers at once, refuses a second one meanwhile, and logs as it goes', async () => {
    const { svc, fake, store, body } = await setup(flavour);
    await svc.connect('w1', body);
    const preview = await svc.writeBackPreview('s1', { mode: 'sp', rounding: 'one-decimal' });
    fake.fail('PUT', /SHOP-2/, { status: 503 }); // one retry keeps the run busy for a moment
    const started = await svc.startWriteBack('s1', { mode: 'sp', rounding: 'one-decimal', digest: preview.digest });
    expect(started.run.results).toEqual([]);
    expect((await refusal(svc.writeBack('s1', { mode: 'sp', rounding: 'one-decimal', digest: preview.digest }))).code).toBe('running');
    const finished = await started.done;
    expect(finished.counts).toEqual({ written: 1, unchanged: 0, failed: 1 });
    const [stored] = await store.listWriteBackRuns('s1');
    expect(stored?.results.map((r) => r.key)).toEqual(['SHOP-2', 'SHOP-3']);
    expect(stored?.finishedAt).not.toBeNull();
    // the lock is released: a new preview and run are possible
    const again = await svc.writeBackPreview('s1', { mode: 'sp', rounding: 'one-decimal' });
    expect((await svc.writeBack('s1', { mode: 'sp', rounding: 'one-decimal', digest: again.digest })).counts.written).toBe(0);
  });

  it('JIRA-SVC-5 a story-point field deleted in Jira since it was chosen is named, and nothing is written', async () => {
    const { svc, fake, body, sp } = await setup(flavour);
    await svc.connect('w1', body);
    const fieldsReq = fake.requests.length;
    // the field disappears from Jira's field list
    fake.fail('GET', /\/field$/, { status: 200, body: [{ id: 'summary', name: 'Summary', custom: false, schema: { type: 'string' } }] });
    const e = await refusal(svc.writeBackPreview('s1', { mode: 'sp', rounding: 'one-decimal' }));
    expect(e.code).toBe('field_missing');
    expect(e.message).toBe(
      `the story-point field ${flavour === 'cloud' ? 'Story point estimate' : 'Story Points'} (${sp}) cannot be used any more: Jira has no field ${sp}; choose the field again`,
    );
    expect(fake.requests.slice(fieldsReq).some((r) => r.method === 'PUT' || r.path.includes('search'))).toBe(false);
  });

  it('JIRA-WB-2 a value changed in Jira after the plan is not overwritten', async () => {
    const { fake, sp } = await setup(flavour);
    const creds =
      flavour === 'cloud'
        ? { kind: 'cloud' as const, url: fake.url, email: 'mia@example.com', apiToken: 'cloud-token-123' }
        : { kind: 'datacenter' as const, url: fake.url, token: 'dc-pat-456' };
    const api = createJiraApi(creds, { policy: { allowedHosts: [], allowPrivate: true } });
    const rows = [
      { itemId: 'i', key: 'SHOP-2', title: 'Two', bucketLabel: '5', ap: 5, current: null, target: 40, status: 'write' as const },
    ];
    fake.issues.get('SHOP-2')!.values = { [sp]: 13 }; // someone sized it meanwhile
    const [r] = await executeWriteBack(api, rows, { fieldId: sp, boardId: null });
    expect(r).toMatchObject({
      status: 'failed',
      before: 13,
      error: { code: 'changed_in_jira', message: 'SHOP-2: changed in Jira since the preview (was empty, now 13); preview again' },
    });
    expect(fake.issues.get('SHOP-2')?.values?.[sp]).toBe(13);
  });

  it('JIRA-SVC-7 deleting the workshop deletes its credentials, webhook and log', async () => {
    const { svc, store, body } = await setup(flavour);
    await svc.connect('w1', body);
    const preview = await svc.writeBackPreview('s1', { mode: 'sp', rounding: 'one-decimal' });
    await svc.writeBack('s1', { mode: 'sp', rounding: 'one-decimal', digest: preview.digest });
    expect(store.size()).toBeGreaterThan(0);
    await store.deleteWorkshop('w1');
    expect(store.size()).toBe(0);
    expect(await svc.info('w1')).toBeNull();
  });
});

describe('stopping while Jira does not answer', () => {
  it('JIRA-SVC-10 INT-LOG-5 a stop waits a bounded time for the item in flight, then ends the run as interrupted', async () => {
    const { svc, fake, store, body } = await setup('cloud');
    await svc.connect('w1', body);
    const preview = await svc.writeBackPreview('s1', { mode: 'ap', rounding: 'one-decimal' });
    fake.fail('PUT', /SHOP-1$/, { hang: true });
    const started = await svc.startWriteBack('s1', { mode: 'ap', rounding: 'one-decimal', digest: preview.digest });
    // the PUT of SHOP-1 hangs (the client's timeout is 2 s); the stop waits 50 ms
    await svc.close(50);
    const [run] = await store.listWriteBackRuns('s1');
    expect(run).toMatchObject({ id: started.run.id, interrupted: true, results: [] });
    expect(run?.finishedAt).not.toBeNull();
    // the hanging request ends later (timeout, retry): the run stays interrupted, no further item was sent
    const done = await started.done;
    expect(done.run.results.map((r) => r.key)).toEqual(['SHOP-1']);
    expect((await store.listWriteBackRuns('s1'))[0]?.interrupted).toBe(true);
  });
});

describe('integrations off', () => {
  it('JIRA-SVC-1 without SECRET_KEY every call says why', async () => {
    const svc = jiraService({
      store: memoryIntegrationStore(),
      sealer: null,
      sealerProblem: 'Jira and webhooks are off: the server has no SECRET_KEY to encrypt credentials with',
      sessions: { writeBackSource: async () => null, importTarget: async () => null },
      policy: { allowedHosts: [], allowPrivate: false },
    });
    const e = await refusal(svc.connect('w1', { kind: 'datacenter', baseUrl: 'https://jira.example.com', token: 't' }));
    expect(e).toMatchObject({
      code: 'integrations_off',
      status: 503,
      message: 'Jira and webhooks are off: the server has no SECRET_KEY to encrypt credentials with',
    });
  });
});
