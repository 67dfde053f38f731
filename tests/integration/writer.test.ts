import { afterEach, describe, expect, it } from 'vitest';
import type { BoardEvent, VersionedEvent } from '../../domain/board';
import type { Store } from '../../db';
import { createBoardCache } from '../../server/services/boards';
import { ServiceError } from '../../server/services/errors';
import { createWriter, type WriteJob } from '../../server/services/writer';
import { engines } from '../support/stores';

/*
 * The write path (WRITE-* in ARCHITECTURE.md): group commit on every engine. Commands that
 * arrive together share one transaction; each is answered only after it commits; a refusal
 * refuses that command alone; the rooms hear of events only after the commit.
 */

describe.each(engines)('writer on $name', (engine) => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const f of cleanup.splice(0).reverse()) await f();
  });

  /** a store whose transaction fails as a whole (as a lost connection or a failed commit would) once `doom` is set */
  const failing = { doom: false };
  /** per transaction: whether the test's marker on the next event-loop turn had run when it began */
  const began: boolean[] = [];
  const marker = { ran: false };
  function breakable(store: Store): Store {
    return {
      ...store,
      read: store.read,
      transaction: (fn) => {
        began.push(marker.ran);
        return store.transaction(async (tx) => {
          failing.doom = false;
          const out = await fn(tx);
          if (failing.doom) throw new Error('the transaction failed');
          return out;
        });
      },
    };
  }

  async function setup(sessions = ['s1'], clock?: () => number) {
    const db = await engine.fresh();
    cleanup.push(db.drop);
    const real: Store = await db.open();
    cleanup.push(() => real.close());
    const store = breakable(real);
    await store.transaction(async (tx) => {
      await tx.insertWorkshop({ id: 'w1', name: 'W', secretHash: 'h', createdAt: 1 });
      for (const [i, id] of sessions.entries())
        await tx.insertSession({ id, workshopId: 'w1', name: id, joinCode: `CODE${i}`, createdAt: 1 });
    });
    const batches: { jobs: number; ok: boolean }[] = [];
    const published: { sessionId: string; events: VersionedEvent[]; durable: number | undefined }[] = [];
    const pendingChecks: Promise<void>[] = [];
    const writer = createWriter({
      store,
      boards: createBoardCache(),
      now: () => 5000,
      publish: (sessionId, events) => {
        const entry = { sessionId, events, durable: undefined as number | undefined };
        published.push(entry);
        // what the room hears must already be readable by anyone
        pendingChecks.push(store.read.sessionVersion(sessionId).then((v) => void (entry.durable = v)));
      },
      evict: async () => undefined,
      observe: (b) => batches.push({ jobs: b.jobs, ok: b.ok }),
      ...(clock ? { clock } : {}),
    });
    return { store, writer, batches, published, checks: () => Promise.all(pendingChecks) };
  }

  const add = (sessionId: string, title: string): WriteJob<string> => ({
    sessionId,
    run: async ({ board }) => ({
      events: [{ type: 'card.added', card: { id: `${title}-id`, title, key: null, position: board.cards.length } } satisfies BoardEvent],
      by: 'p1',
      result: title,
    }),
  });

  it('WRITE-1 commands that arrive together share one commit and are acked in the order they came', async () => {
    const { store, writer, batches } = await setup(['s1', 's2']);
    const acked: string[] = [];
    const all = ['a', 'b', 'c', 'd'].map((t, i) => writer.submit(add(i % 2 ? 's2' : 's1', t)).then((w) => (acked.push(w.result), w)));
    const written = await Promise.all(all);
    expect(batches).toEqual([{ jobs: 4, ok: true }]);
    expect(acked).toEqual(['a', 'b', 'c', 'd']);
    expect(written.map((w) => w.events.map((e) => e.version))).toEqual([[1], [1], [2], [2]]);
    expect((await store.read.eventsSince('s1', 0)).map((e) => e.event.type === 'card.added' && e.event.card.title)).toEqual(['a', 'c']);
    expect(await store.read.sessionVersion('s2')).toBe(2);
  });

  it('WRITE-2 a refused command is refused alone; the rest of its batch commits', async () => {
    const { store, writer, batches } = await setup();
    const refuse: WriteJob<string> = {
      sessionId: 's1',
      run: async () => {
        throw new ServiceError('wrong_phase', 'not now');
      },
    };
    const results = await Promise.allSettled([writer.submit(add('s1', 'a')), writer.submit(refuse), writer.submit(add('s1', 'b'))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'wrong_phase' });
    expect(batches).toEqual([{ jobs: 3, ok: true }]);
    expect((await store.read.eventsSince('s1', 0)).map((e) => e.version)).toEqual([1, 2]);
  });

  it('WRITE-3 a command whose own rows fail is undone alone (savepoint), the others keep theirs', async () => {
    const { store, writer } = await setup();
    const item = (id: string): WriteJob<string> => ({
      sessionId: 's1',
      writes: true,
      run: async ({ tx }) => {
        await tx.insertItems('w1', [{ id, key: 'SAME-KEY', title: id, position: 0 }], 1);
        return { events: [{ type: 'card.edited', cardId: id, title: id }], by: null, result: id };
      },
    });
    const results = await Promise.allSettled([writer.submit(item('x1')), writer.submit(item('x2'))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect((await store.read.listItems('w1')).map((i) => i.id)).toEqual(['x1']);
    expect((await store.read.eventsSince('s1', 0)).map((e) => e.version)).toEqual([1]);
  });

  it('WRITE-4 an unknown session is refused without touching the batch', async () => {
    const { writer, batches } = await setup();
    const results = await Promise.allSettled([writer.submit(add('nope', 'a')), writer.submit(add('s1', 'b'))]);
    expect((results[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'unknown_session' });
    expect(results[1]!.status).toBe('fulfilled');
    expect(batches).toEqual([{ jobs: 2, ok: true }]);
  });

  it('WRITE-5 when the transaction itself fails, each command is retried in a batch of its own', async () => {
    const { store, writer, batches } = await setup();
    const poison: WriteJob<string> = {
      sessionId: 's1',
      run: async () => {
        failing.doom = true;
        return { events: [], by: null, result: 'poison' };
      },
    };
    const results = await Promise.allSettled([writer.submit(add('s1', 'a')), writer.submit(poison), writer.submit(add('s1', 'b'))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(batches).toEqual([
      { jobs: 3, ok: false },
      { jobs: 1, ok: true },
      { jobs: 1, ok: false },
      { jobs: 1, ok: true },
    ]);
    expect((await store.read.eventsSince('s1', 0)).map((e) => e.version)).toEqual([1, 2]);
  });

  it('WRITE-6 the room hears of events only after they are committed', async () => {
    const { writer, published, checks } = await setup();
    await Promise.all([writer.submit(add('s1', 'a')), writer.submit(add('s1', 'b'))]);
    await checks();
    expect(published.map((p) => [p.sessionId, p.events.map((e) => e.version), p.durable])).toEqual([['s1', [1, 2], 2]]);
  });

  it('WRITE-8 a quiet writer starts a lone command before the loop turns; a busy one lets the turn collect more', async () => {
    let t = 0;
    const { writer, batches } = await setup(['s1'], () => t);
    /** submits `titles` together with a marker queued for the next turn of the event loop */
    const round = async (titles: string[]) => {
      began.length = 0;
      marker.ran = false;
      setImmediate(() => (marker.ran = true));
      await Promise.all(titles.map((x) => writer.submit(add('s1', x))));
      return [...began];
    };
    // no batch yet: quiet; what is submitted in the same turn still shares the batch
    expect(await round(['a', 'b'])).toEqual([false]);
    // the clock has not moved since that batch ended: busy, the batch waits for the turn
    expect(await round(['c'])).toEqual([true]);
    t += 10;
    expect(await round(['d'])).toEqual([false]);
    expect(batches.map((b) => b.jobs)).toEqual([2, 1, 1]);
  });

  it('WRITE-7 settled() waits for writes in flight (graceful shutdown)', async () => {
    const { store, writer } = await setup();
    const writes = Array.from({ length: 20 }, (_, i) => writer.submit(add('s1', `c${i}`)));
    await writer.settled();
    expect(await store.read.sessionVersion('s1')).toBe(20);
    await Promise.all(writes);
  });
});
