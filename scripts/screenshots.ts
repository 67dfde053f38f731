// `npm run screenshots`: starts the production server on a temp database, runs a 150-item
// session with simulated participants, and saves the pictures referenced from the README under
// docs/screenshots/, in English and German.
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from '@playwright/test';
import { findChromium } from '../tests/e2e/support/chromium';
import { AppProcess } from '../tests/e2e/support/server';
import { joinAs } from '../tests/e2e/support/board';
import { realisticBacklog, realisticSpread } from '../tests/support/backlog';
import { SimClient } from '../tests/support/sim';

const out = 'docs/screenshots';
mkdirSync(out, { recursive: true });
const app = new AppProcess();
await app.start();
const browser: Browser = await chromium.launch({
  executablePath: findChromium(),
  args: ['--no-sandbox', '--disable-background-networking'],
});

const ITEMS = realisticBacklog(150);
const SPREAD = realisticSpread(150);
const PEOPLE = [
  'Ana',
  'Ben',
  'Chris',
  'Dana',
  'Elif',
  'Finn',
  'Gita',
  'Hugo',
  'Ines',
  'Jonas',
  'Kai',
  'Lea',
  'Mats',
  'Nora',
  'Omar',
  'Pia',
];

async function page(locale: 'en' | 'de', width = 1920, height = 1080, scale = 1): Promise<Page> {
  const ctx = await browser.newContext({
    viewport: { width, height },
    deviceScaleFactor: scale,
    locale: locale === 'de' ? 'de-DE' : 'en-US',
  });
  return ctx.newPage();
}

async function next(p: Page) {
  await p.getByRole('button', { name: /^(Next|Weiter):/ }).click();
  const nudge = p.getByRole('button', { name: /^(Move on|Weiter)$/ });
  if (await nudge.isVisible().catch(() => false)) await nudge.click();
}

async function shoot(locale: 'en' | 'de') {
  const w = await app.createWorkshop(locale === 'de' ? 'Shop-Relaunch' : 'Shop relaunch', []);
  const res = await fetch(`${app.url}/api/sessions/${w.sessionId}/items`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${w.facilitatorSecret}` },
    body: JSON.stringify({ items: ITEMS.map((i) => ({ title: i.title, key: i.key, description: i.description })) }),
  });
  if (!res.ok) throw new Error(await res.text());
  const home = await page(locale, 1440, 900);
  await home.goto(app.url + '/');
  await home.screenshot({ path: `${out}/home-${locale}.png` });
  const fac = await page(locale);
  await joinAs(fac, app.url + w.links.facilitator, locale === 'de' ? 'Franzi' : 'Fay');
  const sims = PEOPLE.map((n) => new SimClient(app.url, w.sessionId, n));
  await Promise.all(sims.map((s) => s.open()));
  const phone = await page(locale, 390, 844, 2);
  await joinAs(phone, app.url + w.links.participant, 'Zoe');
  const beamer = await page(locale);
  await beamer.goto(`${app.url}/room/${w.sessionId}/projector`);
  await beamer.getByTestId('join-code').first().waitFor();
  await fac.screenshot({ path: `${out}/setup-${locale}.png` });
  await beamer.screenshot({ path: `${out}/projector-setup-${locale}.png` });

  await next(fac); // sorting
  const bucketOf = new Map(ITEMS.map((item, i) => [item.title, SPREAD[i]!]));
  // most people sort their hands; three are still at it for the picture
  await Promise.all(
    sims.slice(3).map(async (s) => {
      const b = s.replica!.confirmed;
      for (const c of b.cards) if (b.hands[c.id] === s.me!.participantId) await s.move(c.id, bucketOf.get(c.title) ?? 'v3');
      await s.settled();
    }),
  );
  await fac.waitForTimeout(500);
  await phone.screenshot({ path: `${out}/phone-${locale}.png` });
  await beamer.screenshot({ path: `${out}/projector-sorting-${locale}.png` });
  await fac.screenshot({ path: `${out}/sorting-${locale}.png` });
  // the rest, and the phone's own hand, placed by the facilitator's socket
  const all = [...sims.slice(0, 3)];
  await Promise.all(
    all.map(async (s) => {
      const b = s.replica!.confirmed;
      for (const c of b.cards) if (b.hands[c.id] === s.me!.participantId) await s.move(c.id, bucketOf.get(c.title) ?? 'v3');
      await s.settled();
    }),
  );
  const facSim = new SimClient(app.url, w.sessionId, 'Helper', { facilitatorSecret: w.facilitatorSecret });
  await facSim.open();
  for (const c of facSim.replica!.confirmed.cards)
    if (facSim.replica!.confirmed.placement[c.id] === null) await facSim.move(c.id, bucketOf.get(c.title) ?? 'v3');
  await facSim.settled();

  await next(fac); // review
  const contested = facSim.replica!.confirmed.cards.find((c) => c.title === ITEMS[0]!.title)!;
  const home0 = facSim.replica!.confirmed.placement[contested.id]!;
  await sims[0]!.move(contested.id, home0 === 'v8' ? 'v13' : 'v8');
  await sims[0]!.settled();
  await sims[1]!.move(contested.id, home0);
  await sims[1]!.settled();
  await fac.waitForSelector('[data-flagged="true"]');
  await fac.screenshot({ path: `${out}/board-${locale}.png` });
  await beamer.screenshot({ path: `${out}/projector-${locale}.png` });

  await next(fac); // discussion
  await fac
    .getByTestId('discussion-queue')
    .getByRole('listitem')
    .filter({ hasText: contested.title })
    .getByRole('button', { name: /^(Spotlight|Ins Spotlight)$/ })
    .click();
  await fac.getByRole('button', { name: /^(Start timer|Timer starten)$/ }).click();
  await beamer.getByTestId('spotlight-description').filter({ hasText: /./ }).waitFor();
  await fac.waitForTimeout(500);
  await fac.screenshot({ path: `${out}/discussion-${locale}.png` });
  await beamer.screenshot({ path: `${out}/projector-spotlight-${locale}.png` });
  await phone.evaluate('window.scrollTo(0, 0)');
  await phone.screenshot({ path: `${out}/phone-spotlight-${locale}.png` });
  await next(fac); // locked
  await fac.getByTestId('locked-next').waitFor();
  await fac.screenshot({ path: `${out}/locked-${locale}.png` });
  for (const s of [...sims, facSim]) s.close();
}

try {
  await shoot('en');
  await shoot('de');
  console.log(`screenshots written to ${out}/`);
} finally {
  await browser.close();
  await app.dispose();
}
