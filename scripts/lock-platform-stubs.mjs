// The npm mirror this project installs from serves only some platforms' binary packages
// (no darwin/win32/android builds of @next/swc or @tailwindcss/oxide), so npm leaves them out
// of package-lock.json and `npm ci` then refuses the lock as "Missing: ... from lock file".
// This adds an entry for each missing optional platform package, with its version and the
// os/cpu read from its name, so npm ci skips it on other platforms as it would with a full lock.
// Run after `npm install` changes the lock: node scripts/lock-platform-stubs.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const OS = ['darwin', 'win32', 'linux', 'freebsd', 'android', 'openbsd', 'sunos', 'aix', 'wasm32'];
const CPU = ['arm64', 'x64', 'arm', 'ia32', 'ppc64', 's390x', 'riscv64', 'loong64', 'wasi'];

let added = 0;
for (const [path, pkg] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    const at = `node_modules/${name}`;
    const nested = `${path}/node_modules/${name}`;
    if (lock.packages[at] || lock.packages[nested]) continue;
    const parts = name.split('/').pop().split('-');
    const os = parts.find((p) => OS.includes(p));
    const cpu = parts.find((p) => CPU.includes(p));
    if (!os || !cpu) continue;
    const entry = {
      version: String(version).replace(/^[\^~]/, ''),
      cpu: [cpu === 'wasi' ? 'wasm32' : cpu],
      optional: true,
      os: [os === 'wasm32' ? 'wasi' : os],
    };
    if (pkg.dev) entry.dev = true;
    lock.packages[at] = entry;
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`platform stubs added: ${added}`);
