import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientMessages, commandMessage, type JoinAck, type SyncAck, type WatchAck, type WireError } from '../../domain/protocol';
import { request, startServer, type Client, type TestServer } from '../support/server';

// FUZZ-1, FUZZ-2 (docs/hardening.md): random and malformed messages at a running server.
// The room is locked and the sender is a participant (or nobody), so no message may change
// anything: every write must be refused with a clear code (never "internal"), only reads may
// succeed, and the server must keep serving.

const READS = new Set(['room:sync', 'card:history', 'room:timeline']);
// every event and command the protocol knows (a new one is fuzzed without touching this file), plus the hot path's type
const EVENTS = Object.keys(clientMessages);
const COMMANDS = [...commandMessage.options.map((o) => o.shape.type.value), 'card.move'];
const FIELDS = [
  'sessionId',
  'name',
  'observer',
  'participantId',
  'participantToken',
  'facilitatorSecret',
  'cardId',
  'to',
  'clientMoveId',
  'type',
  'title',
  'key',
  'scale',
  'kind',
  'values',
  'pingPong',
  'backAndForth',
  'maxMoves',
  'timebox',
  'phase',
  'personId',
  'role',
  'seconds',
  '__proto__',
  'constructor',
];

let server: TestServer;
let sessionId: string;
let pat: Client;
let stranger: Client;
let ids: string[];

beforeAll(async () => {
  server = await startServer();
  const w = await server.createWorkshop(['A', 'B', 'C']);
  sessionId = w.sessionId;
  const fay = await server.client();
  const fj = await request<JoinAck>(fay, 'room:join', { sessionId, name: 'Fay', facilitatorSecret: w.facilitatorSecret });
  if (!fj.ok) throw new Error(fj.error.message);
  pat = await server.client();
  const pj = await request<JoinAck>(pat, 'room:join', { sessionId, name: 'Pat' });
  if (!pj.ok) throw new Error(pj.error.message);
  await request(fay, 'card:move', { cardId: fj.snapshot.cards[0]!.id, to: 'v5' });
  await request(fay, 'room:command', { type: 'phase.set', phase: 'locked' });
  stranger = await server.client();
  ids = [...fj.snapshot.cards.map((c) => c.id), fj.me.participantId, pj.me.participantId, 'v5', 'v1', 'unsure', 'tM', 'c0'];
});
afterAll(() => server.stop());

function dbState() {
  const db = new Database(server.dbPath, { readonly: true });
  const events = db.prepare('select count(*) as n, max(version) as v from events where session_id = ?').get(sessionId);
  const people = db.prepare('select count(*) as n from participants').get();
  const items = db.prepare('select count(*) as n, group_concat(title) as t from items').get();
  db.close();
  return { events, people, items };
}

async function alive() {
  const res = await fetch(`${server.url}/healthz`);
  expect(res.status).toBe(200);
  const watcher = await server.client();
  const ack = await request<WatchAck>(watcher, 'room:watch', { sessionId });
  expect(ack.ok).toBe(true);
  watcher.disconnect();
}

const value = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constantFrom(...ids),
    fc.constantFrom('toString', '__proto__', 'hasOwnProperty', '', ' ', '../x', 'null', '<script>alert(1)</script>', 'x'.repeat(400)),
    fc.string({ maxLength: 80 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.uint8Array({ maxLength: 16 }).map((a) => Buffer.from(a)),
    fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 5 })), { maxLength: 25 }),
    fc.dictionary(fc.constantFrom(...FIELDS), fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean()), { maxKeys: 3 }),
  );

/** Near-valid payloads: the right shape with random fields, and plain junk. */
const payload = () =>
  fc.oneof(
    fc.anything({ maxDepth: 3 }),
    fc.dictionary(fc.constantFrom(...FIELDS), value(), { maxKeys: 6 }),
    fc
      .tuple(fc.constantFrom(...COMMANDS), fc.dictionary(fc.constantFrom(...FIELDS), value(), { maxKeys: 4 }))
      .map(([type, rest]) => ({ ...rest, type })),
  );

