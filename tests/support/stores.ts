import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openPostgresStore, openSqliteStore, type Store } from '../../db';

/**
 * The engines a store test runs on: SQLite always, Postgres when TEST_DATABASE_URL is set
 * (`npm test` starts a throw-away server where Postgres is installed, and CI installs it).
 */
export interface Engine {
  name: 'sqlite' | 'postgres';
  /** a fresh, empty database; `open` opens another store on the same database (a second process) */
  fresh(): Promise<{ open(): Promise<Store>; url?: string; path?: string; drop(): Promise<void> }>;
}

export const postgresUrl = process.env.TEST_DATABASE_URL;

const sqlite: Engine = {
  name: 'sqlite',
  async fresh() {
    const dir = mkdtempSync(join(tmpdir(), 'me-store-'));
    const path = join(dir, 'test.db');
    return {
      path,
      open: async () => openSqliteStore(path),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
};

async function dropDatabase(url: string) {
  const admin = new URL(url);
  const name = admin.pathname.slice(1);
  if (!/^me_[0-9a-f]+$/.test(name)) throw new Error(`not a test database: ${name}`);
  admin.pathname = '/postgres';
  const c = new pg.Client({ connectionString: admin.toString() });
  await c.connect();
  await c.query(`drop database if exists ${name} with (force)`);
  await c.end();
}

/** A database of its own per test, created from the server's default one. */
export async function freshPostgresDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `me_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => dropDatabase(url.toString()) };
}
freshPostgresDatabase.drop = dropDatabase;

const postgres = (adminUrl: string): Engine => ({
  name: 'postgres',
  async fresh() {
    const db = await freshPostgresDatabase(adminUrl);
    return { url: db.url, open: () => openPostgresStore(db.url), drop: db.drop };
  },
});

export const engines: Engine[] = [sqlite, ...(postgresUrl ? [postgres(postgresUrl)] : [])];
