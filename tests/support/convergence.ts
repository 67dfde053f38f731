import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { boardFromSnapshot, type RoomSnapshot } from '../../domain/protocol';
import { call } from './api';
import type { TestServer } from './server';
import { boardInDatabase, missingFromLog, rng, SimClient } from './sim';

/*
 * CONV-FUZZ-1 (docs/hardening.md): one seed = one random workshop run. 2 to 15 simulated
 * clients (one is the facilitator) move cards, the facilitator changes phases and flags,
 * clients drop off and come back (moving while offline), all in an order the seed chooses;
 * then everyone is back online and every client's board must equal the server's and the
 * database's, and every acknowledged move must be in the log.
 */

const PHASES = ['sorting', 'review', 'review', 'review', 'discussion'] as const;

/** One seed, with a time limit: a run that hangs (a client never joins, an answer never comes) fails like any other. */
export async function runSeed(server: TestServer, seed: number, limitMs = 15_000) {
  let timer: NodeJS.Timeout | undefined;
  const state: { clients?: SimClient[] } = {};
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const who = (state.clients ?? []).map(
        (c) =>
          `${c.name}: connected=${c.socket.connected} joined=${c.joined} pending=${c.replica?.pending.length} v=${c.replica?.confirmed.version}`,
      );
      reject(new Error(`seed ${seed} hung for ${limitMs} ms\n${who.join('\n')}`));
    }, limitMs);
  });
  try {
    return await Promise.race([play(server, seed, state), hung]);
  } finally {
    clearTimeout(timer);
    for (const c of state.clients ?? []) c.close();
  }
}

async function play(server: TestServer, seed: number, state: { clients?: SimClient[] }) {
  const r = rng(seed);
  const cards = Array.from({ length: r.int(3, 12) }, (_, i) => `Card ${i + 1}`);
  const w = await server.createWorkshop(cards);
  const people = r.int(2, 15);
  const clients = [
    new SimClient(server.url, w.sessionId, 'Fay', { facilitatorSecret: w.facilitatorSecret }),
    ...Array.from({ length: people - 1 }, (_, i) => new SimClient(server.url, w.sessionId, `P${i + 1}`)),
  ];
  state.clients = clients;
  const fac = clients[0]!;
  {
    await Promise.all(clients.map((c) => c.open()));
    await fac.command({ type: 'phase.set', phase: 'review' });
    const cardIds = fac.replica!.confirmed.cards.map((c) => c.id);
    const buckets: (string | null)[] = [...fac.replica!.confirmed.scale.buckets.map((b) => b.id), null];
    const steps = r.int(20, 60);
    for (let i = 0; i < steps; i++) {
      const roll = r.next();
      const c = r.pick(clients);
      if (roll < 0.6) void c.move(r.pick(cardIds), r.pick(buckets));
      else if (roll < 0.7) c.close();
      else if (roll < 0.8) {
        if (!c.socket.connected) void c.open();
      } else if (roll < 0.88) {
        const cmd = r.pick([
          { type: 'phase.set', phase: r.pick(PHASES) },
          { type: 'card.flag', cardId: r.pick(cardIds) },
          { type: 'card.unflag', cardId: r.pick(cardIds) },
          { type: 'cards.deal' },
        ]);
        void fac.command(cmd);
      } else await new Promise((resolve) => setTimeout(resolve, r.int(0, 4)));
    }
    // everyone back; wait for every answer (resent offline moves included)
    await Promise.all(clients.map((c) => (c.socket.connected ? c.whenJoined() : c.open())));
    for (let round = 0; round < 3; round++) await Promise.all(clients.map((c) => c.settled()));

    const { board: inDb, events } = await boardInDatabase(server.db, w.sessionId);
    const res = await call<RoomSnapshot>(server, 'GET', `/api/sessions/${w.sessionId}`, { token: w.facilitatorSecret });
    const onServer = boardFromSnapshot(res.body);
    expect(onServer).toEqual(inDb);
    // events reach everyone by broadcast (a gap fetches a snapshot): wait for the last one
    const deadline = Date.now() + 3000;
    while (clients.some((c) => c.replica!.confirmed.version < inDb.version) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 10));
    for (const c of clients) {
      expect(c.replica!.pending, `${c.name} still has pending moves`).toEqual([]);
      expect(c.replica!.confirmed, `${c.name}'s board`).toEqual(inDb);
    }
    expect(
      missingFromLog(
        events,
        clients.flatMap((c) => c.acked),
      ),
    ).toEqual([]);
    return { people, steps, version: inDb.version };
  }
}

const seedsFile = new URL('../integration/regressions/convergence-seeds.json', import.meta.url);

export const keptSeeds = (): number[] => JSON.parse(readFileSync(seedsFile, 'utf8')) as number[];

/** A failing seed is kept: it joins the regression list that tests/integration/regressions/ replays on every run. */