/** built after beforeAll: the ids of the real room are part of the alphabet */
const message = () =>
  fc.record({
    event: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...EVENTS) },
      fc.string({ maxLength: 20 }),
      fc.constantFrom('__proto__', 'constructor', 'toString', 'protocol:error', 'room:event'),
    ),
    args: fc.array(payload(), { minLength: 0, maxLength: 3 }),
    ack: fc.boolean(),
  });

type Reply = { ok: boolean; error?: WireError };

describe('schema fuzz', () => {
  it('FUZZ-1 random and malformed messages never crash the server, never change the room, never fail as "internal"', async () => {
    const before = dbState();
    const snapshotBefore = await request<SyncAck>(pat, 'room:sync', {});
    const replies: { event: string; reply: Reply }[] = [];
    const errors: WireError[] = [];
    pat.on('protocol:error', (e) => errors.push(e));
    stranger.on('protocol:error', (e) => errors.push(e));
    await fc.assert(
      fc.asyncProperty(fc.array(message(), { minLength: 1, maxLength: 15 }), async (batch) => {
        const waits: Promise<void>[] = [];
        for (const m of batch) {
          // join and watch go from a socket that is nobody: joining the room is the one write a stranger may do
          const from = m.event === 'room:join' || m.event === 'room:watch' ? stranger : pat;
          const emit = from.emit as (e: string, ...a: unknown[]) => void;
          try {
            if (m.ack) {
              waits.push(
                new Promise<void>((resolve) =>
                  emit.call(from, m.event, ...m.args, (reply: Reply) => {
                    replies.push({ event: m.event, reply });
                    resolve();
                  }),
                ),
              );
            } else emit.call(from, m.event, ...m.args);
          } catch {
            // the client library refuses reserved names itself
          }
        }
        await Promise.all(waits);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 120) },
    );
    // a round trip on each socket flushes the messages sent without an ack
    await request(pat, 'room:sync', {});
    await request(stranger, 'room:sync', {});
    expect(replies.length).toBeGreaterThan(200);
    const writesAccepted = replies.filter((r) => r.reply.ok && !READS.has(r.event));
    expect(writesAccepted).toEqual([]);
    const codes = [...replies.flatMap((r) => (r.reply.ok ? [] : [r.reply.error!.code])), ...errors.map((e) => e.code)];
    expect(codes).not.toContain('internal');
    for (const r of replies) if (!r.reply.ok) expect(r.reply.error!.message.length).toBeGreaterThan(5);
    expect(dbState()).toEqual(before);
    const after = await request<SyncAck>(pat, 'room:sync', {});
    if (!after.ok || !snapshotBefore.ok) throw new Error('sync failed');
    const { serverNow: _a, ...a } = after.snapshot;
    const { serverNow: _b, ...b } = snapshotBefore.snapshot;
    expect(a).toEqual(b);
    await alive();
  });

  it('FUZZ-2 broken socket.io packets and deep nesting end at most that connection', async () => {
    const before = dbState();
    const packets = fc.sample(
      fc.oneof(
        fc.constantFrom(
          '2',
          '2[',
          '42',
          '42[',
          '42["room:join",',
          '42[1,2,3]',
          '42{"a":1}',
          '43',
          '451-["card:move",{"_placeholder":true,"num":7}]',
          '0/admin,',
          '1',
          '3',
          '5',
          '6',
          '9',
          '4',
        ),
        fc.string({ maxLength: 40 }),
        fc.string({ maxLength: 40 }).map((s) => `42${s}`),
      ),
      { numRuns: 150, seed: 42 },
    );
    for (let i = 0; i < packets.length; i += 10) {
      const junk = await server.client();
      const engine = junk.io.engine as unknown as { send(s: string): void };
      for (const p of packets.slice(i, i + 10)) engine.send(p);
      let deep: unknown = 1;
      for (let d = 0; d < 2000; d++) deep = [deep];
      (junk.emit as (e: string, p: unknown) => void)('card:move', deep);
      await new Promise((r) => setTimeout(r, 20));
      junk.disconnect();
    }
    expect(dbState()).toEqual(before);
    await alive();
  });
});
