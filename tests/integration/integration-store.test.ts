import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../db';
import type { WriteBackResult, WriteBackRun } from '../../domain/integrations/results';
import { dbIntegrationStore } from '../../server/integrations/db-store';
import { DELIVERIES_KEPT, memoryIntegrationStore, type IntegrationStore, type JiraConnectionRecord } from '../../server/integrations/store';
import { engines } from '../support/stores';

/*
 * The integrations' store contract (STORE-INT-*, docs/integrations.md): the in-memory store and
 * the database store on every engine (SQLite always, Postgres when TEST_DATABASE_URL is set).
 */

interface Kind {
  name: string;
  open(): Promise<{
    integ: IntegrationStore;
    /** another process on the same data (database engines only) */
    second?: () => Promise<IntegrationStore>;
    /** the workshop as a whole goes (Queries.deleteWorkshop for the database) */
    deleteWorkshop(id: string): Promise<void>;
    close(): Promise<void>;
  }>;
}

async function seed(store: Store) {
  await store.transaction(async (tx) => {
    for (const w of ['w1', 'w2']) await tx.insertWorkshop({ id: w, name: w, secretHash: 'h', createdAt: 1 });
    await tx.insertSession({ id: 's1', workshopId: 'w1', name: 'S1', joinCode: 'AAAAA1', createdAt: 2 });
    await tx.insertSession({ id: 's2', workshopId: 'w1', name: 'S2', joinCode: 'AAAAA2', createdAt: 3 });
    await tx.insertSession({ id: 's3', workshopId: 'w2', name: 'S3', joinCode: 'AAAAA3', createdAt: 4 });
  });
}

const kinds: Kind[] = [
  {
    name: 'memory',
    async open() {
      const integ = memoryIntegrationStore();
      return { integ, deleteWorkshop: (id) => integ.deleteWorkshop(id), close: async () => undefined };
    },
  },
  ...engines.map((engine): Kind => ({
    name: engine.name,
    async open() {
      const db = await engine.fresh();
      const stores: Store[] = [await db.open()];
      await seed(stores[0]!);
      return {
        integ: dbIntegrationStore(stores[0]!),
        second: async () => {
          const s = await db.open();
          stores.push(s);
          return dbIntegrationStore(s);
        },
        deleteWorkshop: async (id) => {
          await stores[0]!.transaction(async (tx) => {
            await tx.lockWorkshop(id);
            await tx.deleteWorkshop(id);
          });
        },
        close: async () => {
          for (const s of stores) await s.close();
          await db.drop();
        },
      };
    },
  })),
];

const conn = (over: Partial<JiraConnectionRecord> = {}): JiraConnectionRecord => ({
  workshopId: 'w1',
  kind: 'cloud',
  url: 'https://acme.atlassian.net',
  email: 'mia@example.com',
  sealedSecret: 'me1.abcd.iv.ct.tag',
  accountId: 'acc-1',
  accountName: 'Mia Krystof',
  serverVersion: '1001.0.0',
  deploymentType: 'Cloud',
  fieldId: 'customfield_10016',
  fieldName: 'Story point estimate',
  boardId: 12,
  viaBoard: true,
  connectedAt: 1_795_000_000_000,
  updatedAt: 1_795_000_000_001,
  ...over,
});

const run = (id: string, sessionId = 's1', startedAt = 1000, over: Partial<WriteBackRun> = {}): WriteBackRun => ({
  id,
  sessionId,
  fieldId: 'customfield_10016',
  fieldName: 'Story point estimate',
  via: 'issue',
  mode: 'sp',
  startedAt,
  finishedAt: null,
  retryOf: null,
  results: [],
  ...over,
});

const result = (key: string, status: WriteBackResult['status'], at: number, over: Partial<WriteBackResult> = {}): WriteBackResult => ({
  itemId: `i-${key}`,
  key,
  status,
  before: null,
  after: status === 'failed' ? null : 8,
  attempts: 1,
  at,
  ...over,
});

