import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/*
 * WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside the commit that
 * crosses 1,000 WAL pages, on the writing connection: three fsyncs on the event-loop thread,
 * every few hundred moves, right in the tail of the move latency. Here the writing connection
 * does not checkpoint (wal_autocheckpoint = 0); a worker thread with its own connection runs a
 * PASSIVE checkpoint (it copies committed pages into the database file and syncs it, without
 * blocking writers or readers) at the same cadence SQLite would, about every 1,000 WAL pages,
 * and at quiet moments (no commit for a short while). Commits stay exactly as durable as
 * before: each is in the WAL before it is acknowledged.
 *
 * A PASSIVE checkpoint cannot restart the WAL while commits keep arriving (SQLite reuses the
 * WAL from its start only when a write begins with every frame copied), so under sustained load
 * the WAL would grow. Once it holds `restartPages`, the store holds its writes, right after a
 * PASSIVE checkpoint, for one RESTART checkpoint of what was written meanwhile (a few pages and
 * two fsyncs; the event loop runs on, only writes wait). `maxWalPages` is the hard bound if the
 * worker falls behind.
 */

// shared counters, written by the store, read by the worker
const COMMITS = 0;
const PAGES = 1;

// CommonJS, evaluated: `npm start` registers tsx through its API, so a TypeScript worker file may not load
const WORKER = `
const { parentPort, workerData: w } = require('node:worker_threads');
const Database = require(w.driver);
const db = new Database(w.path);
db.pragma('busy_timeout = 2000');
const shared = new Int32Array(w.shared);
let seen = 0, changedAt = Date.now(), done = 0, pagesDone = 0, timer;
const report = (type, rows, commits) => parentPort.postMessage({ type, commits, ...rows[0] });
function checkpoint(commits, pages) {
  try { report('checkpointed', db.pragma('wal_checkpoint(PASSIVE)'), commits); } catch (err) { parentPort.postMessage({ type: 'failed', message: String(err) }); }
  done = commits;
  pagesDone = pages;
}
function tick() {
  const commits = Atomics.load(shared, ${COMMITS}), pages = Atomics.load(shared, ${PAGES}), now = Date.now();
  if (commits !== seen) { seen = commits; changedAt = now; }
  // enough pages for a checkpoint's worth, or the writes have paused
  if (commits !== done && (pages - pagesDone >= w.pages || now - changedAt >= w.quietMs)) checkpoint(commits, pages);
  timer = setTimeout(tick, w.intervalMs);
}
parentPort.on('message', (m) => {
  if (m === 'restart') {
    try { report('restarted', db.pragma('wal_checkpoint(RESTART)')); } catch (err) { parentPort.postMessage({ type: 'restarted', busy: 1, message: String(err) }); }
  } else if (m === 'stop') {
    clearTimeout(timer);
    db.close();
    parentPort.postMessage({ type: 'stopped' });
  }
});
parentPort.postMessage({ type: 'ready' });
tick();
`;

export interface CheckpointOptions {
  /** how often the worker looks at the counters (ms) */
  intervalMs?: number;
  /** WAL pages written after which the worker checkpoints (SQLite's own default: 1,000) */
  pages?: number;
  /** no commit for this long: checkpoint what there is (ms) */
  quietMs?: number;
  /** WAL pages after which writes pause, right after a PASSIVE checkpoint, for one RESTART checkpoint */
  restartPages?: number;
  /** WAL pages past which writes pause for a RESTART checkpoint whatever the worker is doing */
  maxWalPages?: number;
}

export interface CheckpointStats {
  /** frames in the WAL at the last checkpoint, and how many of them were copied into the database */
  walPages: number;
  checkpointedPages: number;
  checkpoints: number;
  /** commits counted when the last checkpoint began: all of them were in the WAL it copied */
  commitsAtCheckpoint: number;
  restarts: number;
  /** the worker could not run: SQLite's own automatic checkpoint is back on */
  fallback: boolean;
}

