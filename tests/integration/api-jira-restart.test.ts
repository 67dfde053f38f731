// Write-back runs across a stop, a crash and another process (JIRA-SVC-10): a run never stays
// "writing" for ever, and what it wrote is kept.
import { afterEach, describe, expect, it } from 'vitest';
import type { WriteBackRun } from '../../domain/integrations/results';
import type { WriteBackPreviewAnswer } from '../../domain/integrations/wire';
import type { CreateWorkshopResult, RoomSnapshot } from '../../domain/protocol';
import type { IntegrationsTuning } from '../../server/integrations/wiring';
import { call } from '../support/api';
import { startFakeJira, type FakeJira } from '../support/fake-jira';
import { startServer, type TestServer } from '../support/server';

const ENV = { SECRET_KEY: 'restart-test-key-of-32-characters-or-more', INTEGRATIONS_ALLOW_PRIVATE_NETWORKS: '1' };
const SP = 'customfield_10016';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function fakeJira(): Promise<FakeJira> {
  const fake = await startFakeJira({
    flavour: 'cloud',
    email: 'mia@example.com',
    apiToken: 'tok',
    issues: ['SHOP-1', 'SHOP-2', 'SHOP-3'].map((key, i) => ({ key, summary: `Story ${i + 1}`, rank: String(i), values: { [SP]: null } })),
  });
  cleanup.push(() => fake.close());
  return fake;
}

async function server(opts: { dir?: string; databaseUrl?: string; tuning?: IntegrationsTuning } = {}): Promise<TestServer> {
  const s = await startServer({ integrationsEnv: ENV, ...opts, ...(opts.tuning ? { integrationsTuning: opts.tuning } : {}) });
  return s;
}

/** The same data as `s` (its SQLite file or its Postgres database). */
const sameData = (s: TestServer) => ('url' in s.db ? { databaseUrl: s.db.url } : { dir: s.dir });

const api = <T>(s: TestServer, w: CreateWorkshopResult, method: string, path: string, body?: unknown) =>
  call<T>(s, method, path, { token: w.facilitatorSecret, ...(body !== undefined ? { body } : {}) });

/** connected, SHOP-1..3 imported, sized 1, 2, 3 AP and locked */
async function locked(s: TestServer, fake: FakeJira): Promise<CreateWorkshopResult> {
  const w = await s.createWorkshop([]);
  await api(s, w, 'PUT', `/api/workshops/${w.workshopId}/integrations/jira`, {
    kind: 'cloud',
    siteUrl: fake.url,
    email: 'mia@example.com',
    apiToken: 'tok',
  });
  await api(s, w, 'POST', `/api/sessions/${w.sessionId}/jira/import`, { source: 'jql', jql: 'project = SHOP' });
  const cards = (await api<RoomSnapshot>(s, w, 'GET', `/api/sessions/${w.sessionId}`)).body.cards;
  for (const [i, c] of cards.entries())
    await api(s, w, 'POST', `/api/sessions/${w.sessionId}/commands`, { type: 'card.move', cardId: c.id, to: `v${[1, 2, 3][i]}` });
  await api(s, w, 'POST', `/api/sessions/${w.sessionId}/commands`, { type: 'phase.set', phase: 'locked' });
  return w;
}

const runsOf = async (s: TestServer, w: CreateWorkshopResult) =>
  (await api<WriteBackRun[]>(s, w, 'GET', `/api/sessions/${w.sessionId}/jira/write-back/runs`)).body;

