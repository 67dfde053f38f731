// `npm run bench:poinz-setup`: a checkout of Poinz (github.com/Zuehlke/poinz) for `npm run bench`
// to compare with, outside this repository (POINZ_DIR, default ~/.cache/magic-estimation/poinz),
// at a pinned commit, with its server's runtime dependencies (no install scripts). POINZ_GIT
// names another clone to copy from (a mirror, when GitHub is out of reach).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

const COMMIT = '94febfc2';
const dir = process.env.POINZ_DIR ?? join(homedir(), '.cache', 'magic-estimation', 'poinz');
const source = process.env.POINZ_GIT ?? 'https://github.com/Zuehlke/poinz.git';
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, stdio: 'inherit' });

if (!existsSync(join(dir, '.git'))) {
  mkdirSync(dirname(dir), { recursive: true });
  run('git', ['clone', '--quiet', source, dir]);
}
run('git', ['-c', 'advice.detachedHead=false', 'checkout', '--quiet', COMMIT], dir);
run('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], join(dir, 'server'));
console.log(`Poinz ${COMMIT} is ready in ${dir}; npm run bench now runs it beside the app and the relay.`);
