// Builds the Next app when the sources changed since the last build (or there is none).
// Used by `npm start` and before the end-to-end tests, so a fresh clone needs no manual build.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const inputs = ['app', 'domain', 'messages', 'public', 'next.config.js', 'postcss.config.mjs', 'package-lock.json', 'tsconfig.json'];
const distDir = process.env.NEXT_DIST_DIR ?? '.next';
const stampFile = join(root, distDir, 'source-hash');

function walk(path, hash) {
  if (!existsSync(path)) return;
  const st = statSync(path);
  if (st.isDirectory()) {
    for (const name of readdirSync(path).sort()) walk(join(path, name), hash);
  } else {
    hash.update(path.slice(root.length));
    hash.update(readFileSync(path));
  }
}

export function sourceHash() {
  const hash = createHash('sha256');
  for (const p of inputs) walk(join(root, p), hash);
  return hash.digest('hex');
}

export function buildIfNeeded() {
  const want = sourceHash();
  const have = existsSync(stampFile) && existsSync(join(root, distDir, 'BUILD_ID')) ? readFileSync(stampFile, 'utf8') : '';
  if (have === want) return false;
  console.log('Building the web app (next build)…');
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
  writeFileSync(stampFile, want);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) buildIfNeeded();
