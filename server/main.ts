import { fileURLToPath } from 'node:url';
import { createApp } from './app';
import { readConfig } from './config';
import { createLogger } from './log';

const config = readConfig();
const log = createLogger(config.logLevel);
const dir = fileURLToPath(new URL('..', import.meta.url));

const app = await createApp({ databasePath: config.databasePath, log, next: { dev: config.dev, dir } });
const port = await app.listen(config.port, config.host);
log.info({ port, database: config.databasePath, dev: config.dev }, 'server started');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    log.info({ signal }, 'server stopping');
    app.close().finally(() => process.exit(0));
  });
}