interface Reply {
  type: 'ready' | 'checkpointed' | 'restarted' | 'stopped' | 'failed';
  busy?: number;
  commits?: number;
  log?: number;
  checkpointed?: number;
  message?: string;
}

export const CHECKPOINT_DEFAULTS = { intervalMs: 50, pages: 1000, quietMs: 250, restartPages: 4000, maxWalPages: 10_000 };

/**
 * Starts the checkpoint worker for the database at `path`. `automatic(on)` switches SQLite's own
 * checkpoint on the writing connection: on until the worker is ready, and again if it fails.
 * `committed()` after each commit costs two atomic adds; `due()` tells the store to run
 * `restart()` between transactions.
 */
export function startCheckpointer(path: string, automatic: (on: boolean) => void, opts: CheckpointOptions = {}) {
  const o = { ...CHECKPOINT_DEFAULTS, ...opts };
  const shared = new Int32Array(new SharedArrayBuffer(8));
  const stats: CheckpointStats = {
    walPages: 0,
    checkpointedPages: 0,
    checkpoints: 0,
    commitsAtCheckpoint: 0,
    restarts: 0,
    fallback: false,
  };
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { path, driver: createRequire(import.meta.url).resolve('better-sqlite3'), shared: shared.buffer, ...o },
  });
  // never keeps the process alive on its own
  worker.unref();
  let waiting: ((r: Reply) => void)[] = [];
  let alive = true;
  let ready = false;
  // commits since the worker's last report, and the most WAL pages per commit seen: the WAL's
  // size between two reports is estimated (high rather than low), so the worker knows when a
  // checkpoint's worth is there, and a worker slow to report cannot let the WAL grow unseen
  let commitsSinceReport = 0;
  let pagesPerCommit = 2;
  // a PASSIVE checkpoint has just caught up with most of the WAL: a RESTART now is short
  let caughtUp = false;
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
    if (r.type === 'checkpointed' || r.type === 'restarted') {
      const grown = (r.log ?? 0) - stats.walPages;
      if (grown > 0 && commitsSinceReport > 0) pagesPerCommit = Math.max(pagesPerCommit, grown / commitsSinceReport);
      commitsSinceReport = 0;
      stats.walPages = r.log ?? stats.walPages;
      stats.checkpointedPages = r.checkpointed ?? stats.checkpointedPages;
      if (r.type === 'checkpointed') {
        stats.checkpoints++;
        stats.commitsAtCheckpoint = r.commits ?? stats.commitsAtCheckpoint;
        caughtUp = true;
      } else if (!r.busy) {
        stats.restarts++;
        // every frame is in the database: the next write starts the WAL over
        stats.walPages = 0;
      }
    }
    if (r.type !== 'checkpointed' && r.type !== 'ready') {
      const w = waiting;
      waiting = [];
      for (const f of w) f(r);
    }
  });
  const ask = (m: 'restart' | 'stop') =>
    new Promise<Reply>((resolve) => {
      if (!alive) return resolve({ type: 'failed' });
      waiting.push(resolve);
      worker.postMessage(m);
    });

  return {
    stats,
    committed() {
      Atomics.add(shared, COMMITS, 1);
      Atomics.add(shared, PAGES, Math.ceil(pagesPerCommit));
      commitsSinceReport++;
    },
    /** the WAL should start over: run restart() before the next write */
    due() {
      if (!alive || !ready) return false;
      const estimate = stats.walPages + commitsSinceReport * pagesPerCommit;
      return (caughtUp && stats.walPages >= o.restartPages) || estimate > o.maxWalPages;
    },
    /** one RESTART checkpoint; call it while no transaction of this store is open */
    async restart() {
      caughtUp = false;
      const r = await ask('restart');
      // a checkpoint that could not finish (another process reading) is tried again later
      if (r.type === 'restarted' && r.busy) {
        stats.walPages = Math.min(stats.walPages, o.restartPages - 1);
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
