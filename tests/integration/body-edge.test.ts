import { rawQuery } from '../support/sim';
import { Agent, request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/api';
import { startServer, type TestServer } from '../support/server';

type ErrorBody = { error: { code: string; message: string } };

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ allowedOrigins: ['https://partner.example'] });
});
afterAll(async () => {
  await server.stop();
});

const workshops = async () => Number((await rawQuery<{ n: number }>(server.db, 'select count(*) as n from workshops', []))[0]!.n);

async function raw(path: string, body: string | Uint8Array | ReadableStream<Uint8Array>, headers: Record<string, string>) {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers,
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) as ErrorBody };
}

const workshopBody = JSON.stringify({ name: 'W', items: ['A'] });

describe('request bodies (docs/hardening.md BODY-*)', () => {
  it('BODY-1 only application/json, by the parsed media type (also with a UTF-8 charset)', async () => {
    const before = await workshops();
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json-patch+json',
      'text/plain; a=application/json',
      'application/json; charset=latin1',
    ]) {
      const res = await raw('/api/workshops', workshopBody, { 'content-type': type });
      expect(res.status, type).toBe(415);
      expect(res.json().error.message).toBe('Send the body as application/json (UTF-8).');
    }
    expect((await raw('/api/workshops', workshopBody, {})).status).toBe(415);
    expect(await workshops()).toBe(before);
    for (const type of ['application/json', 'Application/JSON; charset="UTF-8"']) {
      expect((await raw('/api/workshops', workshopBody, { 'content-type': type })).status, type).toBe(201);
    }
  });

  it("BODY-2 a write from another site's page is refused and changes nothing; same origin, allowed origins and scripts are fine", async () => {
    const before = await workshops();
    const host = new URL(server.url).host;
    const refused: Record<string, string>[] = [
      { origin: 'https://evil.example', 'content-type': 'application/json' },
      // a plain HTML form posted from another site
      { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site' },
      { origin: 'null', 'content-type': 'application/json' },
      { 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' },
      { 'sec-fetch-site': 'same-site', 'content-type': 'application/json' },
    ];
    for (const headers of refused) {
      const res = await raw('/api/workshops', workshopBody, headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.json().error).toEqual({ code: 'forbidden', message: 'Requests from pages of other sites are not accepted.' });
    }
    // also writes without a body
    const w = await server.createWorkshop();
    const del = await call(server, 'POST', `/api/workshops/${w.workshopId}/share-links`, {
      token: w.facilitatorSecret,
      headers: { origin: 'https://evil.example' },
    });
    expect(del.status).toBe(403);
    expect(await workshops()).toBe(before + 1);

    const allowed: Record<string, string>[] = [
      { origin: `http://${host}` },
      { origin: 'https://partner.example' },
      // behind a proxy that rewrites Host the browser's own word counts
      { origin: 'https://estimation.example', 'sec-fetch-site': 'same-origin' },
      {},
    ];
    for (const headers of allowed) {
      expect(
        (await raw('/api/workshops', workshopBody, { 'content-type': 'application/json', ...headers })).status,
        JSON.stringify(headers),
      ).toBe(201);
    }
    // reads are not writes
    expect(
      (
        await call(server, 'GET', `/api/workshops/${w.workshopId}`, {
          token: w.facilitatorSecret,
          headers: { origin: 'https://evil.example' },
        })
      ).status,
    ).toBe(200);
  });

  it('BODY-3 a 5 MB body gets a 413 the client can read (not a reset), also without Content-Length; the server goes on', async () => {
    const five = new Uint8Array(5 * 1024 * 1024).fill(0x20);
    const sized = await raw('/api/workshops', five, { 'content-type': 'application/json' });
    expect(sized.status).toBe(413);
    expect(sized.json().error).toEqual({ code: 'bad_request', message: 'The body is larger than 64 KB.' });

    // chunked: the size is only known while reading
    const chunks = 80;
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ === chunks) controller.close();
        else controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
      },
    });
    const chunked = await raw('/api/workshops', stream, { 'content-type': 'application/json' });
    expect(chunked.status).toBe(413);
    expect(chunked.json().error.message).toBe('The body is larger than 64 KB.');

    const w = await server.createWorkshop([]);
    const importLimit = await raw(`/api/sessions/${w.sessionId}/import/preview`, five, {
      'content-type': 'application/json',
      authorization: `Bearer ${w.facilitatorSecret}`,
    });
    expect(importLimit.status).toBe(413);
    expect(importLimit.json().error.message).toBe('The body is larger than 2 MB.');
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('BODY-3 the connection stays usable after a 413: a second request on it is answered', async () => {
    const agentResults = await new Promise<number[]>((resolve, reject) => {
      const statuses: number[] = [];
      const url = new URL(server.url);
      const send = (body: Buffer, then: () => void) => {
        const req = httpRequest({
          host: url.hostname,
          port: url.port,
          path: '/api/workshops',
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': body.length, connection: 'keep-alive' },
          agent,
        });
        req.on('response', (res) => {
          statuses.push(res.statusCode ?? 0);
          res.resume();
          res.on('end', then);
        });
        req.on('error', reject);
        req.end(body);
      };
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      send(Buffer.alloc(300 * 1024, 0x20), () =>
        send(Buffer.from(workshopBody), () => {
          agent.destroy();
          resolve(statuses);
        }),
      );
    });
    expect(agentResults).toEqual([413, 201]);
  });

  it('BODY-4 deeply nested JSON is a 422, never a 500', async () => {
    const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    const res = await raw('/api/workshops', deep(30_000), { 'content-type': 'application/json' });
    expect(res.status).toBe(422);
    expect(res.json().error.message).toBe('The body nests deeper than 32 levels.');
    const plan = await raw('/api/plan', `{"velocity":${deep(400_000)}}`, { 'content-type': 'application/json' });
    expect(plan.status).toBe(422);
    // an import file is a string inside the body: its own nesting is the import's concern (a preview error, not a 500)
    const w = await server.createWorkshop([]);
    const nestedFile = await call<{ ok: boolean; error: { code: string } }>(server, 'POST', `/api/sessions/${w.sessionId}/import/preview`, {
      token: w.facilitatorSecret,
      body: { text: `[${deep(100_000)}]`, format: 'json' },
    });
    expect(nestedFile.status).toBe(200);
    expect(nestedFile.body).toMatchObject({ ok: false, error: { code: 'json_too_deep' } });
  });

  it('BODY-5 invalid UTF-8 and invalid JSON are 400', async () => {
    const bad = await raw('/api/workshops', new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), { 'content-type': 'application/json' });
    expect(bad.status).toBe(400);
    expect(bad.json().error.message).toBe('The body is not valid UTF-8.');
    const broken = await raw('/api/workshops', '{"name":', { 'content-type': 'application/json' });
    expect(broken.status).toBe(400);
    expect(broken.json().error.message).toBe('The body is not valid JSON.');
  });
});
