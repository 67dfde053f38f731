import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type Store } from '../../db';

// STORE-10 (ARCHITECTURE.md, docs/hardening.md): SQLite has one writing connection, so
// transactions take turns; the room's writer (urgent) goes before a waiting bulk write, and a
// bulk write is passed over at most 4 times in a row.

let store: Store | undefined;
let dir = '';
afterEach(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function open() {
  dir = mkdtempSync(join(tmpdir(), 'me-turns-'));
  store = await openSqliteStore(join(dir, 'test.db'));
  return store;
}

/** a transaction that starts, notes its name, and holds its turn until `hold` resolves */
function txn(s: Store, order: string[], name: string, urgent: boolean, hold: Promise<void> = Promise.resolve()) {
  return s.transaction(
    async (tx) => {
      order.push(name);
      await tx.sessionVersion('none');
      await hold;
    },
    { urgent },
  );
}

describe('STORE-10 SQLite transactions take turns, the room writer first', () => {
  it('STORE-10 an urgent transaction goes before bulk ones that waited longer', async () => {
    const s = await open();
    const order: string[] = [];
    let release = () => {};
    const first = txn(s, order, 'bulk-running', false, new Promise((r) => (release = r)));
    const waiting = [txn(s, order, 'bulk-1', false), txn(s, order, 'bulk-2', false), txn(s, order, 'moves', true)];
    // none of the waiting ones starts while the first holds its turn
    await new Promise((r) => setTimeout(r, 0));
    expect(order).toEqual(['bulk-running']);
    release();
    await Promise.all([first, ...waiting]);
    expect(order).toEqual(['bulk-running', 'moves', 'bulk-1', 'bulk-2']);
  });

  it('STORE-10 a bulk transaction is passed over at most 4 times, then runs', async () => {
    const s = await open();
    const order: string[] = [];
    let release = () => {};
    const first = txn(s, order, 'running', true, new Promise((r) => (release = r)));
    const bulk = txn(s, order, 'bulk', false);
    const urgent = Array.from({ length: 8 }, (_, i) => txn(s, order, `moves-${i + 1}`, true));
    release();
    await Promise.all([first, bulk, ...urgent]);
    expect(order.indexOf('bulk')).toBe(5);
    expect(order).toEqual(['running', 'moves-1', 'moves-2', 'moves-3', 'moves-4', 'bulk', 'moves-5', 'moves-6', 'moves-7', 'moves-8']);
  });

  it('STORE-10 a failed transaction gives its turn to the next', async () => {
    const s = await open();
    const failed = s.transaction(async () => {
      throw new Error('boom');
    });
    const next = s.transaction(async (tx) => tx.sessionVersion('none'), { urgent: true });
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBeUndefined();
  });
});
