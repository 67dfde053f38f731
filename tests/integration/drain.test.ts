import { afterAll, describe, expect, it } from 'vitest';
import { Agent, request } from 'node:http';
import { AppProcess } from '../e2e/support/server';
import { boardInDatabase, missingFromLog, rng, SimClient } from '../support/sim';

// DRAIN-1 (docs/deploy.md): SIGTERM stops a process gracefully. It takes no new connections,
// finishes the writes in flight, tells every client to reconnect (spread over DRAIN_SPREAD_MS so
// they do not all land on the next process at once), closes and exits with 0.

const app = new AppProcess({ NO_NEXT: '1', LOG_LEVEL: 'warn', DRAIN_SPREAD_MS: '1000' });
afterAll(() => app.dispose());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('graceful stop', () => {
  it(
    'DRAIN-1 SIGTERM: writes in flight are kept, clients are told to go over about a second, the process exits cleanly',
    { timeout: 60_000 },
    async () => {
      await app.start();
      const w = await app.createWorkshop(
        'Drain',
        Array.from({ length: 8 }, (_, i) => `Card ${i + 1}`),
      );
      const fac = new SimClient(app.url, w.sessionId, 'Fay', { facilitatorSecret: w.facilitatorSecret });
      const movers = Array.from({ length: 8 }, (_, i) => new SimClient(app.url, w.sessionId, `P${i + 1}`));
      const clients = [fac, ...movers];
      try {
        await Promise.all(clients.map((c) => c.open()));
        expect((await fac.command({ type: 'phase.set', phase: 'review' }))?.ok).toBe(true);
        const told = new Map<string, number>();
        for (const c of clients) c.socket.on('server:draining', () => told.set(c.name, Date.now()));
        const cards = fac.replica!.confirmed.cards.map((c) => c.id);
        const buckets = fac.replica!.confirmed.scale.buckets.map((b) => b.id);
        let moving = true;
        const loops = movers.map(async (c, i) => {
          const r = rng(40 + i);
          while (moving && c.joined) {
            void c.move(r.pick(cards), r.pick(buckets));
            await sleep(4);
          }
        });
        await sleep(300);
        const url = app.url;
        const exit = app.stop('SIGTERM');
        // the load balancer's view: ready until the signal lands, then not (or gone)
        let ready: number | string = 200;
        for (const deadline = Date.now() + 5000; ready === 200 && Date.now() < deadline;) {
          ready = await fetch(`${url}/readyz`)
            .then((r) => r.status)
            .catch(() => 'refused');
        }
        await exit;
        moving = false;
        await Promise.all(loops);
        // a stopping process is not ready (or no longer listening)
        expect([503, 'refused']).toContain(ready);
        expect(app.exitCode).toBe(0);
        expect([...told.keys()].sort()).toEqual(clients.map((c) => c.name).sort());
        const times = [...told.values()];
        expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(500);
        const { events } = await boardInDatabase({ path: app.dbPath }, w.sessionId);
        const acked = movers.flatMap((c) => c.acked);
        expect(acked.length).toBeGreaterThan(20);
        expect(missingFromLog(events, acked)).toEqual([]);
      } finally {
        for (const c of clients) c.close();
      }
    },
  );
});

// DRAIN-2: a connection kept alive keeps a stopping server open only as long as its last request.
// Node's server.close() leaves a connection that was busy at that moment open for as long as
// requests keep coming on it (a browser retrying its socket, a proxy's keep-alive pool), so the
// process never exited. While stopping, every answer says `Connection: close`.
describe('graceful stop with a kept-alive connection', () => {
  const busy = new AppProcess({ NO_NEXT: '1', LOG_LEVEL: 'warn', DRAIN_SPREAD_MS: '500' });
  afterAll(() => busy.dispose());

  it(
    'DRAIN-2 a connection busy at SIGTERM and used every 300 ms after it does not hold the process open',
    { timeout: 60_000 },
    async () => {
      await busy.start();
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      /** `body`: sent once the server has taken the request in (its 100 Continue) and `later` resolves */
      const send = (method: string, path: string, body?: { taken: () => void; later: Promise<string> }) =>
        new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
          const headers = { 'content-type': 'application/json', ...(body ? { expect: '100-continue' } : {}) };
          const req = request(`${busy.url}${path}`, { method, agent, headers }, (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
          });
          req.on('error', reject);
          if (!body) return void req.end();
          req.on('continue', () => {
            body.taken();
            void body.later.then((text) => req.end(text));
          });
          req.flushHeaders();
        });
      try {
        expect((await send('GET', '/healthz')).connection).toBe('keep-alive');
        // the connection is busy when the signal lands: the server has the request, its body is still coming
        let finishBody = () => {};
        const later = new Promise<string>((r) => (finishBody = () => r(JSON.stringify({ name: 'Late', items: ['One'] }))));
        let taken = () => {};
        const inFlight = new Promise<void>((r) => (taken = r));
        const slow = send('POST', '/api/workshops', { taken, later });
        await inFlight;
        const exit = busy.stop('SIGTERM', 15_000);
        // the body comes once the server is stopping (its readiness says so, asked on another connection)
        for (let ready: number | string = 200; ready === 200;)
          ready = await fetch(`${busy.url}/readyz`).then(
            (r) => r.status,
            () => 'refused',
          );
        finishBody();
        const answered = await slow;
        expect(answered.connection).toBe('close');
        // a client that goes on asking on the same agent gets a new connection, which is refused
        let asking = true;
        const outcomes: string[] = [];
        const asker = (async () => {
          while (asking) {
            outcomes.push(
              await send('GET', '/healthz').then(
                (r) => `${r.status} ${r.connection}`,
                (err: NodeJS.ErrnoException) => err.code ?? 'error',
              ),
            );
            await sleep(300);
          }
        })();
        await exit;
        asking = false;
        await asker;
        expect(busy.exitCode).toBe(0);
        expect(outcomes.length).toBeGreaterThan(0);
        expect(outcomes.every((o) => o === 'ECONNREFUSED' || o.endsWith(' close'))).toBe(true);
      } finally {
        agent.destroy();
      }
    },
  );
});
