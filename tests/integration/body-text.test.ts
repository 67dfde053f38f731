import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandAck, JoinAck, WorkshopOverview } from '../../domain/protocol';
import { call } from '../support/api';
import { request, startServer, type TestServer } from '../support/server';

type ErrorBody = { error: { code: string; message: string; fields?: { path: string; message: string }[] } };

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.stop();
});

describe('text is normalized at every edge (docs/hardening.md TEXT-*)', () => {
  it('TEXT-10 HTTP: workshop name, titles, keys and descriptions are stored normalized; invisible-only text is refused', async () => {
    const created = await call<{ workshopId: string; sessionId: string; facilitatorSecret: string }>(server, 'POST', '/api/workshops', {
      body: { name: ' Shop\u202E\u200B  Relaunch ', items: ['Login\u00A0 with\tSSO', 'Mu\u0308ller\u2066 \u2069report', 'Team 👨‍👩‍👧 board'] },
    });
    expect(created.status).toBe(201);
    const { workshopId, sessionId, facilitatorSecret: token } = created.body;
    const added = await call(server, 'POST', `/api/sessions/${sessionId}/items`, {
      token,
      body: { items: [{ title: '\u200BSearch', key: 'K\u200D-1\uFE0F', description: 'line 1\r\n\u202Eline 2' }] },
    });
    expect(added.status).toBe(201);
    const overview = await call<WorkshopOverview>(server, 'GET', `/api/workshops/${workshopId}`, { token });
    expect(overview.body.name).toBe('Shop Relaunch');
    expect(overview.body.items.map((i) => [i.key, i.title, i.description])).toEqual([
      [null, 'Login with SSO', ''],
      [null, 'Müller report', ''],
      [null, 'Team 👨‍👩‍👧 board', ''],
      ['K-1', 'Search', 'line 1\nline 2'],
    ]);

    const blank = await call<ErrorBody>(server, 'POST', '/api/workshops', { body: { name: '\u200B\u202E\u3164 ', items: [] } });
    expect(blank.status).toBe(400);
    expect(blank.body.error.fields?.[0]).toEqual({
      path: 'name',
      message: 'a workshop needs a name (spaces, invisible and control characters do not count)',
    });
  });

  it('TEXT-10 sockets: display names and card titles are normalized; a name of invisible characters is refused', async () => {
    const w = await server.createWorkshop(['A']);
    const c = await server.client();
    const bad = await request<JoinAck>(c, 'room:join', { sessionId: w.sessionId, name: '\u202E\u200D ' });
    expect(bad.ok).toBe(false);
    const joined = await request<JoinAck>(c, 'room:join', {
      sessionId: w.sessionId,
      name: 'Anna\u202E nimda',
      facilitatorSecret: w.facilitatorSecret,
    });
    expect(joined.ok && joined.me.name).toBe('Anna nimda');
    expect(joined.ok && joined.snapshot.people[joined.me.participantId]?.name).toBe('Anna nimda');
    const add = await request<CommandAck>(c, 'room:command', { type: 'card.add', title: 'Checkout\u0000 \u2028flow', key: '\u200BX-9' });
    expect(add.ok).toBe(true);
    const snap = await request<{ ok: true; snapshot: { cards: { key: string | null; title: string }[] } }>(c, 'room:sync', {});
    expect(snap.snapshot.cards.at(-1)).toMatchObject({ key: 'X-9', title: 'Checkout flow' });
  });
});
