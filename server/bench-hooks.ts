import type { IncomingMessage, ServerResponse } from 'node:http';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { sendJson } from './http/respond';

/**
 * BENCH_HOOKS=1 (off by default; `npm run bench` sets it): GET /bench/stats answers what the
 * benchmark cannot see from outside: CPU time, event-loop delay since the last call (watched
 * from the first `?loop=1` on), heap after a full GC (`?gc=1`), and the sizes of the in-memory maps. Never enable it on a public server:
 * a forced GC is a pause. GET /bench/profile?start and ?stop record a CPU profile of what
 * happens in between (the answer to ?stop is the .cpuprofile JSON).
 */
export function createBenchHooks(sizes: () => Promise<Record<string, number>>) {
  // sampled every 10 ms once a caller asks for it (?loop=1): a finer timer would itself load the loop
  const delay = monitorEventLoopDelay({ resolution: 10 });
  let watching = false;
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const ms = (ns: number) => +(ns / 1e6).toFixed(2);

  let profiler: Session | undefined;

  async function profile(url: URL, res: ServerResponse) {
    if (url.searchParams.has('start')) {
      profiler = new Session();
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.setSamplingInterval', { interval: 200 });
      await profiler.post('Profiler.start');
      return sendJson(res, 200, { profiling: true });
    }
    if (!profiler) return sendJson(res, 409, { error: 'not profiling' });
    const { profile: p } = await profiler.post('Profiler.stop');
    profiler.disconnect();
    profiler = undefined;
    sendJson(res, 200, p);
  }

  return function handle(req: IncomingMessage, res: ServerResponse): boolean {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method !== 'GET' || !url.pathname.startsWith('/bench/')) return false;
    if (url.pathname === '/bench/profile') {
      void profile(url, res).catch((err: unknown) => sendJson(res, 500, { error: String(err) }));
      return true;
    }
    if (url.pathname !== '/bench/stats') return false;
    if (url.searchParams.get('loop') === '1' && !watching) {
      watching = true;
      delay.enable();
    }
    const loop = { p50Ms: ms(delay.percentile(50)), p99Ms: ms(delay.percentile(99)), maxMs: ms(delay.max), samples: delay.count };
    delay.reset();
    if (url.searchParams.get('gc') === '1') gc();
    const cpu = process.cpuUsage();
    const mem = process.memoryUsage();
    const base = {
      cpuUs: cpu.user + cpu.system,
      eventLoopDelay: loop,
      heapUsedBytes: mem.heapUsed,
      heapTotalBytes: mem.heapTotal,
      codeSpaceBytes: getHeapSpaceStatistics().find((x) => x.space_name === 'code_space')?.space_size ?? 0,
      rssBytes: mem.rss,
      externalBytes: mem.external,
    };
    void sizes().then(
      (more) => sendJson(res, 200, { ...base, ...more }),
      (err: unknown) => sendJson(res, 500, { error: String(err) }),
    );
    return true;
  };
}