describe('write-back runs across stops', () => {
  it('JIRA-SVC-10 INT-LOG-5 a graceful stop ends a run after its current item, as interrupted; after the restart a new preview writes the rest', async () => {
    const fake = await fakeJira();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let retried!: () => void;
    const waiting = new Promise<void>((r) => (retried = r));
    const a = await server({ tuning: { jira: { sleep: () => (retried(), gate) } } });
    const w = await locked(a, fake);
    const p = await api<WriteBackPreviewAnswer>(a, w, 'POST', `/api/sessions/${w.sessionId}/jira/write-back/preview`, { mode: 'ap' });
    expect(p.body.counts.write).toBe(3);
    fake.fail('PUT', /SHOP-1$/, { status: 503 });
    const started = await api<{ run: WriteBackRun }>(a, w, 'POST', `/api/sessions/${w.sessionId}/jira/write-back`, {
      mode: 'ap',
      digest: p.body.digest,
    });
    expect(started.status).toBe(202);
    await waiting; // SHOP-1's retry waits
    const stopping = a.stop({ keepDir: true });
    release();
    await stopping;

    const b = await server(sameData(a));
    cleanup.push(() => b.stop());
    const [run] = await runsOf(b, w);
    expect(run).toMatchObject({ id: started.body.run.id, interrupted: true });
    expect(run?.finishedAt).not.toBeNull();
    expect(run?.results.map((r) => [r.key, r.status])).toEqual([['SHOP-1', 'written']]);
    expect(fake.issues.get('SHOP-2')?.values?.[SP]).toBeNull();
    const rest = await api<WriteBackPreviewAnswer>(b, w, 'POST', `/api/sessions/${w.sessionId}/jira/write-back/preview`, { mode: 'ap' });
    expect(rest.body.counts).toEqual({ write: 2, unchanged: 1, skip: 0 });
  });

  it('JIRA-SVC-10 a run left "writing" by a crash ends as interrupted at the next start, and the session can write again', async () => {
    const fake = await fakeJira();
    const a = await server();
    const w = await locked(a, fake);
    // what a process that died mid-run leaves behind: an unfinished run with one result
    const at = Date.now();
    const run: WriteBackRun = {
      id: 'crashed-run',
      sessionId: w.sessionId,
      fieldId: SP,
      fieldName: 'Story point estimate',
      via: 'issue',
      mode: 'ap',
      startedAt: at,
      finishedAt: null,
      retryOf: null,
      results: [],
    };
    expect(await a.app.integrations.store.createWriteBackRun(w.workshopId, run, { at, staleBefore: at - 60_000 })).toBe(true);
    await a.app.integrations.store.appendWriteBackResult('crashed-run', {
      itemId: 'x',
      key: 'SHOP-1',
      status: 'written',
      before: null,
      after: 1,
      attempts: 1,
      at,
    });
    const p = await api<WriteBackPreviewAnswer>(a, w, 'POST', `/api/sessions/${w.sessionId}/jira/write-back/preview`, { mode: 'ap' });
    expect((await api(a, w, 'POST', `/api/sessions/${w.sessionId}/jira/write-back`, { mode: 'ap', digest: p.body.digest })).status).toBe(
      409,
    );
    await a.stop({ keepDir: true });

    const b = await server(sameData(a));
    cleanup.push(() => b.stop());
    const [left] = await runsOf(b, w);
    expect(left).toMatchObject({ id: 'crashed-run', interrupted: true, results: [{ key: 'SHOP-1' }] });
    const again = await api<WriteBackPreviewAnswer>(b, w, 'POST', `/api/sessions/${w.sessionId}/jira/write-back/preview`, { mode: 'ap' });
    const next = await api<{ run: WriteBackRun }>(b, w, 'POST', `/api/sessions/${w.sessionId}/jira/write-back`, {
      mode: 'ap',
      digest: again.body.digest,
    });
    expect(next.status).toBe(202);
  });

  it('JIRA-SVC-10 with other processes running, a run whose writer has not been heard of for a minute is ended when its log is read', async () => {
    const fake = await fakeJira();
    const a = await server();
    cleanup.push(() => a.stop());
    const w = await locked(a, fake);
    const at = Date.now();
    const base = {
      sessionId: w.sessionId,
      fieldId: SP,
      fieldName: 'Story point estimate',
      via: 'issue' as const,
      mode: 'ap' as const,
      finishedAt: null,
      retryOf: null,
      results: [],
    };
    // another process's run: heard of 2 minutes ago (gone), and one heard of just now (alive)
    await a.app.integrations.store.createWriteBackRun(
      w.workshopId,
      { ...base, id: 'silent', startedAt: at - 120_000 },
      { at: at - 120_000, staleBefore: at - 180_000 },
    );
    const [silent] = await runsOf(a, w);
    expect(silent).toMatchObject({ id: 'silent', interrupted: true });
    await a.app.integrations.store.createWriteBackRun(
      w.workshopId,
      { ...base, id: 'alive', startedAt: at },
      { at, staleBefore: at - 60_000 },
    );
    const alive = (await runsOf(a, w)).find((r) => r.id === 'alive');
    expect(alive?.finishedAt).toBeNull();
    expect(alive?.interrupted).toBeUndefined();
  });
});
