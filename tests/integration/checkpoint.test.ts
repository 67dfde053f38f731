import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../db';

/*
 * PERF-3 (docs/hardening.md): SQLite's WAL checkpoints run in a worker thread, never inside a
 * commit on the event loop, and the WAL stays bounded under sustained writes.
 */

const turn = () => new Promise((r) => setImmediate(r));

async function until(check: () => boolean, what: string, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('PERF-3 WAL checkpoints off the event loop', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const f of cleanup.splice(0).reverse()) await f();
  });

  /** a store whose checkpoint worker has started (until then SQLite's own checkpoint runs) */
  async function open(opts: Parameters<typeof openSqliteStore>[1] = {}) {
    const dir = mkdtempSync(join(tmpdir(), 'me-ckpt-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'test.db');
    const store = openSqliteStore(path, opts);
    cleanup.push(() => store.close());
    await until(() => store.connection.pragma('wal_autocheckpoint', { simple: true }) === 0, 'the worker ready');
    return { store, path, dir };
  }

  async function write(store: SqliteStore, from: number, n: number) {
    for (let i = from; i < from + n; i++) {
      await store.transaction((tx) =>
        tx.insertWorkshop({ id: `w${i}`, name: `Workshop ${i} ${'x'.repeat(200)}`, secretHash: 'h', createdAt: i }),
      );
      // as on the server: commits come from separate turns of the event loop
      await turn();
    }
  }

  it('PERF-3 the writing connection never checkpoints; the worker copies committed pages into the database file', async () => {
    const { store, path, dir } = await open({ checkpoint: { intervalMs: 20, pages: 100 } });
    await write(store, 0, 200);
    const stats = store.checkpoints()!;
    // the last commit's pages are in the database file once a checkpoint has caught up with it
    await until(
      () => stats.commitsAtCheckpoint === 200 && stats.checkpointedPages === stats.walPages,
      'a checkpoint after the last commit',
    );
    const copy = join(dir, 'copy.db');
    copyFileSync(path, copy);
    expect(existsSync(`${copy}-wal`)).toBe(false);
    const db = new Database(copy, { readonly: true });
    cleanup.push(() => void db.close());
    expect(db.prepare('select count(*) as n from workshops').get()).toEqual({ n: 200 });
    expect(stats.fallback).toBe(false);
  });

  it('PERF-3 under sustained writes the WAL stays within its bound', async () => {
    const maxWalPages = 200;
    const { store, path } = await open({ checkpoint: { intervalMs: 20, pages: 50, restartPages: 100, maxWalPages } });
    const pageSize = Number(store.connection.pragma('page_size', { simple: true }));
    let largest = 0;
    for (let round = 0; round < 8; round++) {
      await write(store, round * 200, 200);
      largest = Math.max(largest, statSync(`${path}-wal`).size);
    }
    // 1,600 commits of a few pages each: about 5,000 WAL pages if nothing checkpointed; the
    // store estimates the WAL between the worker's reports, and may overshoot a little
    expect(largest / pageSize).toBeLessThan(3 * maxWalPages);
    expect(store.checkpoints()!.fallback).toBe(false);
    expect(store.checkpoints()!.restarts).toBeGreaterThan(0);
    expect(await store.read.getWorkshop('w1599')).toMatchObject({ id: 'w1599' });
  });
});
