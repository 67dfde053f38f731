// Screenshots of the workshop planning views (overview, calibration, forecast, budget, tracking,
// compare, shared, print), the optional forecast inputs and their answers, and the what-if page's
// sections, in English and German: `node --import tsx scripts/screenshots-workshop.ts`
// (LOCALES=en to take one language only).
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from '@playwright/test';
import type { CreateSessionResult, CreateWorkshopResult, WorkshopOverview } from '../domain/protocol';
import type { CreatedShareLink } from '../domain/workshop';
import { findChromium } from '../tests/e2e/support/chromium';
import { AppProcess } from '../tests/e2e/support/server';

const out = 'docs/screenshots';
mkdirSync(out, { recursive: true });
const app = new AppProcess();
await app.start();
const browser: Browser = await chromium.launch({
  executablePath: findChromium(),
  args: ['--no-sandbox', '--disable-background-networking'],
});

const BACKLOG: Record<'en' | 'de', [string, number | null][]> = {
  en: [
    ['Login with SSO', 5],
    ['Product search', 8],
    ['Checkout with PayPal', 13],
    ['Wishlist', 2],
    ['Newsletter signup', 1],
    ['Order history', 3],
    ['Invoice PDF', 3],
    ['Admin: user roles', 5],
    ['GDPR data export', null],
    ['Mobile push notifications', 8],
    ['Gift cards', 8],
    ['Product reviews', 5],
  ],
  de: [
    ['Login mit SSO', 5],
    ['Produktsuche', 8],
    ['Bezahlen mit PayPal', 13],
    ['Merkliste', 2],
    ['Newsletter-Anmeldung', 1],
    ['Bestellhistorie', 3],
    ['Rechnung als PDF', 3],
    ['Admin: Benutzerrollen', 5],
    ['DSGVO-Datenexport', null],
    ['Push-Nachrichten', 8],
    ['Gutscheine', 8],
    ['Produktbewertungen', 5],
  ],
};

