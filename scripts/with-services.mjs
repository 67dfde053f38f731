// `node scripts/with-services.mjs <command...>`: runs the command with throw-away Postgres and
// Redis servers (where installed) and TEST_DATABASE_URL / TEST_REDIS_URL set, then stops them.
import { spawn } from 'node:child_process';
import { startServices } from './services.mjs';

const [cmd, ...args] = process.argv.slice(2);
if (!cmd) {
  console.error('usage: node scripts/with-services.mjs <command> [args...]');
  process.exit(2);
}
const services = await startServices();
const child = spawn(cmd, args, { stdio: 'inherit', env: { ...process.env, ...services.env } });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  services.stop();
  process.exit(code ?? (signal ? 1 : 0));
});
