import { fileURLToPath } from 'node:url';
import { createApp } from './app';
import { readConfig } from './config';
import { createLogger } from './log';

const config = readConfig();
const log = createLogger(config.logLevel);
const dir = fileURLToPath(new URL('..', import.meta.url));

const app = await createApp({
  databasePath: config.databasePath,
  ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
  log,
  // NO_NEXT=1: API and sockets only (fault tests and the load benchmark need no pages)
  ...(config.next ? { next: { dev: config.dev, dir } } : {}),
  allowedOrigins: config.allowedOrigins,
  rate: config.rate,
});
const port = await app.listen(config.port, config.host);
log.info({ port, database: config.databaseUrl ? 'postgres' : config.databasePath, dev: config.dev, next: config.next }, 'server started');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    log.info({ signal }, 'server stopping');
    app.close().finally(() => process.exit(0));
  });
}
