import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CreateWorkshopResult } from '../../../domain/protocol';

const root = join(import.meta.dirname, '..', '..', '..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** The real production server (next build + socket.io + SQLite) as a child process, restartable on the same port and file. */
export class AppProcess {
  /** extra environment, e.g. { NO_NEXT: '1' } for the API and sockets only (fault tests, the load benchmark) */
  constructor(private readonly extraEnv: Record<string, string> = {}) {}

  private child: ChildProcess | null = null;
  readonly dir = mkdtempSync(join(tmpdir(), 'me-e2e-'));
  readonly dbPath = join(this.dir, 'e2e.db');
  port = 0;
  log = '';

  /** how the last process ended (null while it runs) */
  exitCode: number | null = null;

  /** the process runs (it has not exited or crashed) */
  get alive(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** the server's process id while it runs */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  async start() {
    if (!this.port) this.port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DATABASE_PATH: this.dbPath,
        NEXT_TELEMETRY_DISABLED: '1',
        ...this.extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.on('data', (d: Buffer) => (this.log += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.log += d.toString()));
    await this.waitHealthy();
  }

  private async waitHealthy() {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (this.child?.exitCode !== null) throw new Error(`server exited early:\n${this.log}`);
      try {
        const res = await fetch(`${this.url}/healthz`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`server did not become healthy:\n${this.log}`);
  }

  /**
   * Signals the server and waits for it to exit. A server that is still there after `withinMs`
   * is killed and the call fails with its log: a stop that hangs is a bug, not a slow test.
   */
  async stop(signal: NodeJS.Signals = 'SIGTERM', withinMs = 20_000) {
    const child = this.child;
    this.child = null;
    // a child that already died (crashed, or killed by a signal) has nothing left to stop
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), withinMs)));
    const outcome = await Promise.race([exited, late]);
    clearTimeout(timer);
    if (outcome === 'late') {
      child.kill('SIGKILL');
      await exited;
      throw new Error(`the server did not exit within ${withinMs} ms of ${signal}:\n${this.log.slice(-4000)}`);
    }
    this.exitCode = outcome;
  }

  async restart(signal: NodeJS.Signals = 'SIGTERM') {
    await this.stop(signal);
    await this.start();
  }

  async dispose() {
    try {
      await this.stop();
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }

  async createWorkshop(name: string, items: string[]): Promise<CreateWorkshopResult> {
    const res = await fetch(`${this.url}/api/workshops`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, items }),
    });
    if (res.status !== 201) throw new Error(`create failed ${res.status}: ${await res.text()}`);
    return (await res.json()) as CreateWorkshopResult;
  }
}
