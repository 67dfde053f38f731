// Starts throw-away Postgres and Redis servers on loopback, in temporary directories, for the
// tests and the benchmark. Each is used only where its binaries exist (Debian: postgresql,
// redis-server); `npm test` then runs the Postgres and multi-process tests as well.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

function postgresBin() {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (existsSync(join(root, v, 'bin', 'initdb'))) return join(root, v, 'bin');
  }
  const initdb = which('initdb');
  return initdb ? initdb.replace(/\/initdb$/, '') : null;
}

async function waitFor(check, what, ms = 20_000) {
  const until = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) throw new Error(`${what} did not start within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Postgres refuses to run as root: run it as the `postgres` user then. */
function asServiceUser(dir) {
  if (userInfo().uid !== 0) return (cmd, args) => [cmd, args];
  const pg = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  if (pg.status !== 0) throw new Error('running as root, but there is no "postgres" user to run Postgres as');
  const uid = Number(pg.stdout.trim());
  const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  chownSync(dir, uid, gid);
  return (cmd, args) => ['runuser', ['-u', 'postgres', '--', cmd, ...args]];
}

export async function startPostgres(log = console.log) {
  const bin = postgresBin();
  if (!bin) return null;
  const dir = mkdtempSync(join(tmpdir(), 'me-pg-'));
  chmodSync(dir, 0o755);
  const wrap = asServiceUser(dir);
  const data = join(dir, 'data');
  const port = await freePort();
  const run = (cmd, args) => {
    const [c, a] = wrap(join(bin, cmd), args);
    execFileSync(c, a, { stdio: ['ignore', 'ignore', 'pipe'] });
  };
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  // fsync off: these servers live for one test run; nothing here survives an OS crash anyway
  run('pg_ctl', [
    '-D',
    data,
    '-l',
    join(dir, 'log'),
    '-w',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
    'start',
  ]);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  log(`Postgres on 127.0.0.1:${port} (${dir})`);
  return {
    url,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

export async function startRedis(log = console.log) {
  const bin = which('redis-server') ?? which('valkey-server');
  if (!bin) return null;
  const dir = mkdtempSync(join(tmpdir(), 'me-redis-'));
  const port = await freePort();
  const child = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
    stdio: 'ignore',
  });
  await waitFor(
    () =>
      new Promise((resolve) => {
        const s = createServer();
        s.once('error', () => resolve(true));
        s.listen(port, '127.0.0.1', () => s.close(() => resolve(false)));
      }),
    'Redis',
  );
  log(`Redis on 127.0.0.1:${port}`);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    bin,
    stop() {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Both, as far as they are installed; env holds TEST_DATABASE_URL / TEST_REDIS_URL for what runs. */
export async function startServices(log = console.log) {
  const env = {};
  const stops = [];
  if (!process.env.TEST_DATABASE_URL) {
    const pg = await startPostgres(log);
    if (pg) {
      env.TEST_DATABASE_URL = pg.url;
      stops.push(() => pg.stop());
    } else log('Postgres is not installed (Debian: apt-get install postgresql): the Postgres tests do not run.');
  }
  if (!process.env.TEST_REDIS_URL) {
    const redis = await startRedis(log);
    if (redis) {
      env.TEST_REDIS_URL = redis.url;
      env.TEST_REDIS_SERVER = redis.bin;
      stops.push(() => redis.stop());
    } else log('Redis is not installed (Debian: apt-get install redis-server): the multi-process tests do not run.');
  }
  return {
    env,
    stop() {
      for (const s of stops.reverse()) {
        try {
          s();
        } catch (err) {
          log(`stopping a test service failed: ${err.message}`);
        }
      }
    },
  };
}
