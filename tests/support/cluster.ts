import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../e2e/support/server';

/* Pieces of a several-process deployment for tests and the benchmark: nginx (with the config
   from docs/deploy/nginx.conf) and a Redis of the test's own, which it can stop and start. */

const root = join(import.meta.dirname, '..', '..');

export { freePort };

export function which(cmd: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${cmd} || ls /usr/sbin/${cmd} 2>/dev/null`], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim().split('\n')[0] : undefined;
}

export const nginxBin = which('nginx');
export const redisBin = process.env.TEST_REDIS_SERVER ?? which('redis-server') ?? which('valkey-server');

async function until(check: () => Promise<boolean> | boolean, what: string, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(true));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(false)));
  });

/** docs/deploy/nginx.conf with this test's prefix, port and upstream processes */
export function renderNginxConf(prefix: string, listen: number, upstreams: number[]): string {
  const servers = upstreams.map((p) => `server 127.0.0.1:${p} max_fails=1 fail_timeout=2s;`).join('\n    ');
  return readFileSync(join(root, 'docs', 'deploy', 'nginx.conf'), 'utf8')
    .replaceAll('{{PREFIX}}', prefix)
    .replaceAll('{{LISTEN}}', `127.0.0.1:${listen}`)
    .replaceAll('{{UPSTREAMS}}', servers);
}

export async function startNginx(upstreams: number[]) {
  if (!nginxBin) throw new Error('nginx is not installed');
  const prefix = mkdtempSync(join(tmpdir(), 'me-nginx-'));
  // nginx's workers run as an unprivileged user when started by root: let them use the folder
  chmodSync(prefix, 0o777);
  for (const d of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(prefix, d), { mode: 0o777 });
  const port = await freePort();
  const conf = join(prefix, 'nginx.conf');
  writeFileSync(conf, renderNginxConf(prefix, port, upstreams));
  const child = spawn(nginxBin, ['-p', prefix, '-c', conf, '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  await until(async () => {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${log}`);
    return listening(port);
  }, 'nginx listening');
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}

/** A Redis of the test's own, on a fixed port, that can be stopped and started again (an outage). */
export async function ownRedis() {
  if (!redisBin) throw new Error('redis-server is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'me-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(redisBin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
      stdio: 'ignore',
    });
    await until(() => listening(port), 'redis listening');
  };
  const stop = async () => {
    const c = child;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    start,
    stop,
    async dispose() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
