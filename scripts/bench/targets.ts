// What the benchmark drives: the app (one process on SQLite, or two processes on Postgres and
// Redis with the clients split across them) and the bare socket.io relay it is compared with.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CreateWorkshopResult } from '../../domain/protocol';
import { AppProcess } from '../../tests/e2e/support/server';
import type { DatabaseLocation } from '../../tests/support/sim';
import { say } from './util';

export interface HookStats {
  cpuUs: number;
  eventLoopDelay: { p50Ms: number; p99Ms: number; maxMs: number; samples: number };
  heapUsedBytes: number;
  heapTotalBytes: number;
  codeSpaceBytes: number;
  rssBytes: number;
  externalBytes: number;
  boards: number;
  sockets: number;
  writerPending: number;
  offloadHeapTotalBytes: number;
}

export interface AppTarget {
  label: string;
  /** one URL per process; client i connects to urls[i % urls.length] */
  urls: string[];
  pids(): number[];
  db: DatabaseLocation;
  createWorkshop(name: string, items: string[]): Promise<CreateWorkshopResult>;
  /** BENCH_HOOKS readings, one per process; gc: after a full garbage collection; loop: watch the event-loop delay from now on */
  hooks(gc?: boolean, loop?: boolean): Promise<HookStats[]>;
  /** BENCH_CPU_PROF=<dir>: start a CPU profile in every process; the returned stop writes <dir>/<name>-<i>.cpuprofile */
  profile(name: string): Promise<() => Promise<void>>;
  dispose(): Promise<void>;
}

export interface RelayTarget {
  url: string;
  pid: number;
  stop(): void;
}

/** `lifted`: every client of the bench comes from one address and moves back to back, so the per-connection and per-address limits are lifted; the abuse shape keeps the defaults */
function appEnv(extra: Record<string, string>, lifted = true): Record<string, string> {
  if (!lifted) return { NO_NEXT: '1', LOG_LEVEL: 'warn', BENCH_HOOKS: '1', ...extra };
  return {
    NO_NEXT: '1',
    LOG_LEVEL: 'warn',
    // one mover moving back to back is no person: lift the per-connection limit for the benchmark
    SOCKET_RATE_PER_SECOND: '100000',
    SOCKET_RATE_BURST: '100000',
    // every client comes from 127.0.0.1: lift the per-address budgets too
    LIMIT_CREATE_WORKSHOP: '100000/1',
    LIMIT_CREATE_SESSION: '100000/1',
    LIMIT_API: '100000/1',
    LIMIT_IMPORT: '100000/1',
    LIMIT_PLAN: '100000/1',
    LIMIT_NEW_PERSON: '100000/1',
    WATCHERS_PER_ADDRESS: '100000',
    SESSIONS_PER_WORKSHOP: '100000',
    BENCH_HOOKS: '1',
    ...extra,
  };
}

async function hooksOf(url: string, gc: boolean, loop: boolean): Promise<HookStats> {
  const res = await fetch(`${url}/bench/stats?gc=${gc ? 1 : 0}&loop=${loop ? 1 : 0}`);
  if (!res.ok) throw new Error(`bench hooks: ${res.status} (is BENCH_HOOKS=1 set?)`);
  return (await res.json()) as HookStats;
}

function target(label: string, procs: AppProcess[], db: DatabaseLocation, stop: () => Promise<void>): AppTarget {
  return {
    label,
    urls: procs.map((p) => p.url),
    pids: () => procs.map((p) => p.pid!),
    db,
    createWorkshop: (name, items) => procs[0]!.createWorkshop(name, items),
    hooks: (gc = false, loop = false) => Promise.all(procs.map((p) => hooksOf(p.url, gc, loop))),
    async profile(name) {
      const dir = process.env.BENCH_CPU_PROF;
      if (!dir) return async () => undefined;
      await Promise.all(procs.map((p) => fetch(`${p.url}/bench/profile?start`).then((r) => r.arrayBuffer())));
      return async () => {
        mkdirSync(dir, { recursive: true });
        for (const [i, p] of procs.entries())
          writeFileSync(join(dir, `${name}-${i}.cpuprofile`), await (await fetch(`${p.url}/bench/profile?stop`)).text());
      };
    },
    async dispose() {
      for (const p of procs) await p.dispose();
      await stop();
    },
  };
}

/** The default: one process, the SQLite file in a temp dir. */
export async function startSqliteApp(opts: { env?: Record<string, string>; lifted?: boolean } = {}): Promise<AppTarget> {
  const app = new AppProcess(appEnv(opts.env ?? {}, opts.lifted ?? true));
  await app.start();
  return target('1 process, SQLite', [app], { path: app.dbPath }, async () => undefined);
}

interface Service {
  url: string;
  stop(): void;
}
interface Services {
  startPostgres(log?: (line: string) => void): Promise<Service | null>;
  startRedis(log?: (line: string) => void): Promise<Service | null>;
}

/** --cluster: throw-away Postgres and Redis (scripts/services.mjs), two app processes sharing them. */
export async function startClusterApp(): Promise<AppTarget> {
  const services = (await import('../services.mjs' as string)) as Services;
  const stops: (() => void)[] = [];
  const pgUrl = process.env.TEST_DATABASE_URL ?? (await services.startPostgres(say).then((s) => s && (stops.push(s.stop), s.url)));
  const redisUrl = process.env.TEST_REDIS_URL ?? (await services.startRedis(say).then((s) => s && (stops.push(s.stop), s.url)));
  const stopAll = async () => stops.reverse().forEach((s) => s());
  if (!pgUrl || !redisUrl) {
    await stopAll();
    throw new Error(
      '--cluster needs Postgres and Redis (Debian: apt-get install postgresql redis-server), or TEST_DATABASE_URL and TEST_REDIS_URL',
    );
  }
  const procs = [0, 1].map(() => new AppProcess(appEnv({ DATABASE_URL: pgUrl, REDIS_URL: redisUrl })));
  for (const p of procs) await p.start();
  return target('2 processes, Postgres + Redis', procs, { url: pgUrl }, stopAll);
}

/** scripts/bench/relay.ts in a child process: ack and broadcast, nothing else. */
export async function startRelay(): Promise<RelayTarget> {
  // BENCH_CPU_PROF: the relay writes its profile when it stops (a child of ours takes the flag)
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...prof, '--expose-gc', '--import', 'tsx', 'scripts/bench/relay.ts'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim())));
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, stop: () => child.kill('SIGTERM') };
}
