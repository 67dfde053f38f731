import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import { LIMITS, type CommandAck, type JoinAck, type MoveAck, type SyncAck, type WatchAck, type WireError } from '../../domain/protocol';
import { sha256 } from '../../server/ids';
import { call } from '../support/api';
import { NEW_PEOPLE_PER_CONNECTION } from '../../server/realtime/hub';
import { request, startServer, type Client, type TestServer } from '../support/server';

// Rule ids: docs/hardening.md

type Refusal = { ok: false; error: WireError };

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ allowedOrigins: ['https://intranet.example'] });
});
afterAll(() => server.stop());

/** Resolves with the connect error's message, or 'connected'. */
function tryConnect(url: string, headers: Record<string, string>): Promise<string> {
  const c = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: headers });
  return new Promise((resolve) => {
    c.once('connect', () => {
      c.disconnect();
      resolve('connected');
    });
    c.once('connect_error', (err) => {
      c.disconnect();
      resolve(err.message);
    });
  });
}

async function version(c: Client) {
  const s = await request<SyncAck>(c, 'room:sync', {});
  if (!s.ok) throw new Error(s.error.message);
  return s.snapshot.version;
}

describe('origins', () => {
  it('SEC-ORIGIN-1 a page of a foreign origin cannot open a socket', async () => {
    expect(await tryConnect(server.url, { origin: 'https://evil.example' })).not.toBe('connected');
    expect(await tryConnect(server.url, { origin: 'null' })).not.toBe('connected');
    // the same host on another port is another origin
    expect(await tryConnect(server.url, { origin: server.url.replace(/:\d+$/, ':1') })).not.toBe('connected');
  });

  it('SEC-ORIGIN-2 same-origin pages, ALLOWED_ORIGINS and non-browser clients (no Origin) may connect', async () => {
    expect(await tryConnect(server.url, { origin: server.url })).toBe('connected');
    expect(await tryConnect(server.url, { origin: 'https://intranet.example' })).toBe('connected');
    expect(await tryConnect(server.url, {})).toBe('connected');
  });
});

