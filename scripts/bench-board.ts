// `npm run bench:board`: 200 cards, 40 people moving cards (1 move a second each, over sockets),
// and a browser watching: first a participant's board, then the projector (each alone, as on
// their own devices). Prints JSON per page: frame intervals (requestAnimationFrame) and long
// tasks (PerformanceObserver). Targets: frame p95 <= 33 ms, no long task over 100 ms.
// Needs a build (npm start does one).
import { chromium, type Page } from '@playwright/test';
import { io } from 'socket.io-client';
import { findChromium } from '../tests/e2e/support/chromium';
import { AppProcess } from '../tests/e2e/support/server';
import { realisticBacklog } from '../tests/support/backlog';
import type { JoinAck } from '../domain/protocol';

const CARDS = 200;
const PEOPLE = 40;
const SECONDS = 10;
const MOVES_PER_PERSON_PER_SECOND = 1;

const app = new AppProcess();
await app.start();
const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox', '--disable-background-networking'] });
const pct = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)] ?? 0;
const emit = <T>(s: ReturnType<typeof io>, e: string, p: unknown) => new Promise<T>((r) => s.emit(e, p, r));

async function watch(page: Page) {
  // a string, so the bundler's helpers do not leak into the page
  await page.evaluate(`(() => {
    window.frames_ = [];
    let last = performance.now();
    const tick = (t) => { window.frames_.push(t - last); last = t; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    window.long_ = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.long_.push(e.duration); }).observe({ entryTypes: ['longtask'] });
  })()`);
}

async function report(page: Page) {
  const frames = (await page.evaluate('window.frames_.slice(5)')) as number[];
  const longTasks = (await page.evaluate('window.long_')) as number[];
  return {
    frameMs: {
      frames: frames.length,
      p50: +pct(frames, 0.5).toFixed(2),
      p95: +pct(frames, 0.95).toFixed(2),
      p99: +pct(frames, 0.99).toFixed(2),
      max: +Math.max(...frames).toFixed(2),
    },
    // tasks over 50 ms on the page's main thread
    longTasks: {
      count: longTasks.length,
      totalMs: Math.round(longTasks.reduce((a, b) => a + b, 0)),
      maxMs: Math.round(Math.max(0, ...longTasks)),
    },
  };
}

try {
  const w = await app.createWorkshop(
    'Bench',
    realisticBacklog(CARDS).map((i) => i.title),
  );
  const fac = io(app.url, { transports: ['websocket'] });
  const fj = await emit<JoinAck>(fac, 'room:join', { sessionId: w.sessionId, name: 'Fac', facilitatorSecret: w.facilitatorSecret });
  if (!fj.ok) throw new Error(fj.error.message);
  const cards = fj.snapshot.cards.map((c) => c.id);
  const buckets = fj.snapshot.scale.buckets.map((b) => b.id);
  const people = await Promise.all(
    Array.from({ length: PEOPLE - 1 }, async (_, i) => {
      const s = io(app.url, { transports: ['websocket'] });
      const a = await emit<JoinAck>(s, 'room:join', { sessionId: w.sessionId, name: `P${i}` });
      if (!a.ok) throw new Error(a.error.message);
      return s;
    }),
  );
  const movers = [fac, ...people];
  await emit(fac, 'room:command', { type: 'phase.set', phase: 'review' });
  // a full board: every card placed before measuring
  for (const [i, id] of cards.entries()) await emit(fac, 'card:move', { cardId: id, to: buckets[(i * 3) % (buckets.length - 1)] });

  async function run(page: Page) {
    await watch(page);
    let sent = 0;
    const acks: number[] = [];
    const until = Date.now() + SECONDS * 1000;
    await Promise.all(
      movers.map(async (s, i) => {
        let n = i;
        while (Date.now() < until) {
          const t0 = performance.now();
          await emit(s, 'card:move', { cardId: cards[(n * 7) % CARDS], to: buckets[n % (buckets.length - 1)] });
          acks.push(performance.now() - t0);
          sent++;
          n += PEOPLE;
          await new Promise((r) => setTimeout(r, 1000 / MOVES_PER_PERSON_PER_SECOND));
        }
      }),
    );
    return { movesSent: sent, moveAckMs: { p50: +pct(acks, 0.5).toFixed(2), p95: +pct(acks, 0.95).toFixed(2) }, ...(await report(page)) };
  }

  const board = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  await board.goto(app.url + w.links.participant);
  await board.getByLabel(/your name/i).fill('Watcher');
  await board.getByRole('button', { name: /^join$/i }).click();
  await board.locator('[data-card-id]').first().waitFor();
  const participantBoard = await run(board);
  const placedInDom = await board.locator('[data-bucket]:not([data-bucket="pile"]) [data-card-id]').count();
  await board.context().close();

  const beamer = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  await beamer.goto(`${app.url}/room/${w.sessionId}/projector`);
  await beamer.locator('[data-chip]').first().waitFor();
  const projector = await run(beamer);
  const chips = await beamer.locator('[data-chip]').count();
  const font = await beamer.getByTestId('projector-board').getAttribute('data-font');

  console.log(
    JSON.stringify(
      {
        cards: CARDS,
        people: PEOPLE,
        seconds: SECONDS,
        participantBoard: { ...participantBoard, cardsPlacedInDom: placedInDom },
        projector: { ...projector, chips, fontPx: Number(font) },
      },
      null,
      2,
    ),
  );
  for (const s of movers) s.disconnect();
} finally {
  await browser.close();
  await app.dispose();
}
