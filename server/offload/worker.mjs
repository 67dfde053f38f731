// The offload thread (server/offload/pool.ts): work that would hold up every room if it ran on
// the event loop. The server may run without a TypeScript loader in its threads (`npm start`
// registers tsx through its API), so the thread registers its own.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import process from 'node:process';
import { register } from 'tsx/esm/api';

// Linux: this thread alone gets the lowest priority, so on a busy machine the event loop (the
// rooms) comes first and this work takes what is left. /proc/thread-self -> "<pid>/task/<tid>".
try {
  setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), 19);
} catch {
  // elsewhere it runs at the normal priority
}

register();
const { computePlan } = await import('../../domain/planning/plan.ts');
const { decodeJsonBody, previewFromBytes } = await import('../http/json-body.ts');

/** { kind: 'plan', input } | { kind: 'json', bytes, maxDepth } | { kind: 'preview', bytes, maxDepth, existing } | { kind: 'memory' }: see pool.ts */
export default function run(task) {
  if (task.kind === 'memory') {
    const m = process.memoryUsage();
    return { heapUsedBytes: m.heapUsed, heapTotalBytes: m.heapTotal };
  }
  if (task.kind === 'plan') return computePlan(task.input);
  if (task.kind === 'preview') return previewFromBytes(task.bytes, task.maxDepth, task.existing);
  return decodeJsonBody(task.bytes, task.maxDepth);
}
