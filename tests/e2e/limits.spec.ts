import { expect, test } from '@playwright/test';
import type { CreateWorkshopResult } from '../../domain/protocol';
import { joinAs } from './support/board';
import { AppProcess } from './support/server';

// tight budgets so one test reaches them (docs/hardening.md RATE-UI-1)
const app = new AppProcess({ LIMIT_CREATE_WORKSHOP: '2/3600', LIMIT_JOIN_CODE: '1/900' });
let imports: CreateWorkshopResult;
test.beforeAll(async () => {
  await app.start();
  imports = await app.createWorkshop('Imports', ['A']);
});
test.afterAll(() => app.dispose());

test('RATE-UI-1 the start page says when creating is limited and how long to wait, in English and German', async ({ browser }) => {
  await app.createWorkshop('Second', ['A']);
  for (const [locale, text] of [
    ['en-US', /^Too many requests from your network\. Please try again in 60 minutes\.$/],
    ['de-DE', /^Zu viele Anfragen aus Ihrem Netzwerk\. Bitte versuchen Sie es in 60 Minuten erneut\.$/],
  ] as const) {
    const page = await (await browser.newContext({ locale })).newPage();
    await page.goto(app.url);
    await page.locator('input').first().fill('Third');
    await page.locator('textarea').fill('Login\nSearch');
    await page.locator('form button[type=submit]').first().click();
    await expect(page.locator('form p[role=alert]')).toHaveText(text);
    if (process.env.SHOTS_DIR) await page.screenshot({ path: `${process.env.SHOTS_DIR}/create-429-${locale}.png`, fullPage: true });
  }
});

test('RATE-UI-1 join by code: an unknown code is named, then the limit is shown', async ({ page }) => {
  await page.goto(app.url);
  const input = page.getByLabel('Code');
  await input.fill('zzzz22');
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByTestId('join-code-message')).toHaveText('No session has the code ZZZZ22. Check the code on the projector.');
  await input.fill('zzzz23');
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByTestId('join-code-message')).toHaveText('Too many requests from your network. Please try again in 15 minutes.');
  if (process.env.SHOTS_DIR) await page.screenshot({ path: `${process.env.SHOTS_DIR}/join-429.png`, fullPage: true });
});

test('RATE-UI-1 the import panel shows a 413 for a file over 2 MB', async ({ browser }) => {
  const fac = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage();
  await joinAs(fac, app.url + imports.links.facilitator, 'Fay');
  await fac.getByText('Import backlog').click();
  await fac
    .getByLabel('File')
    .setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(`Key,Title\nK-1,${'x'.repeat(2_200_000)}\n`) });
  await fac.getByRole('button', { name: 'Preview' }).click();
  await expect(fac.getByText('The file is too large for the server (at most 2 MB). Split it into smaller files.')).toBeVisible();
  if (process.env.SHOTS_DIR) await fac.screenshot({ path: `${process.env.SHOTS_DIR}/import-413.png` });
});
