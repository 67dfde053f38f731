import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/*
 * WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside the commit that
 * crosses 1,000 WAL pages, on the writing connection: three fsyncs on the event-loop thread,
 * every few hundred moves, right in the tail of the move latency. Here the writing connection
 * never checkpoints (wal_autocheckpoint = 0); a worker thread with its own connection runs a
 * PASSIVE checkpoint shortly after commits (it copies committed pages into the database file
 * and syncs it, without blocking writers or readers). Commits stay exactly as durable as before:
 * each is in the WAL before it is acknowledged.
 *
 * A PASSIVE checkpoint cannot restart the WAL while commits keep arriving, so under sustained
 * load the WAL would grow. When it passes `maxWalPages`, the store holds its writes for one
 * TRUNCATE checkpoint (no event-loop block; writes wait a few milliseconds), which bounds it.
 */

// CommonJS, evaluated: `npm start` registers tsx through its API, so a TypeScript worker file may not load
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 2000');
const commits = new Int32Array(workerData.commits);
let seen = 0;
parentPort.postMessage({ type: 'ready' });
let timer;
const report = (type, rows, commits) => parentPort.postMessage({ type, commits, ...rows[0] });
function tick() {
  const c = Atomics.load(commits, 0);
  if (c !== seen) {
    seen = c;
    try { report('checkpointed', db.pragma('wal_checkpoint(PASSIVE)'), c); } catch (err) { parentPort.postMessage({ type: 'failed', message: String(err) }); }
  }
  timer = setTimeout(tick, workerData.intervalMs);
}
parentPort.on('message', (m) => {
  if (m === 'truncate') {
    try { report('truncated', db.pragma('wal_checkpoint(TRUNCATE)')); } catch (err) { parentPort.postMessage({ type: 'truncated', busy: 1, message: String(err) }); }
  } else if (m === 'stop') {
    clearTimeout(timer);
    db.close();
    parentPort.postMessage({ type: 'stopped' });
  }
});
tick();
`;

export interface CheckpointOptions {
  /** how often the worker looks for new commits (ms) */
  intervalMs?: number;
  /** WAL pages past which writes pause for one TRUNCATE checkpoint */
  maxWalPages?: number;
}

export interface CheckpointStats {
  /** frames in the WAL at the last checkpoint, and how many of them were copied into the database */
  walPages: number;
  checkpointedPages: number;
  checkpoints: number;
  /** commits counted when the last checkpoint began: all of them were in the WAL it copied */
  commitsAtCheckpoint: number;
  truncations: number;
  /** the worker could not run: SQLite's own automatic checkpoint is back on */
  fallback: boolean;
}

interface Reply {
  type: 'ready' | 'checkpointed' | 'truncated' | 'stopped' | 'failed';
  busy?: number;
  commits?: number;
  log?: number;
  checkpointed?: number;
  message?: string;
}

export const DEFAULT_CHECKPOINT_INTERVAL_MS = 100;
/** 10,000 pages of 4 KB: 40 MB of WAL at most, in normal running far less */
export const DEFAULT_MAX_WAL_PAGES = 10_000;

/**
 * Starts the checkpoint worker for the database at `path`. `automatic(on)` switches SQLite's own
 * checkpoint on the writing connection: on until the worker is ready, and again if it fails.
 * `committed()` after each commit costs an atomic add; `due()` tells the store to run
 * `truncate()` between transactions.
 */
export function startCheckpointer(path: string, automatic: (on: boolean) => void, opts: CheckpointOptions = {}) {
  const maxWalPages = opts.maxWalPages ?? DEFAULT_MAX_WAL_PAGES;
  const commits = new Int32Array(new SharedArrayBuffer(4));
  const stats: CheckpointStats = { walPages: 0, checkpointedPages: 0, checkpoints: 0, commitsAtCheckpoint: 0, truncations: 0, fallback: false };
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { path, driver: createRequire(import.meta.url).resolve('better-sqlite3'), commits: commits.buffer, intervalMs: opts.intervalMs ?? DEFAULT_CHECKPOINT_INTERVAL_MS },
  });
  // never keeps the process alive on its own
  worker.unref();
  let waiting: ((r: Reply) => void)[] = [];
  let alive = true;
  let ready = false;
  // commits since the worker's last report, and the most WAL pages per commit seen: the WAL's
  // size between two reports is estimated (high rather than low), so a worker that is slow to
  // report cannot let it grow unseen
  let commitsSinceReport = 0;
  let pagesPerCommit = 1;
  const down = () => {
    if (!alive) return;
    alive = false;
    stats.fallback = true;
    automatic(true);
    for (const w of waiting.splice(0)) w({ type: 'failed' });
  };
  worker.on('error', down);
  worker.on('exit', down);
  worker.on('message', (r: Reply) => {
    if (r.type === 'ready' && alive) {
      ready = true;
      automatic(false);
    }
    if (r.type === 'checkpointed' || r.type === 'truncated') {
      const grown = (r.log ?? 0) - stats.walPages;
      if (grown > 0 && commitsSinceReport > 0) pagesPerCommit = Math.max(pagesPerCommit, grown / commitsSinceReport);
      commitsSinceReport = 0;
      stats.walPages = r.log ?? stats.walPages;
      stats.checkpointedPages = r.checkpointed ?? stats.checkpointedPages;
      if (r.type === 'checkpointed') {
        stats.checkpoints++;
        stats.commitsAtCheckpoint = r.commits ?? stats.commitsAtCheckpoint;
      }
      else if (!r.busy) stats.truncations++;
    }
    if (r.type !== 'checkpointed') {
      const w = waiting;
      waiting = [];
      for (const f of w) f(r);
    }
  });
  const ask = (m: 'truncate' | 'stop') =>
    new Promise<Reply>((resolve) => {
      if (!alive) return resolve({ type: 'failed' });
      waiting.push(resolve);
      worker.postMessage(m);
    });

  return {
    stats,
    committed() {
      Atomics.add(commits, 0, 1);
      commitsSinceReport++;
    },
    /** the WAL has outgrown its bound: truncate it before the next write */
    due: () => alive && ready && stats.walPages + commitsSinceReport * pagesPerCommit > maxWalPages,
    /** one TRUNCATE checkpoint; call it while no transaction of this store is open */
    async truncate() {
      const r = await ask('truncate');
      // a checkpoint that could not finish (another process reading) is tried again later
      if (r.type === 'truncated' && r.busy) {
        stats.walPages = Math.floor(maxWalPages / 2);
        commitsSinceReport = 0;
      }
    },
    async stop() {
      if (!alive) return;
      await ask('stop');
      alive = false;
      await worker.terminate();
    },
  };
}

export type Checkpointer = ReturnType<typeof startCheckpointer>;
