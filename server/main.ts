import { fileURLToPath } from 'node:url';
import { createApp, type App } from './app';
import { readConfig, type Config } from './config';
import { readIntegrationsConfig, type IntegrationsConfig } from './integrations/config';
import { createLogger } from './log';
import { startupProblem } from './startup';

function fail(line: string): never {
  process.stderr.write(`Cannot start: ${line}\n`);
  process.exit(1);
}

let config: Config;
let integrations: IntegrationsConfig;
try {
  config = readConfig();
  integrations = readIntegrationsConfig();
} catch (err) {
  fail((err as Error).message);
}
const log = createLogger(config.logLevel);
const dir = fileURLToPath(new URL('..', import.meta.url));

let app: App;
let port: number;
try {
  app = await createApp({
    databasePath: config.databasePath,
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}),
    log,
    // NO_NEXT=1: API and sockets only (fault tests and the load benchmark need no pages)
    ...(config.next ? { next: { dev: config.dev, dir } } : {}),
    allowedOrigins: config.allowedOrigins,
    rate: config.rate,
    boardCacheSize: config.boardCacheSize,
    drainSpreadMs: config.drainSpreadMs,
    quotas: config.quotas,
    caps: config.caps,
    retentionMs: config.retentionMs,
    edge: config.edge,
    integrations,
    benchHooks: config.benchHooks,
    ...(config.metricsToken ? { metricsToken: config.metricsToken } : {}),
  });
  port = await app.listen(config.port, config.host);
} catch (err) {
  // one line that names the path and the fix, not a stack trace
  const problem = startupProblem(err, config);
  if (!problem) throw err;
  fail(problem);
}
log.info(
  { port, database: config.databaseUrl ? 'postgres' : config.databasePath, redis: !!config.redisUrl, dev: config.dev, next: config.next },
  'server started',
);
if (!integrations.status.enabled) log.warn({ reason: integrations.status.reason }, integrations.problem ?? 'Jira and webhooks are off');

// A library that loses a promise (socket.io's Redis adapter stores a session with an unawaited
// SET, which fails while Redis is away) must not take the whole server down with it.
process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled rejection (ignored, the server goes on)'));

// SIGTERM (orchestrators, systemd): drain gracefully; SIGINT (Ctrl-C): the same, a second one stops at once
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    log.info({ signal }, 'server stopping');
    // the last word: a peer that never answers (a WebSocket close, a stuck request) cannot keep
    // the process from exiting; the writes are settled long before this
    const deadlineMs = config.drainSpreadMs + 15_000;
    setTimeout(() => {
      log.error({ deadlineMs }, 'stopping took too long; exiting now');
      process.exit(1);
    }, deadlineMs).unref();
    app
      .drain()
      .catch((err: unknown) => log.error({ err }, 'stop failed'))
      .finally(() => process.exit(0));
  });
}
