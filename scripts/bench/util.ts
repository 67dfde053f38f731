// Small pieces every benchmark shape uses: clocks, percentiles, /proc readings, socket helpers.
import { readFileSync } from 'node:fs';
import { io, type Socket } from 'socket.io-client';
import { rng } from '../../tests/support/sim';

export type Sock = Socket;

export const now = () => performance.now();
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const round = (x: number, d = 2) => (Number.isFinite(x) ? +x.toFixed(d) : 0);
/** progress goes to stderr; stdout is the JSON result */
export const say = (line: string) => process.stderr.write(`${line}\n`);

export interface Stats {
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? 0;
  return { samples: s.length, p50: round(q(0.5)), p95: round(q(0.95)), p99: round(q(0.99)), max: round(s.at(-1) ?? 0) };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return 0;
  const m = Math.floor(s.length / 2);
  return round(s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2);
}

export const ratio = (a: number, b: number) => round(b > 0 ? a / b : 0);

/** the machine's 1-minute load average (other engineers share the two cores) */
export const load1 = () => Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);

/** resident memory (KB) and CPU time (ms) of a process, from /proc */
export function proc(pid: number) {
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const cpuMs = (Number(f[11]) + Number(f[12])) * 10; // utime + stime in clock ticks of 10 ms
  return { rssKb, cpuMs };
}

/** CPU time (ms) of several processes together */
export const cpuMsOf = (pids: number[]) => pids.reduce((sum, pid) => sum + proc(pid).cpuMs, 0);
export const rssKbOf = (pids: number[]) => pids.reduce((sum, pid) => sum + proc(pid).rssKb, 0);

export const emit = <T>(s: Sock, e: string, p: unknown) => new Promise<T>((r) => s.emit(e, p, r));

export function connect(url: string): Promise<Sock> {
  const s = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
  return new Promise((resolve, reject) => {
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  });
}

export const closeAll = (socks: Sock[]) => socks.forEach((s) => s.disconnect());

/** the tests' seeded PRNG (mulberry32): the soak's traffic is the same on every run */
export { rng };
export type Rng = ReturnType<typeof rng>;
