import { afterEach, describe, expect, it } from 'vitest';
import type { BoardEvent, VersionedEvent } from '../../domain/board';
import { withSession, type Store } from '../../db';
import { engines } from '../support/stores';

/*
 * One contract, every engine (STORE-* in ARCHITECTURE.md): what the services rely on of the
 * store, checked against SQLite always and Postgres whenever TEST_DATABASE_URL is set.
 */

const moved = (cardId: string): BoardEvent => ({ type: 'card.moved', cardId, from: null, to: 'b1' });
const stamped = (version: number, event: BoardEvent): VersionedEvent => ({ version, by: null, at: 1000 + version, event });

async function seed(store: Store, sessionId = 's1', workshopId = 'w1') {
  await store.transaction(async (tx) => {
    if (!(await tx.getWorkshop(workshopId))) await tx.insertWorkshop({ id: workshopId, name: 'Workshop', secretHash: 'h', createdAt: 1 });
    await tx.insertSession({ id: sessionId, workshopId, name: 'Session', joinCode: sessionId.toUpperCase().padEnd(6, 'X'), createdAt: 2 });
  });
}

describe.each(engines)('store contract on $name', (engine) => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const f of cleanup.splice(0).reverse()) await f();
  });

  async function open(): Promise<{ store: Store; second: () => Promise<Store> }> {
    const db = await engine.fresh();
    cleanup.push(db.drop);
    const store = await db.open();
    cleanup.push(() => store.close());
    return {
      store,
      second: async () => {
        const s = await db.open();
        cleanup.push(() => s.close());
        return s;
      },
    };
  }

  it('STORE-1 rows written in a transaction read back the same, items in priority order (ties: insertion order)', async () => {
    const { store } = await open();
    await store.transaction(async (tx) => {
      await tx.insertWorkshop({ id: 'w1', name: 'Ünïcödé “quotes”', secretHash: 'abc', createdAt: 1_795_000_000_000 });
      await tx.insertItems(
        'w1',
        [
          { id: 'i2', key: 'K-2', title: 'second', position: 1 },
          { id: 'i1', key: null, title: 'first', description: 'multi\nline', position: 0 },
          { id: 'i3', key: 'K-3', title: 'tie, inserted later', position: 1 },
        ],
        1_795_000_000_001,
      );
    });
    expect(await store.read.getWorkshop('w1')).toEqual({
      id: 'w1',
      name: 'Ünïcödé “quotes”',
      secretHash: 'abc',
      createdAt: 1_795_000_000_000,
    });
    expect((await store.read.listItems('w1')).map((i) => i.id)).toEqual(['i1', 'i2', 'i3']);
    await store.transaction((tx) => tx.updateItem('i2', { storyPoints: 2.5, description: 'd' }));
    expect(await store.read.getItem('w1', 'i2')).toMatchObject({
      key: 'K-2',
      storyPoints: 2.5,
      description: 'd',
      createdAt: 1_795_000_000_001,
    });
    expect(await store.read.itemByKey('w1', 'K-3')).toMatchObject({ id: 'i3' });
    expect(await store.read.getItem('other', 'i2')).toBeUndefined();
  });

  it('STORE-2 events append only right after the locked version, and the version moves with them', async () => {
    const { store } = await open();
    await seed(store);
    await withSession(store, 's1', async (tx, version) => {
      expect(version).toBe(0);
      await tx.appendEvents([{ sessionId: 's1', events: [stamped(1, moved('a')), stamped(2, moved('b'))] }]);
    });
    expect(await store.read.sessionVersion('s1')).toBe(2);
    await expect(
      withSession(store, 's1', (tx) => tx.appendEvents([{ sessionId: 's1', events: [stamped(4, moved('a'))] }])),
    ).rejects.toThrow(/does not follow 2/);
    await expect(store.transaction((tx) => tx.appendEvents([{ sessionId: 's1', events: [stamped(3, moved('a'))] }]))).rejects.toThrow(
      /lock the session/,
    );
    expect((await store.read.eventsSince('s1', 0)).map((e) => e.version)).toEqual([1, 2]);
    expect((await store.read.eventsSince('s1', 1))[0]).toEqual(stamped(2, moved('b')));
    expect((await store.read.cardEvents('s1', 'a')).map((e) => e.version)).toEqual([1]);
    expect(await withSession(store, 'nope', async (_tx, v) => v)).toBeUndefined();
  });

  it('STORE-3 a throw rolls the whole transaction back', async () => {
    const { store } = await open();
    await seed(store);
    await expect(
      withSession(store, 's1', async (tx) => {
        await tx.appendEvents([{ sessionId: 's1', events: [stamped(1, moved('a'))] }]);
        await tx.insertItems('w1', [{ id: 'x', key: null, title: 'x', position: 0 }], 1);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await store.read.sessionVersion('s1')).toBe(0);
    expect(await store.read.eventsSince('s1', 0)).toEqual([]);
    expect(await store.read.listItems('w1')).toEqual([]);
  });

  it('STORE-4 a savepoint undoes only its own writes (a duplicate join code fails alone)', async () => {
    const { store } = await open();
    await seed(store);
    await store.transaction(async (tx) => {
      await tx.insertItems('w1', [{ id: 'kept', key: null, title: 'kept', position: 0 }], 1);
      await expect(
        tx.savepoint(() => tx.insertSession({ id: 's2', workshopId: 'w1', name: 'dup', joinCode: 'S1XXXX', createdAt: 3 })),
      ).rejects.toThrow();
      await tx.savepoint(() => tx.insertSession({ id: 's2', workshopId: 'w1', name: 'ok', joinCode: 'S2XXXX', createdAt: 3 }));
    });
    expect((await store.read.listItems('w1')).map((i) => i.id)).toEqual(['kept']);
    expect((await store.read.listSessions('w1')).map((s) => s.name)).toEqual(['Session', 'ok']);
    expect(await store.read.sessionByJoinCode('s2xxxx')).toEqual({ id: 's2' });
  });

  it('STORE-5 concurrent writers to one session, from two store instances, get consecutive versions', async () => {
    const { store, second } = await open();
    await seed(store);
    const other = await second();
    const writes = Array.from({ length: 40 }, (_, i) =>
      withSession(i % 2 === 0 ? store : other, 's1', async (tx, version) => {
        // a read-then-write with a turn of the event loop in between: the lock must hold across it
        await new Promise((r) => setImmediate(r));
        await tx.appendEvents([{ sessionId: 's1', events: [stamped(version! + 1, moved(`c${i}`))] }]);
        return version! + 1;
      }),
    );
    const versions = await Promise.all(writes);
    expect([...versions].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect((await store.read.eventsSince('s1', 0)).map((e) => e.version)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('STORE-6 read-then-write under the workshop lock numbers sprints without a gap or a clash', async () => {
    const { store, second } = await open();
    await seed(store);
    const other = await second();
    const record = (s: Store) =>
      s.transaction(async (tx) => {
        await tx.lockWorkshop('w1');
        const n = (await tx.listSprints('w1')).length + 1;
        await new Promise((r) => setImmediate(r));
        await tx.insertSprint({
          workshopId: 'w1',
          sprintIndex: n,
          doneAp: n,
          doneItemIds: '[]',
          costMinor: null,
          scopeAddedAp: 0,
          scopeRemovedAp: 0,
          addedItemIds: '[]',
          droppedItemIds: '[]',
          recordedAt: n,
        });
      });
    await Promise.all(Array.from({ length: 12 }, (_, i) => record(i % 2 === 0 ? store : other)));
    expect((await store.read.listSprints('w1')).map((s) => s.sprintIndex)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  it('STORE-7 reads outside a transaction see only committed data', async () => {
    const { store } = await open();
    await seed(store);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let inside!: () => void;
    const entered = new Promise<void>((r) => (inside = r));
    const tx = withSession(store, 's1', async (t, v) => {
      await t.appendEvents([{ sessionId: 's1', events: [stamped(v! + 1, moved('a'))] }]);
      inside();
      await gate;
    });
    await entered;
    expect(await store.read.sessionVersion('s1')).toBe(0);
    expect(await store.read.eventsSince('s1', 0)).toEqual([]);
    release();
    await tx;
    expect(await store.read.sessionVersion('s1')).toBe(1);
  });

  it('STORE-8 planning rows: references, settings, sprints and share links', async () => {
    const { store } = await open();
    await seed(store);
    await store.transaction(async (tx) => {
      await tx.insertItems('w1', [{ id: 'i1', key: null, title: 'a', position: 0 }], 1);
      await tx.upsertReference('s1', 'i1', 8, 10);
      await tx.upsertReference('s1', 'i1', 13, 11);
      await tx.savePlanSettings('w1', { velocity: 20 }, 12);
      await tx.savePlanSettings('w1', { velocity: 21 }, 13);
      await tx.insertShareLink({ id: 'l1', workshopId: 'w1', tokenHash: 'th', createdAt: 14 });
    });
    expect(await store.read.referencesOfSessions(['s1'])).toEqual([{ sessionId: 's1', itemId: 'i1', storyPoints: 13, updatedAt: 11 }]);
    expect(await store.read.getPlanSettings('w1')).toEqual({ velocity: 21 });
    expect(await store.read.getPlanSettings('w2')).toBeNull();
    expect(await store.transaction((tx) => tx.revokeShareLink('w1', 'l1', 20))).toBe(true);
    expect(await store.transaction((tx) => tx.revokeShareLink('w1', 'l1', 21))).toBe(false);
    expect(await store.read.shareLinkByHash('th')).toMatchObject({ workshopId: 'w1', revokedAt: 20 });
    await store.transaction((tx) => tx.deleteReference('s1', 'i1'));
    expect(await store.read.referencesOfSessions(['s1'])).toEqual([]);
  });

  it('STORE-9 the database answers ping', async () => {
    const { store } = await open();
    expect(await store.ping()).toBe(true);
  });
});
