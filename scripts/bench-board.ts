// `npm run bench:board`: 200 cards, 30 participants moving cards, one browser watching.
// Prints JSON: the browser's frame intervals (requestAnimationFrame) and how long each
// incoming move took from the server broadcast to the DOM. Needs a build (npm start does one).
import { chromium } from '@playwright/test';
import { io } from 'socket.io-client';
import { findChromium } from '../tests/e2e/support/chromium';
import { AppProcess } from '../tests/e2e/support/server';
import type { JoinAck } from '../domain/protocol';

const CARDS = 200;
const PEOPLE = 30;
const SECONDS = 10;
const MOVES_PER_PERSON_PER_SECOND = 1;

const app = new AppProcess();
await app.start();
const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox', '--disable-background-networking'] });
const pct = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)] ?? 0;
try {
  const w = await app.createWorkshop('Bench', Array.from({ length: CARDS }, (_, i) => `Backlog item number ${i + 1} with a realistic title`));
  const emit = <T>(s: ReturnType<typeof io>, e: string, p: unknown) => new Promise<T>((r) => s.emit(e, p, r));
  const fac = io(app.url, { transports: ['websocket'] });
  const fj = await emit<JoinAck>(fac, 'room:join', { sessionId: w.sessionId, name: 'Fac', facilitatorSecret: w.facilitatorSecret });
  if (!fj.ok) throw new Error(fj.error.message);
  const cards = fj.snapshot.cards.map((c) => c.id);
  const buckets = fj.snapshot.scale.buckets.map((b) => b.id);
  const people = await Promise.all(
    Array.from({ length: PEOPLE }, async (_, i) => {
      const s = io(app.url, { transports: ['websocket'] });
      const a = await emit<JoinAck>(s, 'room:join', { sessionId: w.sessionId, name: `P${i}` });
      if (!a.ok) throw new Error(a.error.message);
      return s;
    }),
  );
  await emit(fac, 'room:command', { type: 'phase.set', phase: 'review' });

  const page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  await page.goto(app.url + w.links.participant);
  await page.getByLabel(/your name/i).fill('Watcher');
  await page.getByRole('button', { name: /^join$/i }).click();
  await page.locator('[data-card-id]').first().waitFor();
  // a string, so the bundler's helpers do not leak into the page
  await page.evaluate(`(() => {
    window.frames_ = [];
    let last = performance.now();
    const tick = (t) => { window.frames_.push(t - last); last = t; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    window.long_ = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.long_.push(e.duration); }).observe({ entryTypes: ['longtask'] });
  })()`);

  let sent = 0;
  const acks: number[] = [];
  const until = Date.now() + SECONDS * 1000;
  await Promise.all(
    people.map(async (s, i) => {
      let n = i;
      while (Date.now() < until) {
        const t0 = performance.now();
        await emit(s, 'card:move', { cardId: cards[(n * 7) % CARDS], to: buckets[n % buckets.length] });
        acks.push(performance.now() - t0);
        sent++;
        n += PEOPLE;
        await new Promise((r) => setTimeout(r, 1000 / MOVES_PER_PERSON_PER_SECOND));
      }
    }),
  );
  const frames = (await page.evaluate('window.frames_.slice(5)')) as number[];
  const longTasks = (await page.evaluate('window.long_')) as number[];
  const placedInDom = await page.locator('[data-bucket]:not([data-bucket="pile"]) [data-card-id]').count();
  console.log(
    JSON.stringify(
      {
        cards: CARDS,
        participants: PEOPLE,
        seconds: SECONDS,
        movesSent: sent,
        moveAckMs: { p50: +pct(acks, 0.5).toFixed(2), p95: +pct(acks, 0.95).toFixed(2), max: +Math.max(...acks).toFixed(2) },
        browserFrameMs: { frames: frames.length, p50: +pct(frames, 0.5).toFixed(2), p95: +pct(frames, 0.95).toFixed(2), p99: +pct(frames, 0.99).toFixed(2), max: +Math.max(...frames).toFixed(2) },
        // tasks over 50 ms on the page's main thread (PerformanceObserver 'longtask')
        longTasks: { count: longTasks.length, totalMs: Math.round(longTasks.reduce((a, b) => a + b, 0)), maxMs: Math.round(Math.max(0, ...longTasks)) },
        cardsPlacedInWatcherDom: placedInDom,
      },
      null,
      2,
    ),
  );
  for (const s of [fac, ...people]) s.disconnect();
} finally {
  await browser.close();
  await app.dispose();
}
