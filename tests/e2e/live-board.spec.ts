import { expect, test } from '@playwright/test';
import { AppProcess } from './support/server';
import { bucket, card, drag, joinAs, setPhase } from './support/board';

const app = new AppProcess();
test.beforeAll(() => app.start());
test.afterAll(() => app.dispose());

test('two browsers share a live board, and it survives a server restart', async ({ browser }) => {
  const w = await app.createWorkshop('Shop relaunch', ['Login with SSO', 'Product search', 'Checkout with PayPal']);
  const fac = await (await browser.newContext()).newPage();
  const pat = await (await browser.newContext()).newPage();
  await joinAs(fac, app.url + w.links.facilitator, 'Fay');
  await joinAs(pat, app.url + w.links.participant, 'Pat');
  await setPhase(fac, 'Silent review');

  await drag(fac, 'Product search', 'v5');
  // the other browser sees it in the target bucket, with the bucket's count and sum
  await expect(bucket(pat, 'v5').locator('[data-card-id]', { hasText: 'Product search' })).toBeVisible();
  await expect(pat.getByTestId('bucket-stats-v5')).toContainText('5 AP');

  await drag(pat, 'Login with SSO', 'v13');
  await expect(bucket(fac, 'v13').locator('[data-card-id]', { hasText: 'Login with SSO' })).toBeVisible();
  await expect(fac.getByTestId('total')).toHaveText('Total 18 AP');

  await app.restart();
  // both reconnect by themselves and show the same board as before
  for (const page of [fac, pat]) {
    await expect(bucket(page, 'v5').locator('[data-card-id]', { hasText: 'Product search' })).toBeVisible({ timeout: 15_000 });
    await expect(bucket(page, 'v13').locator('[data-card-id]', { hasText: 'Login with SSO' })).toBeVisible();
    await expect(page.getByTestId('total')).toHaveText('Total 18 AP');
  }
  // and a reload shows it too
  await pat.reload();
  await expect(bucket(pat, 'v5').locator('[data-card-id]', { hasText: 'Product search' })).toBeVisible();
  await expect(card(pat, 'Checkout with PayPal')).toBeVisible();
  await drag(pat, 'Checkout with PayPal', 'v2');
  await expect(bucket(fac, 'v2').locator('[data-card-id]', { hasText: 'Checkout with PayPal' })).toBeVisible();
});
