// `npm run screenshots`: starts the production server on a temp database and saves the
// pictures referenced from the README under docs/screenshots/. Build first (npm start does).
import { mkdirSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';
import { findChromium } from '../tests/e2e/support/chromium';
import { AppProcess } from '../tests/e2e/support/server';
import { drag, joinAs } from '../tests/e2e/support/board';

const out = 'docs/screenshots';
mkdirSync(out, { recursive: true });
const app = new AppProcess();
await app.start();
const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox', '--disable-background-networking'] });

const backlog = ['Login with SSO', 'Product search', 'Checkout with PayPal', 'Wishlist', 'Newsletter signup', 'Order history', 'Invoice PDF', 'Admin: user roles', 'GDPR data export', 'Mobile push notifications', 'Gift cards', 'Product reviews'];
const placements: [string, string][] = [['Login with SSO', 'v5'], ['Product search', 'v8'], ['Checkout with PayPal', 'v13'], ['Wishlist', 'v2'], ['Newsletter signup', 'v1'], ['Order history', 'v3'], ['Invoice PDF', 'v3'], ['GDPR data export', 'unsure']];

async function shoot(locale: 'en' | 'de') {
  const w = await app.createWorkshop(locale === 'de' ? 'Shop-Relaunch' : 'Shop relaunch', backlog);
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: locale === 'de' ? 'de-DE' : 'en-US' });
  const page: Page = await ctx.newPage();
  await page.goto(app.url + '/');
  await page.screenshot({ path: `${out}/home-${locale}.png` });
  await joinAs(page, app.url + w.links.facilitator, locale === 'de' ? 'Franzi' : 'Fay');
  for (const [title, bucket] of placements) await drag(page, title, bucket);
  await page.waitForFunction((n) => document.querySelectorAll('[data-bucket="pile"] [data-card-id]').length === n, backlog.length - placements.length);
  await page.screenshot({ path: `${out}/board-${locale}.png` });
  await ctx.close();
}

try {
  await shoot('en');
  await shoot('de');
  console.log(`screenshots written to ${out}/`);
} finally {
  await browser.close();
  await app.dispose();
}
