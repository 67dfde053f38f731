export * from './store';
export * from './queries';
export { openSqliteStore, type SqliteStore } from './sqlite/store';
export { openPostgresStore } from './pg/store';

import { openPostgresStore } from './pg/store';
import { openSqliteStore } from './sqlite/store';
import type { Store } from './store';

/** DATABASE_URL=postgres://... selects Postgres; otherwise the SQLite file. */
export function openStore(opts: { databaseUrl?: string | undefined; databasePath: string }): Promise<Store> {
  if (opts.databaseUrl) return openPostgresStore(opts.databaseUrl);
  return Promise.resolve(openSqliteStore(opts.databasePath));
}
