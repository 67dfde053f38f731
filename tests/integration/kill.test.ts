import { afterAll, describe, expect, it } from 'vitest';
import { AppProcess } from '../e2e/support/server';
import { boardInDatabase, missingFromLog, rng, SimClient } from '../support/sim';

// FAULT-1 (docs/hardening.md): SIGKILL the server process while clients move cards. The
// production server runs as a child process without Next (NO_NEXT=1); clients reconnect on
// their own (socket.io), join again with their identity and resend their offline moves.

// moves every 3 ms to have many in flight at the kill: the per-connection rate limit is not under test here
const app = new AppProcess({ NO_NEXT: '1', LOG_LEVEL: 'warn', SOCKET_RATE_PER_SECOND: '100000', SOCKET_RATE_BURST: '100000' });
afterAll(() => app.dispose());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('crash', () => {
  it(
    'FAULT-1 after a SIGKILL mid-move every acknowledged move is in the database and every client converges to it',
    { timeout: 60_000 },
    async () => {
      await app.start();
      const w = await app.createWorkshop(
        'Crash',
        Array.from({ length: 12 }, (_, i) => `Card ${i + 1}`),
      );
      const fac = new SimClient(app.url, w.sessionId, 'Fay', { facilitatorSecret: w.facilitatorSecret, autoReconnect: true });
      const movers = Array.from({ length: 5 }, (_, i) => new SimClient(app.url, w.sessionId, `P${i + 1}`, { autoReconnect: true }));
      const clients = [fac, ...movers];
      try {
        await Promise.all(clients.map((c) => c.open()));
        expect((await fac.command({ type: 'phase.set', phase: 'review' }))?.ok).toBe(true);
        const cards = fac.replica!.confirmed.cards.map((c) => c.id);
        const buckets = [...fac.replica!.confirmed.scale.buckets.map((b) => b.id), null];

        let moving = true;
        const loops = movers.map(async (c, i) => {
          const r = rng(i + 1);
          // every 3 ms a move, connected or not (offline moves wait as pending, like in the browser)
          while (moving) {
            void c.move(r.pick(cards), r.pick(buckets));
            await sleep(3);
          }
        });
        await sleep(400);
        const ackedBeforeKill = movers.reduce((n, c) => n + c.acked.length, 0);
        await app.stop('SIGKILL');
        await sleep(300);
        await app.start();
        // the clients find the server again by themselves
        await Promise.all(clients.map((c) => c.whenJoined()));
        await sleep(300);
        moving = false;
        await Promise.all(loops);
        for (let round = 0; round < 3; round++) await Promise.all(clients.map((c) => c.settled()));

        const { board, events } = await boardInDatabase({ path: app.dbPath }, w.sessionId);
        const acked = movers.flatMap((c) => c.acked);
        expect(ackedBeforeKill).toBeGreaterThan(20);
        expect(acked.length).toBeGreaterThan(ackedBeforeKill);
        expect(missingFromLog(events, acked)).toEqual([]);
        // versions in the log are 1..n without holes: nothing half-written
        expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
        const deadline = Date.now() + 5000;
        while (clients.some((c) => c.replica!.confirmed.version < board.version) && Date.now() < deadline) await sleep(20);
        for (const c of clients) {
          expect(c.replica!.pending, c.name).toEqual([]);
          expect(c.replica!.confirmed, c.name).toEqual(board);
        }
      } finally {
        for (const c of clients) c.close();
      }
    },
  );
});
