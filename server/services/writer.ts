import { replayOwned, type BoardEvent, type BoardState, type VersionedEvent } from '../../domain/board';
import type { SessionAppend, Store, Tx } from '../../db';
import type { BoardCache } from './boards';
import { ServiceError } from './errors';
import { quotaExceeded } from './quotas';

export interface WriteContext {
  tx: Tx;
  /** the session's board as of this command (earlier commands of the batch included) */
  board: BoardState;
  now: number;
}

export interface Decided<T> {
  events: BoardEvent[];
  /** the actor stamped on the events; null = the API or the system */
  by: string | null;
  result: T;
}

export interface WriteJob<T> {
  sessionId: string;
  /** decide (and write any rows besides events through ctx.tx); throw to refuse */
  run(ctx: WriteContext): Promise<Decided<T>>;
  /** the job writes rows besides its events: it runs in a savepoint so a refusal undoes them */
  writes?: boolean;
}

export interface Written<T> {
  result: T;
  events: VersionedEvent[];
}

export interface WriterDeps {
  store: Store;
  boards: BoardCache;
  now: () => number;
  /** after the commit: tell the room (every write path ends here, socket and HTTP alike) */
  publish: (sessionId: string, events: VersionedEvent[]) => void;
  /** after the commit: disconnect people the events removed */
  evict: (sessionId: string, events: VersionedEvent[]) => Promise<void>;
  /** a session's log holds at most this many events (SEC-QUOTA-3) */
  maxEventsPerSession?: number;
  /** database time per batch, for the metrics */
  observe?: (batch: { jobs: number; ms: number; ok: boolean }) => void;
  /** milliseconds, for telling a quiet writer from a busy one (tests); performance.now() by default */
  clock?: () => number;
}

interface Pending {
  job: WriteJob<unknown>;
  resolve: (w: Written<unknown>) => void;
  reject: (err: unknown) => void;
}

/** Commands per transaction at most; a burst larger than this takes several. */
export const MAX_BATCH = 256;

/** A writer whose last batch ended longer ago than this is quiet: its next command is written at once. */
export const QUIET_MS = 2;

/**
 * The one write path (group commit). Commands that arrive together are decided one after the
 * other in acceptance order and committed in one transaction; each is answered after that
 * commit, so nothing is acknowledged before it is durable. A refused command is refused alone.
 * If the transaction itself fails, every command of the batch is retried in a batch of its own.
 */
