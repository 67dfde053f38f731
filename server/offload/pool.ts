import { fileURLToPath } from 'node:url';
import Tinypool from 'tinypool';
import type { PlanResult } from '../../domain/planning';
import type { ExistingBacklog } from '../../domain/backlog';
import type { DecodedJson, PreviewOutcome } from '../http/json-body';

/*
 * Work that would hold up every room of the process if it ran on the event loop (RATE-PLAN-2,
 * BODY-6): POST /api/plan's Monte Carlo (up to about 30 million draws, 0.13 s, for the worst
 * input that passes validation) and decoding large JSON bodies (a 2 MB import: about 20 ms of
 * UTF-8 check, depth scan and parse). One thread at the lowest priority (two cores: the event
 * loop keeps one), and a short queue: a burst beyond it is refused at once (503) instead of
 * waiting. tinypool (vitest's pool): small, no dependencies, bounded queue and idle timeout.
 */

export const OFFLOAD_QUEUE = 16;

export class OffloadBusy extends Error {
  constructor() {
    super('The server is busy with other large requests; try again in a few seconds.');
  }
}

export interface Offload {
  plan(input: unknown): Promise<PlanResult>;
  json(bytes: Buffer, maxDepth: number): Promise<DecodedJson>;
  /** an import preview, from decoding the body on: the big strings never enter the event loop's heap */
  preview(bytes: Buffer, maxDepth: number, existing: ExistingBacklog): Promise<PreviewOutcome>;
  /** the thread's own heap (its RSS is the process's), or null while no thread runs: for the soak bench */
  memory(): Promise<{ heapUsedBytes: number; heapTotalBytes: number } | null>;
  close(): Promise<void>;
}

export function createOffload(opts: { threads?: number; queue?: number } = {}): Offload {
  const queue = opts.queue ?? OFFLOAD_QUEUE;
  const pool = new Tinypool({
    filename: fileURLToPath(new URL('./worker.mjs', import.meta.url)),
    minThreads: 0,
    maxThreads: opts.threads ?? 1,
    maxQueue: queue,
    // the thread costs a TypeScript loader and the planner's modules to start: keep it a while
    idleTimeout: 5 * 60_000,
  });
  async function run<T>(task: object, transfer?: ArrayBuffer[]): Promise<T> {
    if (pool.queueSize >= queue) throw new OffloadBusy();
    try {
      return (await pool.run(task, transfer ? { transferList: transfer } : {})) as T;
    } catch (err) {
      // tinypool's own queue check, should a burst pass ours between two ticks
      if (err instanceof Error && /queue is at limit/i.test(err.message)) throw new OffloadBusy();
      throw err;
    }
  }
  return {
    plan: (input) => run<PlanResult>({ kind: 'plan', input }),
    json(bytes, maxDepth) {
      const own = movable(bytes);
      return run<DecodedJson>({ kind: 'json', bytes: own, maxDepth }, [own.buffer]);
    },
    preview(bytes, maxDepth, existing) {
      const own = movable(bytes);
      return run<PreviewOutcome>({ kind: 'preview', bytes: own, maxDepth, existing }, [own.buffer]);
    },
    memory: async () => (pool.threads.length === 0 ? null : run({ kind: 'memory' })),
    close: () => pool.destroy(),
  };
}

/** Bytes whose whole buffer may move to the thread: the body's own (Buffer.concat of a large body), or a copy if it shares a pool. */
function movable(bytes: Buffer): Uint8Array<ArrayBuffer> {
  const b = bytes.buffer;
  if (b instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === b.byteLength) return new Uint8Array(b);
  return new Uint8Array(bytes);
}