async function call<T>(w: CreateWorkshopResult, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(app.url + path, {
    method,
    headers: { authorization: `Bearer ${w.facilitatorSecret}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function workshop(locale: 'en' | 'de') {
  const items = BACKLOG[locale];
  const w = await app.createWorkshop(
    locale === 'de' ? 'Shop-Relaunch' : 'Shop relaunch',
    items.map(([t]) => t),
  );
  const ov = await call<WorkshopOverview>(w, 'GET', `/api/workshops/${w.workshopId}`);
  const id = (i: number) => ov.items.find((x) => x.title === items[i]![0])!.id;
  const cmd = (session: string, body: unknown) => call(w, 'POST', `/api/sessions/${session}/commands`, body);
  for (const [i, [, ap]] of items.entries())
    await cmd(w.sessionId, { type: 'card.move', cardId: id(i), to: ap === null ? 'unsure' : `v${ap}` });
  await cmd(w.sessionId, { type: 'phase.set', phase: 'locked' });
  const ref = (session: string, i: number, sp: number) =>
    call(w, 'PUT', `/api/workshops/${w.workshopId}/sessions/${session}/references/${id(i)}`, { storyPoints: sp });
  await ref(w.sessionId, 5, 24);
  await ref(w.sessionId, 0, 36);
  await call(w, 'PUT', `/api/workshops/${w.workshopId}/plan-settings`, {
    velocity: { unit: 'SP', assumed: 30, history: [26, 34, 29], multipliers: [{ sprint: 8, factor: 0.5 }] },
    sprint: { startDate: '2025-01-06', lengthWeeks: 2 },
    team: { people: 4, dayRateMinor: 75000, daysPerSprint: 10 },
    currency: 'EUR',
    budget: { amountMinor: 28500000 },
    // the optional forecast inputs: growth, splitting, two risks, items per sprint, a date asked about
    scopeGrowth: { low: 0, high: 3 },
    split: { low: 1, high: 1.3 },
    risks: [
      {
        title: locale === 'de' ? 'Zahlungsanbieter ändert die API' : 'Payment provider changes its API',
        likelihoodPercent: 30,
        impact: { unit: 'AP', low: 3, high: 8 },
      },
      {
        title: locale === 'de' ? 'Schlüsselperson fällt aus' : 'Key developer leaves',
        likelihoodPercent: 10,
        impact: { unit: 'sprints', low: 1, high: 2 },
      },
    ],
    throughput: {},
    questions: { finishBy: '2025-08-31' },
  });
  const sprint = (body: unknown) => call(w, 'POST', `/api/workshops/${w.workshopId}/sprints`, body);
  await sprint({ doneItemIds: [id(5), id(6)] });
  await sprint({ doneItemIds: [id(3), id(4), id(0)], costMinor: 3120000 });
  // a revisit: the GDPR export is sized, the reviews were refined and grew
  const s2 = await call<CreateSessionResult>(w, 'POST', `/api/workshops/${w.workshopId}/sessions`, {
    name: locale === 'de' ? 'Nachschätzung' : 'Revisit',
    itemIds: [id(8), id(11), id(9)],
  });
  await cmd(s2.sessionId, { type: 'card.move', cardId: id(8), to: 'v5' });
  await cmd(s2.sessionId, { type: 'card.move', cardId: id(11), to: 'v8' });
  await cmd(s2.sessionId, { type: 'card.move', cardId: id(9), to: 'v5' });
  await cmd(s2.sessionId, { type: 'phase.set', phase: 'locked' });
  await ref(s2.sessionId, 11, 68);
  await sprint({ doneItemIds: [id(1)], addedItemIds: [id(8)] });
  const share = await call<CreatedShareLink>(w, 'POST', `/api/workshops/${w.workshopId}/share-links`, {});
  return { w, share };
}

async function open(locale: 'en' | 'de', width = 1440, height = 900): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width, height }, locale: locale === 'de' ? 'de-DE' : 'en-US' });
  return ctx.newPage();
}

async function settle(p: Page) {
  await p.waitForLoadState('networkidle');
  await p.waitForFunction(
    () => !/Loading|Wird geladen/.test(document.querySelector('[data-testid="workshop-name"]')?.textContent ?? 'Loading'),
  );
  await p.waitForTimeout(400); // charts measure their box once
}

async function shoot(locale: 'en' | 'de') {
  const { w, share } = await workshop(locale);
  const p = await open(locale);
  await p.goto(app.url + w.links.workshop); // stores the secret
  await settle(p);
  for (const view of ['overview', 'calibration', 'forecast', 'budget', 'tracking', 'compare']) {
    await p.goto(`${app.url}/workshop/${w.workshopId}${view === 'overview' ? '' : `/${view}`}`);
    await settle(p);
    await p.screenshot({ path: `${out}/workshop-${view}-${locale}.png`, fullPage: true });
  }
  // the optional forecast inputs, open, with the answers next to them
  await p.goto(`${app.url}/workshop/${w.workshopId}/forecast`);
  await settle(p);
  await p.getByTestId('uncertainty-inputs').scrollIntoViewIfNeeded();
  await p.getByTestId('plan-inputs').screenshot({ path: `${out}/workshop-uncertainty-inputs-${locale}.png` });
  await p.getByTestId('panel-answers').screenshot({ path: `${out}/workshop-answers-${locale}.png` });
  await p.getByTestId('panel-chance').screenshot({ path: `${out}/workshop-chance-curve-${locale}.png` });
  await p.goto(`${app.url}/workshop/${w.workshopId}/budget`);
  await settle(p);
  await p.getByTestId('panel-waterline').screenshot({ path: `${out}/workshop-waterline-chances-${locale}.png` });
  await p.goto(`${app.url}/workshop/${w.workshopId}/tracking`);
  await settle(p);
  await p.emulateMedia({ media: 'print' });
  await p.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
  await p.waitForTimeout(400);
  await p.screenshot({ path: `${out}/workshop-tracking-print-${locale}.png`, fullPage: true });
  await p.emulateMedia({ media: 'screen' });
  await p.setViewportSize({ width: 1440, height: 900 });
  await p.goto(`${app.url}/workshop/${w.workshopId}/budget`);
  await settle(p);
  await p.emulateMedia({ media: 'print' });
  await p.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
  await p.waitForTimeout(400);
  await p.screenshot({ path: `${out}/workshop-print-${locale}.png`, fullPage: true });
  const s = await open(locale);
  await s.goto(app.url + share.path);
  await settle(s);
  await s.screenshot({ path: `${out}/workshop-shared-${locale}.png`, fullPage: true });
  await s.emulateMedia({ media: 'print' });
  await s.setViewportSize({ width: 794, height: 1123 });
  await s.waitForTimeout(400);
  await s.screenshot({ path: `${out}/workshop-shared-print-${locale}.png`, fullPage: true });
  await whatIf(locale);
  if (locale === 'en') {
    const beamer = await open(locale, 1920, 1080);
    await beamer.goto(app.url + w.links.workshop);
    await settle(beamer);
    await beamer.goto(`${app.url}/workshop/${w.workshopId}/forecast`);
    await settle(beamer);
    await beamer.screenshot({ path: `${out}/workshop-forecast-1920-en.png` });
  }
}

/** The what-if page with the optional sections filled in and open. */
async function whatIf(locale: 'en' | 'de') {
  const p = await open(locale);
  await p.goto(`${app.url}/plan?ap=60`);
  const de = locale === 'de';
  const label = (en: string, ger: string) => p.getByLabel(de ? ger : en, { exact: true });
  await label('Reference item 1, AP', 'Referenz-Item 1, AP').fill('3');
  await label('Reference item 1, SP', 'Referenz-Item 1, SP').fill('24');
  await p.getByLabel(de ? 'Velocity-Historie (optional)' : 'Velocity history (optional)').fill('4, 6, 5, 7, 3, 5');
  await p.getByLabel(de ? 'Beginn von Sprint 1' : 'Start date of sprint 1').fill('2025-01-06');
  await p.getByTestId('section-scope-risks').locator('summary').click();
  await label('New scope per sprint, from (percent)', 'Neuer Umfang pro Sprint, von (Prozent)').fill('0');
  await label('New scope per sprint, to (percent)', 'Neuer Umfang pro Sprint, bis (Prozent)').fill('4');
  await p.getByRole('button', { name: de ? 'Risiko hinzufügen' : 'Add a risk' }).click();
  await label('Risk 1, what could happen', 'Risiko 1, was passieren könnte').fill(de ? 'Audit findet Lücken' : 'Audit finds gaps');
  await label('Risk 1, likelihood in percent', 'Risiko 1, Wahrscheinlichkeit in Prozent').fill('30');
  await label('Risk 1, impact from', 'Risiko 1, Auswirkung von').fill('3');
  await label('Risk 1, impact to', 'Risiko 1, Auswirkung bis').fill('8');
  await p.getByTestId('section-question').locator('summary').click();
  await p.getByLabel(de ? 'Wahrscheinlichkeit, fertig zu sein bis' : 'Chance of finishing by').fill('2025-09-30');
  await p.getByTestId('panel-answers').waitFor();
  await p.waitForTimeout(400);
  await p.screenshot({ path: `${out}/plan-uncertainty-${locale}.png`, fullPage: true });
  const phone = await open(locale, 390, 844);
  await phone.goto(app.url + (await p.evaluate(() => location.pathname + location.search)));
  await phone.waitForLoadState('networkidle');
  await phone.getByTestId('section-scope-risks').locator('summary').click();
  await phone.screenshot({ path: `${out}/plan-uncertainty-phone-${locale}.png`, fullPage: true });
}

const locales = (process.env.LOCALES ?? 'en,de').split(',') as ('en' | 'de')[];
try {
  for (const locale of locales) await shoot(locale);
  console.log(`workshop screenshots written to ${out}/`);
} finally {
  await browser.close();
  await app.dispose();
}
