import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VersionedEvent } from '../../domain/board';
import { AppProcess } from '../e2e/support/server';
import { nginxBin, ownRedis, redisBin, renderNginxConf, startNginx } from '../support/cluster';
import { boardInDatabase, missingFromLog, rng, SimClient } from '../support/sim';
import { freshPostgresDatabase, postgresUrl } from '../support/stores';

/*
 * CLUSTER-* (docs/deploy.md): two app processes on one Postgres and one Redis, behind nginx
 * with the configuration of docs/deploy/nginx.conf. Runs wherever the three are installed
 * (`npm test` starts Postgres and Redis itself; CI installs all three).
 */

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('nginx configuration', () => {
  it('CLUSTER-0 docs/deploy/nginx.conf renders with every placeholder filled and websocket upgrades on', () => {
    const conf = renderNginxConf('/tmp/x', 8080, [3001, 3002]);
    expect(conf).not.toMatch(/\{\{/);
    expect(conf).toContain('server 127.0.0.1:3001');
    expect(conf).toContain('server 127.0.0.1:3002');
    expect(conf).toMatch(/proxy_set_header Upgrade \$http_upgrade/);
    expect(conf).toMatch(/proxy_read_timeout 75s/);
  });
});

const available = postgresUrl && redisBin && nginxBin ? ['postgres + redis + nginx'] : [];

describe.each(available)('two processes behind nginx (%s)', () => {
  let db: { url: string; drop(): Promise<void> };
  let redis: Awaited<ReturnType<typeof ownRedis>>;
  let apps: AppProcess[];
  let proxy: Awaited<ReturnType<typeof startNginx>>;
  const clients: SimClient[] = [];

  beforeAll(async () => {
    db = await freshPostgresDatabase(postgresUrl!);
    redis = await ownRedis();
    const env = { NO_NEXT: '1', LOG_LEVEL: 'warn', DATABASE_URL: db.url, REDIS_URL: redis.url, DRAIN_SPREAD_MS: '200' };
    apps = [new AppProcess(env), new AppProcess(env)];
    for (const a of apps) await a.start();
    proxy = await startNginx(apps.map((a) => a.port));
  }, 60_000);

  afterAll(async () => {
    for (const c of clients.splice(0)) c.close();
    await proxy?.stop();
    for (const a of apps ?? []) await a.dispose();
    await redis?.dispose();
    await db?.drop();
  });

  /** every room:event a client receives, to check order */
  function recorded(c: SimClient): number[] {
    const seen: number[] = [];
    c.socket.on('room:event', (e: VersionedEvent) => seen.push(e.version));
    return seen;
  }

  async function converged(list: SimClient[], sessionId: string) {
    for (let round = 0; round < 3; round++) await Promise.all(list.map((c) => c.settled()));
    const { board } = await boardInDatabase({ url: db.url }, sessionId);
    const deadline = Date.now() + 10_000;
    while (list.some((c) => c.replica!.confirmed.version < board.version) && Date.now() < deadline) {
      await Promise.all(list.filter((c) => c.replica!.confirmed.version < board.version).map((c) => c.sync()));
      await sleep(50);
    }
    return board;
  }

  it(
    "CLUSTER-1 clients on different processes see each other's moves, in order, and agree with the database",
    { timeout: 60_000 },
    async () => {
      const w = await apps[0]!.createWorkshop(
        'Cluster',
        Array.from({ length: 10 }, (_, i) => `Card ${i + 1}`),
      );
      const fac = new SimClient(apps[0]!.url, w.sessionId, 'Fay', { facilitatorSecret: w.facilitatorSecret });
      const ann = new SimClient(apps[0]!.url, w.sessionId, 'Ann');
      const ben = new SimClient(apps[1]!.url, w.sessionId, 'Ben');
      const cid = new SimClient(proxy.url, w.sessionId, 'Cid');
      const list = [fac, ann, ben, cid];
      clients.push(...list);
      await Promise.all(list.map((c) => c.open()));
      const seen = list.map(recorded);
      expect((await fac.command({ type: 'phase.set', phase: 'review' }))?.ok).toBe(true);
      const cards = fac.replica!.confirmed.cards.map((c) => c.id);
      const buckets = fac.replica!.confirmed.scale.buckets.map((b) => b.id);
      const r = rng(7);
      for (let i = 0; i < 30; i++) {
        await Promise.all([ann.move(r.pick(cards), r.pick(buckets)), ben.move(r.pick(cards), r.pick(buckets))]);
      }
      const board = await converged(list, w.sessionId);
      // a random move to where the card already is, is refused as no change; every other one is acked
      expect(ann.acked.length + ben.acked.length + ann.refused.length + ben.refused.length).toBe(60);
      expect([...ann.refused, ...ben.refused].every((code) => code === 'no_change')).toBe(true);
      for (const [i, c] of list.entries()) {
        // every event reaches every connection (through Redis from the other process)...
        expect(new Set(seen[i]).size, c.name).toBeGreaterThan(55);
        // ...and each client applies them in version order (a snapshot after a long wait only jumps ahead)
        expect(
          c.applied.every((v, k) => k === 0 || v > c.applied[k - 1]!),
          `${c.name} ${c.applied.join(',')} resyncs=${c.resyncs}`,
        ).toBe(true);
      }
      for (const c of list) expect(c.replica!.confirmed, c.name).toEqual(board);
      for (const c of list) c.close();
    },
  );

  /** a room in review with a facilitator and movers, each mover moving random cards until stopped */
  async function busyRoom(name: string, facUrl: string, moverUrls: string[], seed: number, pauseMs: number, awaitEach: boolean) {
    const w = await apps[0]!.createWorkshop(
      name,
      Array.from({ length: 10 }, (_, i) => `Card ${i + 1}`),
    );
    const fac = new SimClient(facUrl, w.sessionId, 'Fay', { facilitatorSecret: w.facilitatorSecret, autoReconnect: true });
    const movers = moverUrls.map((url, i) => new SimClient(url, w.sessionId, `${name}${i + 1}`, { autoReconnect: true }));
    const list = [fac, ...movers];
    clients.push(...list);
    await Promise.all(list.map((c) => c.open()));
    expect((await fac.command({ type: 'phase.set', phase: 'review' }))?.ok).toBe(true);
    const cards = fac.replica!.confirmed.cards.map((c) => c.id);
    const buckets = fac.replica!.confirmed.scale.buckets.map((b) => b.id);
    let moving = true;
    const loops = movers.map(async (c, i) => {
      const r = rng(seed + i);
      while (moving) {
        const move = c.move(r.pick(cards), r.pick(buckets));
        if (awaitEach) await move;
        await sleep(pauseMs);
      }
    });
    const stop = async () => {
      moving = false;
      await Promise.all(loops);
    };
    return { w, fac, movers, list, cards, buckets, stop };
  }

  it(
    'CLUSTER-2 a process killed with SIGKILL loses no acknowledged move; its clients reconnect through nginx to the other',
    { timeout: 90_000 },
    async () => {
      const { w, movers, list, stop } = await busyRoom('Kill', apps[1]!.url, Array(6).fill(proxy.url), 100, 5, false);
      await sleep(500);
      const before = movers.reduce((n, c) => n + c.acked.length, 0);
      await apps[0]!.stop('SIGKILL');
      // the clients find the living process through nginx by themselves
      await Promise.all(movers.map((c) => c.whenJoined()));
      await sleep(500);
      await stop();
      const board = await converged(list, w.sessionId);
      const { events } = await boardInDatabase({ url: db.url }, w.sessionId);
      const acked = movers.flatMap((c) => c.acked);
      expect(before).toBeGreaterThan(20);
      expect(acked.length).toBeGreaterThan(before);
      expect(missingFromLog(events, acked)).toEqual([]);
      expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
      for (const c of list) {
        expect(c.replica!.pending, c.name).toEqual([]);
        expect(c.replica!.confirmed, c.name).toEqual(board);
      }
      for (const c of list) c.close();
      await apps[0]!.start();
    },
  );

  it('CLUSTER-3 Redis stopped for a few seconds: no move is lost and every client catches up', { timeout: 90_000 }, async () => {
    const { w, movers, list, cards, buckets, stop } = await busyRoom(
      'Outage',
      apps[0]!.url,
      [0, 1, 0, 1].map((i) => apps[i]!.url),
      200,
      10,
      true,
    );
    await sleep(300);
    await redis.stop();
    const during = movers.reduce((n, c) => n + c.acked.length, 0);
    await sleep(2500);
    await redis.start();
    await sleep(1000);
    await stop();
    const acked = movers.flatMap((c) => c.acked);
    // moves go on while Redis is away: the database orders them, Redis only carries the news
    expect(acked.length).toBeGreaterThan(during);
    const board = await converged(list, w.sessionId);
    const { events } = await boardInDatabase({ url: db.url }, w.sessionId);
    expect(missingFromLog(events, acked)).toEqual([]);
    for (const c of list) expect(c.replica!.confirmed, c.name).toEqual(board);
    // both processes lived through it
    expect(apps.map((a) => a.alive)).toEqual([true, true]);
    // and Redis carries news again: a move on one process reaches a client on the other
    const seenAfter = recorded(movers[1]!);
    const at = movers[0]!.replica!.confirmed.placement[cards[0]!];
    const [first, second] = buckets.filter((b) => b !== at);
    expect((await movers[0]!.move(cards[0]!, first!))?.ok).toBe(true);
    expect((await movers[0]!.move(cards[0]!, second!))?.ok).toBe(true);
    const deadline = Date.now() + 10_000;
    while (seenAfter.length < 2 && Date.now() < deadline) await sleep(20);
    expect(seenAfter.length).toBeGreaterThanOrEqual(2);
    for (const c of list) c.close();
  });
});
