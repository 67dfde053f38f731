import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../db';
import { createBoardCache } from '../../server/services/boards';
import { DEFAULT_QUOTAS } from '../../server/services/quotas';
import { execute, join } from '../../server/services/rooms';
import { createWorkshop } from '../../server/services/workshops';
import { createWriter } from '../../server/services/writer';
import { boardInDatabase } from '../support/sim';
import { engines } from '../support/stores';

/*
 * CACHE-1..3 (docs/hardening.md): the board cache is bounded (a board idle for idleMs is
 * dropped, at most maxBoards are kept) and a dropped board comes back exactly as the event log
 * has it. The writer changes its cached board in place; readers never see a change that was not
 * committed.
 */

describe.each(engines)('board cache on $name', (engine) => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const f of cleanup.splice(0).reverse()) await f();
  });

  async function setup(opts: { maxBoards?: number; idleMs?: number } = {}) {
    const db = await engine.fresh();
    cleanup.push(db.drop);
    const store: Store = await db.open();
    cleanup.push(() => store.close());
    const clock = { t: 1_000_000 };
    const now = () => clock.t;
    const boards = createBoardCache({ ...opts, now });
    const writer = createWriter({ store, boards, now, publish: () => undefined, evict: async () => undefined });
    const deps = { store, boards, writer, now, quotas: DEFAULT_QUOTAS };
    const loc = db.path ? { path: db.path } : { url: db.url! };
    /** a workshop of 30 cards in review with a facilitator who has moved a few */
    async function room(moves = 12) {
      const w = await createWorkshop(deps, { name: 'W', items: Array.from({ length: 30 }, (_, i) => `Item ${i}`) });
      const me = (await join(deps, { sessionId: w.sessionId, name: 'F', facilitatorSecret: w.facilitatorSecret })).me;
      const m = { sessionId: w.sessionId, personId: me.participantId };
      await execute(deps, m, { type: 'phase.set', phase: 'review' }, []);
      const cards = (await boards.current(store.read, w.sessionId))!.cards.map((c) => c.id);
      const buckets = ['v1', 'v2', 'v3', 'v5', 'v8', 'v13'];
      for (let i = 0; i < moves; i++)
        await execute(deps, m, { type: 'card.move', cardId: cards[i % 5]!, to: buckets[i % buckets.length]! }, []);
      return { sessionId: w.sessionId, m, cards };
    }
    return { store, boards, clock, deps, loc, room };
  }

  it('CACHE-1 a board idle for idleMs is dropped, and comes back exactly as the log has it', async () => {
    const { store, boards, clock, deps, loc, room } = await setup({ idleMs: 60_000 });
    const a = await room();
    const before = await boards.current(store.read, a.sessionId);
    expect(boards.has(a.sessionId)).toBe(true);

    // another room stays in use; the first one is left alone for longer than idleMs
    const b = await room(2);
    clock.t += 61_000;
    await execute(deps, b.m, { type: 'card.move', cardId: b.cards[7]!, to: 'v40' }, []);
    expect(boards.has(a.sessionId)).toBe(false);
    expect(boards.has(b.sessionId)).toBe(true);

    // it comes back: replayed from the log, equal to what it was and to a fresh replay
    const back = await boards.current(store.read, a.sessionId);
    expect(back).toStrictEqual(before);
    expect(back).toStrictEqual((await boardInDatabase(loc, a.sessionId)).board);
    // and goes on where it stopped
    const events = await execute(deps, a.m, { type: 'card.move', cardId: a.cards[9]!, to: 'v100' }, []);
    expect(events.map((e) => e.version)).toEqual([before!.version + 1]);
    expect(await boards.current(store.read, a.sessionId)).toStrictEqual((await boardInDatabase(loc, a.sessionId)).board);
  });

  it('CACHE-2 at most maxBoards are kept, least recently used out first', async () => {
    const { store, boards, loc, room } = await setup({ maxBoards: 3 });
    const rooms = [];
    for (let i = 0; i < 5; i++) rooms.push(await room(3));
    expect(boards.size).toBe(3);
    expect(rooms.map((r) => boards.has(r.sessionId))).toEqual([false, false, true, true, true]);
    for (const r of rooms)
      expect(await boards.current(store.read, r.sessionId)).toStrictEqual((await boardInDatabase(loc, r.sessionId)).board);
    expect(boards.size).toBe(3);
  });

  it('CACHE-3 a reader never sees a change whose transaction failed; the next write starts from the log', async () => {
    const { store, boards, deps, loc, room } = await setup();
    const a = await room(4);
    const committed = await boards.current(store.read, a.sessionId);
    const given = JSON.stringify(committed);
    // a batch whose transaction fails after the board was changed in place
    const failing = createWriter({
      store: {
        ...store,
        transaction: (fn) => store.transaction(async (tx) => (await fn(tx), Promise.reject(new Error('the commit failed')))),
      },
      boards,
      now: deps.now,
      publish: () => undefined,
      evict: async () => undefined,
    });
    await expect(
      failing.submit({
        sessionId: a.sessionId,
        run: async () => ({ events: [{ type: 'card.moved', cardId: a.cards[0]!, from: null, to: 'v100' }], by: null, result: null }),
      }),
    ).rejects.toThrow('the commit failed');
    expect(await boards.current(store.read, a.sessionId)).toStrictEqual(committed);
    await execute(deps, a.m, { type: 'card.move', cardId: a.cards[1]!, to: 'v40' }, []);
    expect(await boards.current(store.read, a.sessionId)).toStrictEqual((await boardInDatabase(loc, a.sessionId)).board);
    // what a reader was given never changes afterwards, though the writer's board did
    expect(JSON.stringify(committed)).toBe(given);
    expect((await boards.current(store.read, a.sessionId))!.version).toBe(committed!.version + 1);
  });
});
