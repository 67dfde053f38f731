import { statSync } from 'node:fs';
import type { Config } from './config';

const isDirectory = (path: string) => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/** A start-up failure a person can fix, as one sentence naming the path or address; undefined otherwise. */
export function startupProblem(
  err: unknown,
  config: Pick<Config, 'databasePath' | 'databaseUrl' | 'redisUrl' | 'port'>,
): string | undefined {
  const e = err as { code?: string; message?: string };
  const code = e.code ?? '';
  const path = config.databasePath;
  const fix = 'set DATABASE_PATH to a writable file (e.g. DATABASE_PATH=data/magic-estimation.db)';
  if (!config.databaseUrl) {
    if (code === 'EISDIR' || isDirectory(path)) return `the database path ${path} is a directory; ${fix}.`;
    if (code === 'ENOTDIR' || code === 'EEXIST') return `a part of the database path ${path} is a file, not a folder; ${fix}.`;
    if (code === 'ENOENT') return `the folder of the database file ${path} cannot be created; ${fix}.`;
    if (code === 'EACCES' || code === 'EROFS' || code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN')
      return `the database file ${path} cannot be opened for writing (${code}); check its folder's permissions or ${fix}.`;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED')
      return `the database file ${path} is locked by another program; stop it, or ${fix}.`;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') return `${path} is not a database of this app (${code}); ${fix}.`;
  } else if (['ECONNREFUSED', 'ENOTFOUND', '28P01', '3D000', '28000'].includes(code)) {
    return `Postgres at DATABASE_URL cannot be used (${code}: ${e.message}); check the address, user and database.`;
  }
  if (config.redisUrl && /redis|ECONNREFUSED/i.test(`${code} ${e.message}`))
    return `Redis at REDIS_URL cannot be reached (${e.message}); check the address or unset REDIS_URL.`;
  if (code === 'EADDRINUSE') return `port ${config.port} is in use; stop the other server or set PORT.`;
  return undefined;
}
