// One hostile client of the abuse shape (./abuse.ts), in a process of its own so that its
// sending does not slow down the process that measures the mover. Arguments: the server's URL,
// the address it claims through the trusted proxy header, the victim's session id and the
// attacks (BENCH_ABUSE). It stops when its stdin closes and prints what it got as JSON.
import { io } from 'socket.io-client';
import type { CreateWorkshopResult } from '../../domain/protocol';
import { emit, now, sleep, type Sock } from './util';

/** the worst plan that passes validation (scripts/bench-planning.ts: about 30 million draws) */
const WORST_PLAN = {
  backlog: { totalAp: 100_000 },
  velocity: { unit: 'AP', history: [0.001, 1000] },
  monteCarlo: { trials: 200_000, maxSprintsPerTrial: 10_000, horizon: 0 },
};

/** an import preview as large as the body limit allows (2 MB): long rows of many columns */
function bigCsv(): string {
  const rows = ['Summary;Description;Story Points;Labels;Component'];
  let size = rows[0]!.length;
  for (let i = 0; size < 1.9 * 2 ** 20; i++) {
    const row = `Item ${i} ${'with a long title '.repeat(4)};${'A description that goes on and on. '.repeat(3)};${i % 13};a,b,c;core`;
    rows.push(row);
    size += row.length + 1;
  }
  return rows.join('\n');
}

export interface Tally {
  ok: number;
  refused: number;
  failed: number;
}

/** One hostile client: several loops at once, each sending as fast as it is answered; a 429 waits out its Retry-After. */
async function attacker(url: string, address: string, roomId: string, kinds: string[], until: () => boolean) {
  const headers = { 'x-forwarded-for': address };
  const tally: Record<string, Tally> = {};
  const count = (kind: string, r: 'ok' | 'refused' | 'failed') => ((tally[kind] ??= { ok: 0, refused: 0, failed: 0 })[r] += 1);
  const csv = JSON.stringify({ text: bigCsv(), format: 'csv' });
  // as many items as one create takes (500) in a body under the 64 KB limit
  const items = Array.from({ length: 500 }, (_, i) => `Attacker item ${i} ${'x'.repeat(100)}`);
  let own: CreateWorkshopResult | undefined;

  async function http(kind: string, path: string, init: RequestInit = {}) {
    while (!until()) {
      let res: Response;
      try {
        res = await fetch(`${url}${path}`, { ...init, headers: { ...headers, ...(init.headers ?? {}) } });
      } catch {
        count(kind, 'failed');
        continue;
      }
      const body = await res.text();
      if (res.status === 429) {
        count(kind, 'refused');
        const wait = Number(res.headers.get('retry-after') ?? 1) * 1000;
        const end = now() + wait;
        while (!until() && now() < end) await sleep(100);
        continue;
      }
      count(kind, res.ok ? 'ok' : 'failed');
      if (kind === 'create' && res.status === 201) own = JSON.parse(body) as CreateWorkshopResult;
    }
  }

  // a socket in the victim's room (the participant link is all it needs), asking for the most
  // expensive answers without waiting; cut off for flooding, it connects and joins again
  async function socket() {
    while (!until()) {
      const s: Sock = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: headers });
      const up = await new Promise<boolean>((r) => (s.once('connect', () => r(true)), s.once('connect_error', () => r(false))));
      if (!up) {
        count('socket connect', 'failed');
        await sleep(100);
        continue;
      }
      const joined = await emit<{ ok: boolean }>(s, 'room:join', { sessionId: roomId, name: `Intruder ${address}` });
      count('socket join', joined.ok ? 'ok' : 'refused');
      if (!joined.ok) {
        s.disconnect();
        await sleep(1000);
        continue;
      }
      const asks = ['room:sync', 'room:timeline', 'room:watch'] as const;
      const payload = { 'room:sync': {}, 'room:timeline': { limit: 200 }, 'room:watch': { sessionId: roomId } };
      for (let i = 0; !until() && s.connected; i++) {
        const a = await Promise.race([
          emit<{ ok: boolean }>(s, asks[i % 3]!, payload[asks[i % 3]!]),
          new Promise<undefined>((r) => s.once('disconnect', () => r(undefined))),
        ]);
        if (a) count('socket', a.ok ? 'ok' : 'refused');
      }
      if (s.connected) s.disconnect();
      else count('socket cut off', 'ok');
    }
  }

  const json = { method: 'POST', headers: { 'content-type': 'application/json' } };
  const loops: Record<string, () => Promise<void>> = {
    plan: () => http('plan', '/api/plan', { ...json, body: JSON.stringify(WORST_PLAN) }),
    code: () => http('join code', '/j/ZZZZZZ'),
    socket,
    create: () => http('create', '/api/workshops', { ...json, body: JSON.stringify({ name: 'Mine', items }) }),
    async session() {
      // sessions of all 500 items of a workshop of its own
      while (!own && !until()) await sleep(50);
      if (own)
        await http('session', `/api/workshops/${own.workshopId}/sessions`, {
          ...json,
          headers: { ...json.headers, authorization: `Bearer ${own.facilitatorSecret}` },
          body: '{}',
        });
    },
    async items() {
      // 500 items at a time into its own workshop's first session
      while (!own && !until()) await sleep(50);
      const body = JSON.stringify({ items: Array.from({ length: 500 }, (_, i) => ({ title: `Added ${i} ${'y'.repeat(60)}` })) });
      if (own)
        await http('items', `/api/sessions/${own.sessionId}/items`, {
          ...json,
          headers: { ...json.headers, authorization: `Bearer ${own.facilitatorSecret}` },
          body,
        });
    },
    async preview() {
      // import previews on a workshop of its own (a stranger may create one)
      if (!kinds.includes('create')) {
        const res = await fetch(`${url}/api/workshops`, {
          ...json,
          headers: { ...json.headers, ...headers },
          body: JSON.stringify({ name: 'Mine', items: ['one'] }),
        });
        if (res.status === 201) own = (await res.json()) as CreateWorkshopResult;
      }
      while (!own && !until()) await sleep(50);
      if (own)
        await http('import preview', `/api/sessions/${own.sessionId}/import/preview`, {
          ...json,
          headers: { ...json.headers, authorization: `Bearer ${own.facilitatorSecret}` },
          body: csv,
        });
    },
  };
  await Promise.all(kinds.map((k) => loops[k]!()));
  return tally;
}

const [url, address, roomId, kinds] = process.argv.slice(2);
let stopped = false;
process.stdin.on('close', () => (stopped = true));
process.stdin.resume();
const tally = await attacker(url!, address!, roomId!, kinds!.split(','), () => stopped);
process.stdout.write(JSON.stringify(tally));
process.exit(0);
