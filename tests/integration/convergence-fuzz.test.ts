import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepSeed, runSeed } from '../support/convergence';
import { startServer, type TestServer } from '../support/server';

// CONV-FUZZ-1 (docs/hardening.md). FUZZ_SEED=<n> picks the first seed (default: a new one per
// run, printed); FUZZ_SEEDS=<count> how many (default 50). A failing seed is written to
// tests/integration/regressions/convergence-seeds.json and replayed on every later run.
const first = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 1e9));
const count = Number(process.env.FUZZ_SEEDS ?? 50);

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.stop());

describe('convergence fuzz', () => {
  it(`CONV-FUZZ-1 ${count} random runs from seed ${first}: every client ends on the server's and the database's board`, { timeout: 120_000 }, async () => {
    const failed: { seed: number; error: string }[] = [];
    for (let seed = first; seed < first + count; seed++) {
      try {
        await runSeed(server, seed);
      } catch (err) {
        keepSeed(seed);
        failed.push({ seed, error: String(err).slice(0, 500) });
      }
    }
    expect(failed).toEqual([]);
  });
});
