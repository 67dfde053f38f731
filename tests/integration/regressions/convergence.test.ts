import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keptSeeds, runSeed } from '../../support/convergence';
import { startServer, type TestServer } from '../../support/server';

// CONV-FUZZ-2: every seed the convergence fuzz ever failed on (convergence-seeds.json), replayed.
let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.stop());

describe('kept convergence seeds', () => {
  it('CONV-FUZZ-2 every kept seed converges', { timeout: 60_000 }, async () => {
    const seeds = keptSeeds();
    for (const seed of seeds) await expect(runSeed(server, seed), `seed ${seed}`).resolves.toBeDefined();
  });
});
