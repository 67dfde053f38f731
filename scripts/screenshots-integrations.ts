// Screenshots of the Jira screens (connect, import preview, write-back preview, result) in English
// and German, wide and on a phone, against the fake Jira: `node --import tsx scripts/screenshots-integrations.ts`.
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from '@playwright/test';
import type { CreateWorkshopResult, RoomSnapshot } from '../domain/protocol';
import { findChromium } from '../tests/e2e/support/chromium';
import { AppProcess } from '../tests/e2e/support/server';
import { startFakeJira, type FakeIssue } from '../tests/support/fake-jira';

const out = 'docs/screenshots';
mkdirSync(out, { recursive: true });
const SP = 'customfield_10016';
const TOKEN = 'screenshot-token';

type Locale = 'en' | 'de';
/** title, Jira's story points, the bucket it lands in ('' = not imported), read-only in Jira */
const ISSUES: Record<Locale, [string, number | string | null, string, boolean?][]> = {
  en: [
    ['Login with SSO', 24, 'v3'],
    ['Product search', null, 'v5'],
    ['Checkout with PayPal', null, 'v8', true],
    ['Wishlist', 16, 'v2'],
    ['Newsletter signup', null, 'v1'],
    ['Order history', null, 'v3'],
    ['Invoice PDF', 'tbd', ''],
    ['GDPR data export', null, 'unsure'],
    ['Gift cards', null, 'v8'],
  ],
  de: [
    ['Login mit SSO', 24, 'v3'],
    ['Produktsuche', null, 'v5'],
    ['Bezahlen mit PayPal', null, 'v8', true],
    ['Merkliste', 16, 'v2'],
    ['Newsletter-Anmeldung', null, 'v1'],
    ['Bestellhistorie', null, 'v3'],
    ['Rechnung als PDF', 'offen', ''],
    ['DSGVO-Datenexport', null, 'unsure'],
    ['Gutscheine', null, 'v8'],
  ],
};
const PROJECT: Record<Locale, string> = { en: 'SHOP', de: 'WEB' };

const issues: FakeIssue[] = (['en', 'de'] as const).flatMap((l) =>
  ISSUES[l].map(([summary, sp, , readOnly], i) => ({
    key: `${PROJECT[l]}-${101 + i}`,
    summary,
    rank: `${l}${i}`,
    values: { [SP]: sp },
    ...(readOnly ? { readOnly } : {}),
  })),
);
const fake = await startFakeJira({ flavour: 'cloud', email: 'mia@example.com', apiToken: TOKEN, issues });
const app = new AppProcess({ SECRET_KEY: 'screenshots-secret-key-of-32-characters-x', INTEGRATIONS_ALLOW_PRIVATE_NETWORKS: '1' });
await app.start();
const browser: Browser = await chromium.launch({
  executablePath: findChromium(),
  args: ['--no-sandbox', '--disable-background-networking'],
});