export function createWriter(deps: WriterDeps) {
  let queue: Pending[] = [];
  let scheduled = false;
  let draining = false;
  const idle: (() => void)[] = [];

  const clock = () => (deps.clock ? deps.clock() : performance.now());
  // when the last batch ended; -Infinity: none yet
  let lastBatchEnd = -Infinity;

  function schedule() {
    if (scheduled || draining) return;
    scheduled = true;
    // busy: collect what the current I/O phase delivers, then write it in one go. Quiet: start
    // before the loop turns (a lone command is not held for company that is not coming, and its
    // room hears of it in the turn that read it); what this same turn submits still shares the batch
    const quiet = clock() - lastBatchEnd > QUIET_MS;
    (quiet ? process.nextTick : setImmediate)(() => {
      scheduled = false;
      void drain();
    });
  }

  // one batch at a time: a connection's commands are accepted in the order it sent them
  async function drain() {
    draining = true;
    try {
      while (queue.length > 0) {
        const batch = queue.slice(0, MAX_BATCH);
        queue = queue.slice(batch.length);
        await commitBatch(batch, batch.length > 1);
      }
    } finally {
      draining = false;
      lastBatchEnd = clock();
    }
    for (const f of idle.splice(0)) f();
  }

  async function commitBatch(batch: Pending[], retryAlone: boolean): Promise<void> {
    const started = performance.now();
    const outcomes = new Map<Pending, { ok: true; value: Written<unknown> } | { ok: false; err: unknown }>();
    // sessions whose cached board this batch changes in place (given back at the end, either way)
    const held = new Set<string>();
    let finals = new Map<string, BoardState>();
    try {
      await deps.store.transaction(
        async (tx) => {
          outcomes.clear();
          finals = new Map();
          const ids = [...new Set(batch.map((p) => p.job.sessionId))];
          const versions = await tx.lockSessions(ids);
          const boards = new Map<string, BoardState>();
          for (const [id, v] of versions) {
            // a retried transaction starts from the database again
            if (held.has(id)) deps.boards.aborted([id]);
            held.add(id);
            boards.set(id, await deps.boards.forWrite(tx, id, v));
          }
          const appends = new Map<string, VersionedEvent[]>();
          const now = deps.now();
          for (const p of batch) {
            const board = boards.get(p.job.sessionId);
            if (!board) {
              outcomes.set(p, { ok: false, err: new ServiceError('unknown_session', 'This session does not exist. Check the link.') });
              continue;
            }
            try {
              const ctx = { tx, board, now };
              const d = p.job.writes ? await tx.savepoint(() => p.job.run(ctx)) : await p.job.run(ctx);
              if (deps.maxEventsPerSession !== undefined && board.version + d.events.length > deps.maxEventsPerSession) {
                throw quotaExceeded('events in one session', deps.maxEventsPerSession);
              }
              const stamped = d.events.map((event, i) => ({ version: board.version + 1 + i, by: d.by, at: now, event }));
              if (stamped.length > 0) {
                // the cache's own board: changed in place, handed back after the commit
                boards.set(p.job.sessionId, replayOwned(board, d.events));
                const list = appends.get(p.job.sessionId);
                if (list) list.push(...stamped);
                else appends.set(p.job.sessionId, [...stamped]);
              }
              outcomes.set(p, { ok: true, value: { result: d.result, events: stamped } });
            } catch (err) {
              outcomes.set(p, { ok: false, err });
            }
          }
          const list: SessionAppend[] = [...appends].map(([sessionId, events]) => ({ sessionId, events }));
          await tx.appendEvents(list);
          finals = boards;
        },
        { urgent: true },
      );
    } catch (err) {
      // the boards may hold events that were rolled back: they are replayed when next needed
      deps.boards.aborted(held);
      deps.observe?.({ jobs: batch.length, ms: performance.now() - started, ok: false });
      if (retryAlone) {
        for (const p of batch) await commitBatch([p], false);
        return;
      }
      for (const p of batch) p.reject(err);
      return;
    }
    deps.observe?.({ jobs: batch.length, ms: performance.now() - started, ok: true });
    deps.boards.committed(finals.values());
    // answer in acceptance order, then tell the rooms
    const published = new Map<string, VersionedEvent[]>();
    for (const p of batch) {
      const o = outcomes.get(p)!;
      if (!o.ok) {
        p.reject(o.err);
        continue;
      }
      p.resolve(o.value);
      if (o.value.events.length === 0) continue;
      const list = published.get(p.job.sessionId);
      if (list) list.push(...o.value.events);
      else published.set(p.job.sessionId, [...o.value.events]);
    }
    for (const [sessionId, events] of published) {
      deps.publish(sessionId, events);
      if (events.some((e) => e.event.type === 'person.removed')) void deps.evict(sessionId, events).catch(() => undefined);
    }
  }

  return {
    submit<T>(job: WriteJob<T>): Promise<Written<T>> {
      return new Promise<Written<T>>((resolve, reject) => {
        queue.push({ job: job as WriteJob<unknown>, resolve: resolve as (w: Written<unknown>) => void, reject });
        schedule();
      });
    },
    /** resolves when nothing is queued or being written (graceful shutdown) */
    settled(): Promise<void> {
      if (queue.length === 0 && !draining && !scheduled) return Promise.resolve();
      return new Promise((resolve) => idle.push(resolve));
    },
    get pending() {
      return queue.length;
    },
  };
}

export type Writer = ReturnType<typeof createWriter>;