describe('security headers', () => {
  it('SEC-HEAD-1 every answer carries CSP, nosniff, no-referrer, frame-ancestors none and a permissions policy', async () => {
    for (const path of ['/healthz', '/api/workshops/nope', '/j/NOPE42', '/anything']) {
      const res = await fetch(`${server.url}${path}`, { redirect: 'manual' });
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('unsafe-eval');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('permissions-policy')).toContain('camera=()');
    }
  });

  it('SEC-XSS-1 no component renders HTML from strings (user text is always React text)', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(tsx?|jsx?)$/.test(name)) files.push(p);
      }
    };
    walk(join(import.meta.dirname, '..', '..', 'app'));
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.filter((f) =>
      /dangerouslySetInnerHTML|\.innerHTML\s*=|insertAdjacentHTML|document\.write/.test(readFileSync(f, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});

describe('sizes and limits', () => {
  it('SEC-SIZE-1 a socket message over 64 KB is dropped with its connection; nothing changes and others go on', async () => {
    const w = await server.createWorkshop(['A']);
    const fay = await server.client();
    const fj = await request<JoinAck>(fay, 'room:join', { sessionId: w.sessionId, name: 'Fay', facilitatorSecret: w.facilitatorSecret });
    if (!fj.ok) throw new Error(fj.error.message);
    const before = await version(fay);
    const big = await server.client();
    await request<JoinAck>(big, 'room:join', { sessionId: w.sessionId, name: 'Big' });
    const closed = new Promise<string>((resolve) => big.once('disconnect', (reason) => resolve(reason)));
    big.emit('room:command', { type: 'card.add', title: 'x'.repeat(70 * 1024) } as never, () => {});
    expect(await closed).toBe('transport close');
    // the join of "Big" was one event; the oversized message added nothing
    expect(await version(fay)).toBe(before + 1);
  });

  it('SEC-LIMIT-1 a session holds at most 500 items: card.add over the socket is refused with a clear error', async () => {
    const w = await server.createWorkshop(Array.from({ length: LIMITS.itemsPerSession }, (_, i) => `Item ${i}`));
    const fay = await server.client();
    const fj = await request<JoinAck>(fay, 'room:join', { sessionId: w.sessionId, name: 'Fay', facilitatorSecret: w.facilitatorSecret });
    if (!fj.ok) throw new Error(fj.error.message);
    const before = await version(fay);
    const ack = await request<Refusal>(fay, 'room:command', { type: 'card.add', title: 'One too many' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(ack.error.message).toContain(`${LIMITS.itemsPerSession}`);
    expect(await version(fay)).toBe(before);
    // the HTTP API says the same
    const res = await call<{ error: WireError }>(server, 'POST', `/api/sessions/${w.sessionId}/items`, {
      token: w.facilitatorSecret,
      body: { items: [{ title: 'Another' }] },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(`${LIMITS.itemsPerSession}`);
    expect(await version(fay)).toBe(before);
  });

  it('SEC-LIMIT-2 titles over 300 characters and names over 60 are refused with the field', async () => {
    const w = await server.createWorkshop(['A']);
    const fay = await server.client();
    const fj = await request<JoinAck>(fay, 'room:join', { sessionId: w.sessionId, name: 'Fay', facilitatorSecret: w.facilitatorSecret });
    if (!fj.ok) throw new Error(fj.error.message);
    const before = await version(fay);
    const long = 'x'.repeat(LIMITS.titleLength + 1);
    const add = await request<Refusal>(fay, 'room:command', { type: 'card.add', title: long });
    expect(add).toMatchObject({ ok: false, error: { code: 'bad_request', fields: [{ path: 'title' }] } });
    const edit = await request<Refusal>(fay, 'room:command', { type: 'card.edit', cardId: fj.snapshot.cards[0]!.id, title: long });
    expect(edit).toMatchObject({ ok: false, error: { code: 'bad_request', fields: [{ path: 'title' }] } });
    const name = await request<Refusal>(await server.client(), 'room:join', {
      sessionId: w.sessionId,
      name: 'n'.repeat(LIMITS.nameLength + 1),
    });
    expect(name).toMatchObject({ ok: false, error: { code: 'bad_request', fields: [{ path: 'name' }] } });
    const http = await call<{ error: WireError }>(server, 'POST', '/api/workshops', { body: { name: 'W', items: [long] } });
    expect(http.status).toBe(400);
    expect(http.body.error.fields?.[0]?.path).toBe('items.0');
    expect(await version(fay)).toBe(before);
  });

  it('SEC-LIMIT-3 a room takes at most 100 people; the next is told the room is full', async () => {
    const w = await server.createWorkshop(['A']);
    let c = await server.client();
    for (let i = 0; i < LIMITS.participantsPerRoom; i++) {
      // a connection creates only a few people (SEC-JOIN-1): use a new one now and then
      if (i > 0 && i % NEW_PEOPLE_PER_CONNECTION === 0) c = await server.client();
      const a = await request<JoinAck>(c, 'room:join', { sessionId: w.sessionId, name: `P${i}` });
      expect(a.ok).toBe(true);
    }
    const full = await request<Refusal>(await server.client(), 'room:join', { sessionId: w.sessionId, name: 'One more' });
    expect(full).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(full.error.message).toContain('full');
  });

  it('SEC-RATE-1 drag previews have their own budget: a hover flood never costs a move', async () => {
    const limited = await startServer({ rate: { perSecond: 5, burst: 5 } });
    try {
      const w = await limited.createWorkshop(['A']);
      const fay = await limited.client();
      const fj = await request<JoinAck>(fay, 'room:join', { sessionId: w.sessionId, name: 'Fay', facilitatorSecret: w.facilitatorSecret });
      if (!fj.ok) throw new Error(fj.error.message);
      const seen = await limited.client();
      await request<WatchAck>(seen, 'room:watch', { sessionId: w.sessionId });
      let previews = 0;
      seen.on('room:dragging', () => previews++);
      for (let i = 0; i < 500; i++) fay.emit('drag:hover', { cardId: fj.snapshot.cards[0]!.id });
      const move = await request<MoveAck>(fay, 'card:move', { cardId: fj.snapshot.cards[0]!.id, to: 'v5' });
      expect(move.ok).toBe(true);
      await request<SyncAck>(seen, 'room:sync', {});
      // sampled: some previews pass, most of the flood is dropped silently
      expect(previews).toBeGreaterThan(0);
      expect(previews).toBeLessThan(100);
    } finally {
      await limited.stop();
    }
  });
});

describe('secrets', () => {
  it("SEC-SECRET-1 the facilitator secret, its hash and other people's tokens never reach a participant or the projector", async () => {
    const w = await server.createWorkshop(['A', 'B', 'C']);
    const fay = await server.client();
    const fj = await request<JoinAck>(fay, 'room:join', { sessionId: w.sessionId, name: 'Fay', facilitatorSecret: w.facilitatorSecret });
    if (!fj.ok) throw new Error(fj.error.message);
    const pat = await server.client();
    const proj = await server.client();
    const received: unknown[] = [];
    pat.onAny((...args) => received.push(args));
    proj.onAny((...args) => received.push(args));
    const pj = await request<JoinAck>(pat, 'room:join', { sessionId: w.sessionId, name: 'Pat' });
    if (!pj.ok) throw new Error(pj.error.message);
    received.push({ ...pj, me: null }, await request<WatchAck>(proj, 'room:watch', { sessionId: w.sessionId }));
    const cards = fj.snapshot.cards.map((c) => c.id);
    // everything a facilitator does, over the socket and the HTTP API
    const cmds: object[] = [
      { type: 'card.add', title: 'D' },
      { type: 'card.edit', cardId: cards[0], title: 'A!' },
      { type: 'scale.set', scale: { kind: 'tshirt' } },
      { type: 'settings.set', pingPong: { backAndForth: true, maxMoves: 2 } },
      { type: 'phase.set', phase: 'sorting' },
      { type: 'timer.start', seconds: 60 },
      { type: 'phase.set', phase: 'review' },
      { type: 'card.flag', cardId: cards[1] },
      { type: 'person.rename', personId: pj.me.participantId, name: 'Patricia' },
      { type: 'person.setRole', personId: pj.me.participantId, role: 'observer' },
      { type: 'phase.set', phase: 'locked' },
    ];
    for (const cmd of cmds) expect((await request<CommandAck>(fay, 'room:command', cmd)).ok).toBe(true);
    await call(server, 'POST', `/api/sessions/${w.sessionId}/commands`, {
      token: w.facilitatorSecret,
      body: { type: 'phase.set', phase: 'review' },
    });
    await request<MoveAck>(fay, 'card:move', { cardId: cards[2], to: 'tM' });
    received.push(
      await request(pat, 'room:timeline', {}),
      await request(pat, 'card:history', { cardId: cards[0] }),
      await request(pat, 'room:sync', {}),
    );
    received.push(await request(proj, 'room:sync', {}));
    // the participant's and projector's own failed attempts get no secret either
    received.push(await request(pat, 'room:join', { sessionId: w.sessionId, name: 'X', facilitatorSecret: 'wrong' }));
    received.push(await request(proj, 'room:command', { type: 'phase.set', phase: 'setup' }));
    const text = JSON.stringify(received);
    expect(received.length).toBeGreaterThan(20);
    expect(text).toContain('Patricia');
    expect(text).not.toContain(w.facilitatorSecret);
    expect(text).not.toContain(sha256(w.facilitatorSecret));
    expect(text).not.toContain(fj.me.participantToken);
    expect(text).not.toContain(sha256(fj.me.participantToken));
    expect(text).not.toContain(pj.me.participantToken);
  });

  it('SEC-SECRET-2 a wrong secret of any length is refused (constant-time compare of hashes)', async () => {
    const w = await server.createWorkshop(['A']);
    for (const wrong of ['x', w.facilitatorSecret.slice(0, -1), `${w.facilitatorSecret}x`, w.facilitatorSecret.toUpperCase()]) {
      const ack = await request<Refusal>(await server.client(), 'room:join', {
        sessionId: w.sessionId,
        name: 'M',
        facilitatorSecret: wrong,
      });
      expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      const res = await call(server, 'GET', `/api/sessions/${w.sessionId}`, { token: wrong });
      expect(res.status).toBe(403);
    }
  });
});