async function call<T>(w: CreateWorkshopResult, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(app.url + path, {
    method,
    headers: { authorization: `Bearer ${w.facilitatorSecret}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function open(locale: Locale, width: number, height: number, w: CreateWorkshopResult): Promise<Page> {
  const ctx = await browser.newContext({
    viewport: { width, height },
    locale: locale === 'de' ? 'de-DE' : 'en-US',
    ...(width < 500 ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
  const p = await ctx.newPage();
  await p.goto(app.url + w.links.workshop); // stores the secret
  await p.waitForSelector('[data-testid="workshop-name"]');
  await p.goto(`${app.url}/workshop/${w.workshopId}/integrations`);
  await p.waitForSelector('[data-testid="jira-connect"]');
  return p;
}

const shot = (p: Page, name: string, fullPage = true) => p.screenshot({ path: `${out}/${name}.png`, fullPage });

async function shoot(locale: Locale) {
  const w = await app.createWorkshop(locale === 'de' ? 'Shop-Relaunch' : 'Shop relaunch', [
    locale === 'de' ? 'Spike: Suchmaschine' : 'Spike: search engine',
  ]);
  const p = await open(locale, 1920, 1080, w);

  // connect: the form filled in, then connected
  const connect = p.getByTestId('jira-connect');
  // the form as a user fills it in for a Cloud site; the fake Jira's own address goes in before connecting
  await connect.locator('#jira-url').fill('https://acme.atlassian.net');
  await connect.locator('#jira-email').fill('mia@example.com');
  await connect.locator('#jira-token').fill(TOKEN);
  await shot(p, `integrations-connect-${locale}`, false);
  await connect.locator('#jira-url').fill(fake.url);
  await connect.getByTestId('jira-submit').click();
  await p.waitForSelector('[data-testid="jira-connected"]');
  await p.waitForSelector('[data-testid="jira-fields"]');

  // import by JQL: the preview of every issue
  const imp = p.getByTestId('jira-import');
  await imp.locator('#import-jql').fill(`project = ${PROJECT[locale]}`);
  await imp.getByTestId('jira-import-preview').click();
  await p.waitForSelector('[data-testid="jira-import-table"]');
  await shot(p, `integrations-import-${locale}`);
  await imp.getByTestId('jira-import-run').click();
  await p.waitForSelector('[data-testid="jira-import-done"]');

  // estimated and locked (the room's part, through the API)
  const board = await call<RoomSnapshot>(w, 'GET', `/api/sessions/${w.sessionId}`);
  for (const [i, [, , to]] of ISSUES[locale].entries()) {
    const card = board.cards.find((c) => c.key === `${PROJECT[locale]}-${101 + i}`);
    if (card && to) await call(w, 'POST', `/api/sessions/${w.sessionId}/commands`, { type: 'card.move', cardId: card.id, to });
  }
  const spike = board.cards.find((c) => c.key === null);
  if (spike) await call(w, 'POST', `/api/sessions/${w.sessionId}/commands`, { type: 'card.move', cardId: spike.id, to: 'v5' });
  await call(w, 'POST', `/api/sessions/${w.sessionId}/commands`, { type: 'phase.set', phase: 'locked' });
  // the first issue (24 SP in Jira, sized 3) is the reference item: 8 SP per AP
  const reference = board.cards.find((c) => c.key === `${PROJECT[locale]}-101`);
  if (reference)
    await call(w, 'PUT', `/api/workshops/${w.workshopId}/sessions/${w.sessionId}/references/${reference.id}`, { storyPoints: 24 });
  await p.reload();

  // the write-back preview, then the result with one failure
  const preview = p.getByTestId('writeback-preview');
  await preview.getByTestId('writeback-show').click();
  await p.waitForSelector('[data-testid="writeback-table"]');
  await preview.scrollIntoViewIfNeeded();
  await shot(p, `integrations-preview-${locale}`);
  await preview.getByTestId('writeback-confirm').click();
  await p.waitForSelector('[data-testid="writeback-run"] tr[data-status="failed"]');
  await p.waitForSelector('[data-testid="writeback-progress"]', { state: 'detached' });
  await shot(p, `integrations-result-${locale}`);

  // on a phone: the preview as cards, and the log
  const phone = await open(locale, 390, 844, w);
  await phone.getByTestId('writeback-show').click();
  await phone.waitForSelector('[data-testid="writeback-cards"]');
  await phone.getByTestId('writeback-counts').evaluate((e) => e.scrollIntoView({ block: 'start' }));
  await shot(phone, `integrations-phone-preview-${locale}`, false);
  await phone.getByTestId('writeback-log').evaluate((e) => e.scrollIntoView({ block: 'start' }));
  await shot(phone, `integrations-phone-log-${locale}`, false);
}

try {
  await shoot('en');
  await shoot('de');
  console.log(`integration screenshots written to ${out}/`);
} finally {
  await browser.close();
  await app.dispose();
  await fake.close();
}
