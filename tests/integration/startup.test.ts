import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

// SEC-START-1 (docs/hardening.md): a start that cannot work says so in one line that names the
// path and the fix, and exits with 1: no stack trace for an operator to read through.

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'me-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function start(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: root,
      env: { ...process.env, NO_NEXT: '1', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

const cases: [string, () => string, RegExp][] = [
  [
    'the path is a directory',
    () => {
      const p = join(dir, 'a-folder');
      mkdirSync(p);
      return p;
    },
    /is a directory/,
  ],
  [
    'a part of the path is a file',
    () => {
      const f = join(dir, 'a-file');
      writeFileSync(f, 'x');
      return join(f, 'db.sqlite');
    },
    /is a file, not a folder/,
  ],
  [
    'the file is not a database',
    () => {
      const f = join(dir, 'garbage.db');
      writeFileSync(f, 'this is not a database file '.repeat(20));
      return f;
    },
    /is not a database of this app/,
  ],
];

describe('start-up', () => {
  it.each(cases)('SEC-START-1 %s: one clear line and exit code 1', { timeout: 30_000 }, async (_what, path, message) => {
    const p = path();
    const { code, out } = await start({ DATABASE_PATH: p });
    expect(code).toBe(1);
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Cannot start: /);
    expect(lines[0]).toContain(p);
    expect(lines[0]).toMatch(message);
    expect(lines[0]).toMatch(/DATABASE_PATH/);
  });

  it('SEC-START-1 the file is locked by another program: one clear line and exit code 1', { timeout: 30_000 }, async () => {
    const p = join(dir, 'locked.db');
    const other = new Database(p);
    other.pragma('locking_mode = EXCLUSIVE');
    other.exec('create table t (x); begin exclusive; insert into t values (1);');
    try {
      const { code, out } = await start({ DATABASE_PATH: p });
      expect(code).toBe(1);
      expect(out.trim().split('\n')).toEqual([
        expect.stringMatching(
          new RegExp(`^Cannot start: the database file ${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is locked by another program`),
        ),
      ]);
    } finally {
      other.exec('rollback');
      other.close();
    }
  });

  it('SEC-START-1 a bad setting names the variable', { timeout: 30_000 }, async () => {
    const { code, out } = await start({ DATABASE_URL: 'mysql://nope', DATABASE_PATH: join(dir, 'ok.db') });
    expect(code).toBe(1);
    expect(out.trim()).toMatch(/^Cannot start: DATABASE_URL must be a postgres:\/\/ URL/);
  });
});
