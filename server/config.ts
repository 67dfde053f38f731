import { resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  databasePath: string;
  dev: boolean;
  logLevel: string;
}

/** All configuration comes from the environment; README lists every variable. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    databasePath: resolve(env.DATABASE_PATH ?? 'data/magic-estimation.db'),
    dev: env.NODE_ENV === 'development',
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
