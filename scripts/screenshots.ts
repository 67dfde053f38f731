// `npm run screenshots`: starts the production server on a temp database and saves the
// pictures referenced from the README under docs/screenshots/, in English and German.
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from '@playwright/test';
import { findChromium } from '../tests/e2e/support/chromium';
import { AppProcess } from '../tests/e2e/support/server';
import { drag, joinAs } from '../tests/e2e/support/board';

const out = 'docs/screenshots';
mkdirSync(out, { recursive: true });
const app = new AppProcess();
await app.start();
const browser: Browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox', '--disable-background-networking'] });

const backlog = ['Login with SSO', 'Product search', 'Checkout with PayPal', 'Wishlist', 'Newsletter signup', 'Order history', 'Invoice PDF', 'Admin: user roles', 'GDPR data export', 'Mobile push notifications', 'Gift cards', 'Product reviews'];
const sizes: [string, string][] = [['Login with SSO', 'v5'], ['Product search', 'v8'], ['Checkout with PayPal', 'v13'], ['Wishlist', 'v2'], ['Newsletter signup', 'v1'], ['Order history', 'v3'], ['Invoice PDF', 'v3'], ['Admin: user roles', 'v5'], ['GDPR data export', 'unsure'], ['Gift cards', 'v8']];

async function page(locale: 'en' | 'de', width = 1440, height = 900): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width, height }, locale: locale === 'de' ? 'de-DE' : 'en-US' });
  return ctx.newPage();
}

async function next(p: Page) {
  await p.getByRole('button', { name: /^(Next|Weiter):/ }).click();
  await p.waitForTimeout(300);
}

async function shoot(locale: 'en' | 'de') {
  const w = await app.createWorkshop(locale === 'de' ? 'Shop-Relaunch' : 'Shop relaunch', backlog);
  const home = await page(locale);
  await home.goto(app.url + '/');
  await home.screenshot({ path: `${out}/home-${locale}.png` });
  const fac = await page(locale);
  await joinAs(fac, app.url + w.links.facilitator, locale === 'de' ? 'Franzi' : 'Fay');
  const ann = await page(locale, 390, 844);
  await joinAs(ann, app.url + w.links.participant, 'Ann');
  await fac.screenshot({ path: `${out}/setup-${locale}.png` });
  await next(fac); // sorting
  for (const [title, bucket] of sizes) await drag(fac, title, bucket);
  await ann.screenshot({ path: `${out}/phone-${locale}.png`, fullPage: false });
  await next(fac); // review
  await drag(fac, 'Product search', 'v13');
  await drag(fac, 'Product search', 'v8');
  await fac.waitForSelector('[data-flagged="true"]');
  await fac.screenshot({ path: `${out}/board-${locale}.png` });
  const beamer = await page(locale, 1920, 1080);
  await beamer.goto(`${app.url}${w.links.participant}/projector`);
  await beamer.getByTestId('join-code').waitFor();
  await fac.getByRole('button', { name: /^(Next|Weiter):/ }).click(); // discussion
  await fac.getByRole('button', { name: /^(Start timer|Timer starten)$/ }).click();
  await fac.waitForTimeout(500);
  await fac.screenshot({ path: `${out}/discussion-${locale}.png` });
  await beamer.waitForTimeout(500);
  await beamer.screenshot({ path: `${out}/projector-${locale}.png` });
}

try {
  await shoot('en');
  await shoot('de');
  console.log(`screenshots written to ${out}/`);
} finally {
  await browser.close();
  await app.dispose();
}
