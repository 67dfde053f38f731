import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queries } from '../queries';
import type { Executor, Param } from '../sql';
import type { Store } from '../store';
import { TxQueries } from '../tx';
import { startCheckpointer, type CheckpointOptions, type CheckpointStats } from './checkpoint';

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));
const BUSY_WAIT_MS = 5000;

/** Prepared statements kept per connection, least recently used out first. */
const STATEMENTS_KEPT = 200;
/**
 * Longer texts are multi-row inserts of one particular size (a backlog of 137 items, a batch of
 * 41 events): each would be kept as a compiled program of up to a few hundred kilobytes, and
 * rarely used twice. They are prepared for the one call.
 */
const LONGEST_KEPT = 2000;

/** Statements are prepared once per connection and text (the hot path pays no parsing). */
function executor(conn: Database.Database): Executor {
  const cache = new Map<string, Database.Statement>();
  const stmt = (sql: string) => {
    let s = cache.get(sql);
    if (s) {
      // Map order is the LRU order
      cache.delete(sql);
      cache.set(sql, s);
      return s;
    }
    s = conn.prepare(sql);
    if (sql.length > LONGEST_KEPT) return s;
    cache.set(sql, s);
    if (cache.size > STATEMENTS_KEPT) cache.delete(cache.keys().next().value as string);
    return s;
  };
  return {
    dialect: 'sqlite',
    all: async <T>(sql: string, params: readonly Param[] = []) => stmt(sql).all(...params) as T[],
    get: async <T>(sql: string, params: readonly Param[] = []) => stmt(sql).get(...params) as T | undefined,
    run: async (sql: string, params: readonly Param[] = []) => stmt(sql).run(...params).changes,
  };
}

export interface SqliteStore extends Store {
  readonly kind: 'sqlite';
  /** the writing connection (checkpoints, benchmarks) */
  readonly connection: Database.Database;
  /** the WAL checkpoint worker's figures (undefined in memory) */
  checkpoints(): CheckpointStats | undefined;
}

export interface SqliteOptions {
  /** false: SQLite's own checkpoints inside commits, as before the worker (for comparisons) */
  checkpoint?: CheckpointOptions | false;
}

/** After a checkpoint has emptied the WAL, its file is cut back to this size when it was larger. */
const WAL_SIZE_LIMIT = 16 * 1024 * 1024;

/**
 * The embedded default: one file, WAL. One connection writes; transactions take turns (an
 * async mutex, since a transaction may await between statements). Reads outside transactions
 * use a second connection, so they only ever see committed data.
 */
export function openSqliteStore(path: string, opts: SqliteOptions = {}): SqliteStore {
  const memory = path === ':memory:';
  if (!memory) mkdirSync(dirname(path), { recursive: true });
  const conn = new Database(path);
  conn.pragma('journal_mode = WAL');
  // NORMAL is durable in WAL mode across process crashes; only an OS crash can lose the last commits
  conn.pragma('synchronous = NORMAL');
  conn.pragma('foreign_keys = ON');
  // a busy database is waited for below, without blocking the event loop
  conn.pragma('busy_timeout = 5000');
  migrate(drizzle(conn), { migrationsFolder });
  conn.pragma('busy_timeout = 0');
  // checkpoints run in a worker thread (./checkpoint.ts), never inside a commit on the event loop
  // (SQLite's own stays on until the worker is ready, and comes back if the worker fails)
  const checkpointer =
    memory || opts.checkpoint === false
      ? undefined
      : startCheckpointer(
          path,
          (on) => {
            if (conn.open) conn.pragma(`wal_autocheckpoint = ${on ? 1000 : 0}`);
          },
          opts.checkpoint,
        );
  conn.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`);
  const reader = memory ? conn : new Database(path, { readonly: true });
  if (!memory) reader.pragma('busy_timeout = 5000');

  const writeX = executor(conn);
  const begin = conn.prepare('begin immediate');
  const commit = conn.prepare('commit');
  const rollback = conn.prepare('rollback');
  const turns = createTurns();
  let idle: Promise<unknown> = Promise.resolve();

  /** Another process (or store) holds the write lock: wait for it in short turns, up to 5 s. */
  async function beginImmediate() {
    const until = Date.now() + BUSY_WAIT_MS;
    for (let pause = 1; ; pause = Math.min(pause * 2, 25)) {
      try {
        begin.run();
        return;
      } catch (err) {
        if ((err as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > until) throw err;
        await new Promise((r) => setTimeout(r, pause));
      }
    }
  }

  async function run<T>(fn: (tx: TxQueries) => Promise<T>): Promise<T> {
    // sustained writes: let the WAL start over while no transaction is open (./checkpoint.ts)
    if (checkpointer?.due()) await checkpointer.restart();
    await beginImmediate();
    try {
      const out = await fn(new TxQueries(writeX));
      commit.run();
      checkpointer?.committed();
      return out;
    } catch (err) {
      if (conn.inTransaction) rollback.run();
      throw err;
    }
  }

  return {
    kind: 'sqlite',
    connection: conn,
    read: new Queries(executor(reader)),
    async transaction<T>(fn: (tx: TxQueries) => Promise<T>, opts: { urgent?: boolean } = {}): Promise<T> {
      await turns.take(opts.urgent ?? false);
      const done = run(fn);
      idle = done.catch(() => undefined);
      try {
        return await done;
      } finally {
        turns.give();
      }
    },
    async ping() {
      try {
        return reader.prepare('select 1 as one').get() !== undefined;
      } catch {
        return false;
      }
    },
    checkpoints: () => checkpointer?.stats,
    async close() {
      await turns.drained();
      await idle;
      await checkpointer?.stop();
      if (reader !== conn) reader.close();
      conn.close();
    },
  };
}

/** A waiter that is not urgent is passed over at most this many times, so it is never starved. */
const MAX_PASSED_OVER = 4;

/**
 * One transaction at a time on the writing connection, in arrival order, except that the room's
 * writer (urgent: a batch of moves people are waiting for) goes before a waiting bulk write such
 * as a new workshop of 500 items (about 15 ms), at most MAX_PASSED_OVER times in a row. A
 * waiting transaction starts on the next turn of the event loop, not straight after the last.
 */
function createTurns() {
  const waiting: { urgent: boolean; passed: number; go: () => void }[] = [];
  let busy = false;
  const whenIdle: (() => void)[] = [];
  return {
    take(urgent: boolean): Promise<void> {
      if (!busy) {
        busy = true;
        return Promise.resolve();
      }
      return new Promise((go) => waiting.push({ urgent, passed: 0, go }));
    },
    give() {
      const first = waiting[0];
      let i = 0;
      if (first && !first.urgent && first.passed < MAX_PASSED_OVER) {
        const u = waiting.findIndex((w) => w.urgent);
        if (u > 0) {
          i = u;
          for (const w of waiting.slice(0, u)) w.passed++;
        }
      }
      const [next] = waiting.splice(i, 1);
      // on the next turn of the event loop: a run of waiting transactions never holds it up for
      // long (the commits are synchronous), and moves that arrive meanwhile are read and go first
      if (next) return void setImmediate(next.go);
      busy = false;
      for (const r of whenIdle.splice(0)) r();
    },
    /** resolves once no transaction runs or waits */
    drained(): Promise<void> {
      return busy ? new Promise((r) => whenIdle.push(r)) : Promise.resolve();
    },
  };
}