const lease = (at: number, staleMs = 60_000) => ({ at, staleBefore: at - staleMs });

describe.each(kinds)('integration store on $name', (kind) => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const f of cleanup.splice(0).reverse()) await f();
  });
  async function open() {
    const o = await kind.open();
    cleanup.push(o.close);
    return o;
  }

  it('STORE-INT-1 a Jira connection reads back as saved (sealed secret, board, via board), is replaced and deleted', async () => {
    const { integ } = await open();
    expect(await integ.getJiraConnection('w1')).toBeNull();
    await integ.saveJiraConnection(conn());
    expect(await integ.getJiraConnection('w1')).toEqual(conn());
    const dc = conn({
      kind: 'datacenter',
      email: null,
      accountId: null,
      fieldId: null,
      fieldName: null,
      boardId: null,
      viaBoard: false,
      updatedAt: 1_795_000_000_999,
    });
    await integ.saveJiraConnection(dc);
    expect(await integ.getJiraConnection('w1')).toEqual(dc);
    await integ.deleteJiraConnection('w1');
    expect(await integ.getJiraConnection('w1')).toBeNull();
  });

  it('STORE-INT-2 a run and its results read back in the order written, per session and per workshop, oldest first', async () => {
    const { integ } = await open();
    expect(await integ.createWriteBackRun('w1', run('r1', 's1', 1000), lease(1000))).toBe(true);
    const failed = result('SHOP-3', 'failed', 1002, {
      before: 1,
      attempts: 3,
      error: { code: 'forbidden', message: 'SHOP-3: not allowed (403)', jira: ['No permission.', 'Ask an admin.'] },
    });
    expect(await integ.appendWriteBackResult('r1', result('SHOP-2', 'written', 1001, { before: 2.5, after: 40 }))).toBe(true);
    expect(await integ.appendWriteBackResult('r1', failed)).toBe(true);
    expect(await integ.appendWriteBackResult('r1', result('SHOP-1', 'unchanged', 1003, { before: 8 }))).toBe(true);
    expect((await integ.listWriteBackRuns('s1'))[0]?.finishedAt).toBeNull();
    await integ.finishWriteBackRun('r1', 1004);
    expect(await integ.createWriteBackRun('w1', run('r2', 's1', 2000, { retryOf: 'r1', mode: 'ap', via: 'board' }), lease(2000))).toBe(
      true,
    );
    expect(await integ.createWriteBackRun('w1', run('r3', 's2', 1500), lease(1500))).toBe(true);

    const r1 = await integ.getWriteBackRun('r1');
    expect(r1).toEqual({
      ...run('r1', 's1', 1000),
      finishedAt: 1004,
      results: [result('SHOP-2', 'written', 1001, { before: 2.5, after: 40 }), failed, result('SHOP-1', 'unchanged', 1003, { before: 8 })],
    });
    expect((await integ.listWriteBackRuns('s1')).map((r) => [r.id, r.retryOf, r.mode, r.via, r.results.length])).toEqual([
      ['r1', null, 'sp', 'issue', 3],
      ['r2', 'r1', 'ap', 'board', 0],
    ]);
    expect((await integ.listWorkshopWriteBackRuns('w1')).map((r) => r.id)).toEqual(['r1', 'r3', 'r2']);
    expect(await integ.listWorkshopWriteBackRuns('w2')).toEqual([]);
    expect(await integ.getWriteBackRun('nope')).toBeNull();
  });

  it('STORE-INT-3 one unfinished run per session: a second start is refused until the first finishes; other sessions are free', async () => {
    const { integ, second } = await open();
    expect(await integ.createWriteBackRun('w1', run('r1'), lease(1000))).toBe(true);
    expect(await integ.createWriteBackRun('w1', run('r2', 's1', 1001), lease(1001))).toBe(false);
    // another process on the same database sees the same
    if (second) expect(await (await second()).createWriteBackRun('w1', run('r3', 's1', 1002), lease(1002))).toBe(false);
    expect(await integ.createWriteBackRun('w1', run('r4', 's2', 1003), lease(1003))).toBe(true);
    await integ.finishWriteBackRun('r1', 1004);
    expect(await integ.createWriteBackRun('w1', run('r5', 's1', 1005), lease(1005))).toBe(true);
    expect((await integ.listWriteBackRuns('s1')).map((r) => r.id)).toEqual(['r1', 'r5']);
  });

  it('STORE-INT-3 two processes starting a run of one session at the same moment: exactly one starts', async () => {
    const { integ, second } = await open();
    if (!second) {
      // one process: the calls still take turns
      const both = await Promise.all([
        integ.createWriteBackRun('w1', run('a'), lease(1000)),
        integ.createWriteBackRun('w1', run('b'), lease(1000)),
      ]);
      expect(both.filter(Boolean)).toHaveLength(1);
      return;
    }
    const other = await second();
    for (let i = 0; i < 5; i++) {
      const both = await Promise.all([
        integ.createWriteBackRun('w1', run(`a${i}`, 's1', 1000 + i), lease(1000 + i)),
        other.createWriteBackRun('w1', run(`b${i}`, 's1', 1000 + i), lease(1000 + i)),
      ]);
      expect(both.filter(Boolean)).toHaveLength(1);
      await integ.finishWriteBackRun(both[0] ? `a${i}` : `b${i}`, 2000 + i);
    }
    expect(await integ.listWriteBackRuns('s1')).toHaveLength(5);
  });

  it('STORE-INT-4 a run whose writer went silent (a crash) ends as interrupted; a heartbeat keeps a run alive', async () => {
    const { integ } = await open();
    expect(await integ.createWriteBackRun('w1', run('r1', 's1', 1000), lease(1000))).toBe(true);
    expect(await integ.createWriteBackRun('w1', run('r2', 's2', 1000), lease(1000))).toBe(true);
    await integ.heartbeatWriteBackRun('r2', 50_000);
    await integ.appendWriteBackResult('r1', result('SHOP-1', 'written', 2000));
    // 61 s after r1's last sign of life, a new start of s1 ends it as interrupted and starts
    expect(await integ.createWriteBackRun('w1', run('r3', 's1', 63_000), lease(63_000, 60_000))).toBe(true);
    const [r1, r3] = await integ.listWriteBackRuns('s1');
    expect(r1).toMatchObject({ id: 'r1', finishedAt: 63_000, interrupted: true });
    expect(r1?.results).toHaveLength(1);
    expect(r3).toMatchObject({ id: 'r3', finishedAt: null });
    expect(r3?.interrupted).toBeUndefined();
    // start-up: r2 (heard of at 50 s) is not stale at 100 s with a 60 s limit, r3 is not either
    expect(await integ.interruptStaleRuns(40_000, 100_000)).toBe(0);
    expect(await integ.interruptStaleRuns(60_000, 100_000, 's1')).toBe(0);
    expect(await integ.interruptStaleRuns(60_000, 100_000)).toBe(1);
    expect((await integ.listWriteBackRuns('s2'))[0]).toMatchObject({ id: 'r2', finishedAt: 100_000, interrupted: true });
    // finishing twice keeps the first end
    await integ.finishWriteBackRun('r2', 200_000);
    expect((await integ.getWriteBackRun('r2'))?.finishedAt).toBe(100_000);
  });

  it('STORE-INT-5 the webhook reads back as saved; deliveries newest first with their attempts, the newest 200 kept', async () => {
    const { integ } = await open();
    const hook = {
      workshopId: 'w1',
      sealedUrl: 'me1.u',
      urlHint: 'https://hooks.slack.com/…x9Qz',
      sealedSecret: 'me1.s',
      format: 'teams' as const,
      language: 'de' as const,
      events: ['sprint.recorded' as const],
      updatedAt: 5,
    };
    await integ.saveWebhook(hook);
    expect(await integ.getWebhook('w1')).toEqual(hook);
    await integ.saveWebhook({ ...hook, format: 'slack', events: ['session.locked', 'sprint.recorded'] });
    expect((await integ.getWebhook('w1'))?.events).toEqual(['session.locked', 'sprint.recorded']);

    await integ.addDelivery({ id: 'd1', workshopId: 'w1', event: 'session.locked', createdAt: 10, status: 'pending', attempts: [] }, '{}');
    await integ.addDeliveryAttempt('d1', { at: 11, status: 503, code: 'http', error: 'the receiver answered 503', ms: 40 }, 'pending');
    await integ.addDeliveryAttempt('d1', { at: 13, status: 200, code: null, error: null, ms: 12 }, 'delivered');
    await integ.addDelivery(
      {
        id: 'd2',
        workshopId: 'w1',
        event: 'sprint.recorded',
        createdAt: 20,
        status: 'dropped',
        attempts: [{ at: 20, status: null, code: 'queue_full', error: 'full', ms: 0 }],
      },
      null,
    );
    await integ.addDelivery({ id: 'd3', workshopId: 'w2', event: 'session.locked', createdAt: 30, status: 'pending', attempts: [] }, '{}');
    expect(await integ.listDeliveries('w1', 50)).toEqual([
      {
        id: 'd2',
        workshopId: 'w1',
        event: 'sprint.recorded',
        createdAt: 20,
        status: 'dropped',
        attempts: [{ at: 20, status: null, code: 'queue_full', error: 'full', ms: 0 }],
      },
      {
        id: 'd1',
        workshopId: 'w1',
        event: 'session.locked',
        createdAt: 10,
        status: 'delivered',
        attempts: [
          { at: 11, status: 503, code: 'http', error: 'the receiver answered 503', ms: 40 },
          { at: 13, status: 200, code: null, error: null, ms: 12 },
        ],
      },
    ]);
    expect((await integ.listDeliveries('w1', 1)).map((d) => d.id)).toEqual(['d2']);

    for (let i = 0; i < DELIVERIES_KEPT + 5; i++)
      await integ.addDelivery(
        {
          id: `m${i}`,
          workshopId: 'w1',
          event: 'session.locked',
          createdAt: 100 + i,
          status: 'pending',
          attempts: [],
        },
        '{}',
      );
    const kept = await integ.listDeliveries('w1', 1000);
    expect(kept).toHaveLength(DELIVERIES_KEPT);
    expect(kept[0]?.id).toBe(`m${DELIVERIES_KEPT + 4}`);
    expect(kept.at(-1)?.id).toBe('m5');
    expect(await integ.listDeliveries('w2', 10)).toHaveLength(1);
    await integ.deleteWebhook('w1');
    expect(await integ.getWebhook('w1')).toBeNull();
  });

  it('STORE-INT-7 a pending delivery whose sender went silent is taken over once, with its body; fresh, finished and taken ones are not', async () => {
    const { integ } = await open();
    const pending = (id: string, createdAt: number) =>
      integ.addDelivery({ id, workshopId: 'w1', event: 'session.locked', createdAt, status: 'pending', attempts: [] }, `{"n":"${id}"}`);
    await pending('old', 100);
    await pending('retried', 110);
    await integ.addDeliveryAttempt(
      'retried',
      { at: 900, status: 503, code: 'http', error: 'the receiver answered 503', ms: 50 },
      'pending',
    );
    await pending('done', 120);
    await integ.addDeliveryAttempt('done', { at: 130, status: 200, code: null, error: null, ms: 5 }, 'delivered');
    await pending('fresh', 800);
    // silent since before 500: "old" (created at 100); "retried" was attempted at 900, "done" is over, "fresh" is new
    const taken = await integ.claimStaleDeliveries(500, 1000, 10);
    expect(taken.map((d) => [d.id, d.body, d.status, d.attempts.length])).toEqual([['old', '{"n":"old"}', 'pending', 0]]);
    // taken at 1000: asked again the same way, nobody gets it a second time
    expect(await integ.claimStaleDeliveries(500, 1001, 10)).toEqual([]);
    const later = await integ.claimStaleDeliveries(1001, 1100, 10);
    expect(later.map((d) => d.id)).toEqual(['old', 'retried', 'fresh']);
    expect(later.find((d) => d.id === 'retried')?.attempts).toEqual([
      { at: 900, status: 503, code: 'http', error: 'the receiver answered 503', ms: 50 },
    ]);
    // at most `limit`, oldest first
    expect((await integ.claimStaleDeliveries(2000, 2001, 2)).map((d) => d.id)).toEqual(['old', 'retried']);
    // a delivery that is over is never taken, and keeps no body
    await integ.addDeliveryAttempt('old', { at: 2100, status: 400, code: 'http', error: 'the receiver answered 400', ms: 5 }, 'failed');
    expect((await integ.claimStaleDeliveries(9000, 9001, 10)).map((d) => d.id)).toEqual(['retried', 'fresh']);
  });

  it('STORE-INT-7 two processes taking over at the same moment: each left-over delivery goes to exactly one', async () => {
    const { integ, second } = await open();
    const other = second ? await second() : integ;
    for (let i = 0; i < 40; i++)
      await integ.addDelivery(
        { id: `p${i}`, workshopId: 'w1', event: 'session.locked', createdAt: 100 + i, status: 'pending', attempts: [] },
        '{}',
      );
    const taken: string[] = [];
    // in small takes, as a sender with a little room in its queue does
    await Promise.all(
      [integ, other, integ, other].map(async (s, k) => {
        for (;;) {
          const got = await s.claimStaleDeliveries(1000, 2000 + k, 3);
          if (got.length === 0) return;
          taken.push(...got.map((d) => d.id));
        }
      }),
    );
    expect(taken.sort()).toEqual(Array.from({ length: 40 }, (_, i) => `p${i}`).sort());
  });

  it('STORE-INT-6 deleting the workshop deletes its connection, runs, results, webhook and deliveries; late writes are dropped quietly', async () => {
    const { integ, deleteWorkshop } = await open();
    await integ.saveJiraConnection(conn());
    await integ.saveJiraConnection(conn({ workshopId: 'w2' }));
    await integ.createWriteBackRun('w1', run('r1'), lease(1000));
    await integ.appendWriteBackResult('r1', result('SHOP-1', 'written', 1001));
    await integ.createWriteBackRun('w2', run('r2', 's3'), lease(1000));
    await integ.saveWebhook({
      workshopId: 'w1',
      sealedUrl: 'u',
      urlHint: 'h',
      sealedSecret: 's',
      format: 'json',
      language: 'en',
      events: ['session.locked'],
      updatedAt: 1,
    });
    await integ.addDelivery({ id: 'd1', workshopId: 'w1', event: 'session.locked', createdAt: 10, status: 'pending', attempts: [] }, '{}');
    await integ.addDeliveryAttempt('d1', { at: 11, status: 500, code: 'http', error: 'x', ms: 1 }, 'pending');

    await deleteWorkshop('w1');
    expect(await integ.getJiraConnection('w1')).toBeNull();
    expect(await integ.listWorkshopWriteBackRuns('w1')).toEqual([]);
    expect(await integ.getWriteBackRun('r1')).toBeNull();
    expect(await integ.getWebhook('w1')).toBeNull();
    expect(await integ.listDeliveries('w1', 10)).toEqual([]);
    // a write-back and a retry still in flight find their run and delivery gone
    expect(await integ.appendWriteBackResult('r1', result('SHOP-2', 'written', 1002))).toBe(false);
    await integ.addDeliveryAttempt('d1', { at: 12, status: 200, code: null, error: null, ms: 1 }, 'delivered');
    await integ.finishWriteBackRun('r1', 1003);
    expect(await integ.listDeliveries('w1', 10)).toEqual([]);
    // the other workshop keeps its own
    expect(await integ.getJiraConnection('w2')).toEqual(conn({ workshopId: 'w2' }));
    expect((await integ.listWorkshopWriteBackRuns('w2')).map((r) => r.id)).toEqual(['r2']);
  });
});
