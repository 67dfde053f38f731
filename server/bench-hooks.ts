import type { IncomingMessage, ServerResponse } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { sendJson } from './http/respond';

/**
 * BENCH_HOOKS=1 (off by default; `npm run bench` sets it): GET /bench/stats answers what the
 * benchmark cannot see from outside: CPU time, event-loop delay since the last call, heap after
 * a full GC (`?gc=1`), and the sizes of the in-memory maps. Never enable it on a public server:
 * a forced GC is a pause.
 */
export function createBenchHooks(sizes: () => Record<string, number>) {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const ms = (ns: number) => +(ns / 1e6).toFixed(2);

  return function handle(req: IncomingMessage, res: ServerResponse): boolean {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method !== 'GET' || url.pathname !== '/bench/stats') return false;
    const loop = { p50Ms: ms(delay.percentile(50)), p99Ms: ms(delay.percentile(99)), maxMs: ms(delay.max), samples: delay.count };
    delay.reset();
    if (url.searchParams.get('gc') === '1') gc();
    const cpu = process.cpuUsage();
    const mem = process.memoryUsage();
    sendJson(res, 200, {
      cpuUs: cpu.user + cpu.system,
      eventLoopDelay: loop,
      heapUsedBytes: mem.heapUsed,
      rssBytes: mem.rss,
      externalBytes: mem.external,
      ...sizes(),
    });
    return true;
  };
}
