import { expect, test } from '@playwright/test';
import { AppProcess } from './support/server';
import { bucket, card, drag, joinAs, setPhase } from './support/board';

const app = new AppProcess();
test.beforeAll(() => app.start());
test.afterAll(() => app.dispose());

test('KEY-1 a card moves with the keyboard alone, and the move is announced', async ({ browser }) => {
  const w = await app.createWorkshop('Keyboard', ['Alpha', 'Beta']);
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await joinAs(page, app.url + w.links.facilitator, 'Kim');
  const said = page.locator('[id^="DndLiveRegion"]');
  await card(page, 'Alpha').focus();
  await page.keyboard.press('Space');
  await expect(said).toContainText(/Picked up card Alpha\.|Card Alpha is over Unsorted\./);
  // each arrow jumps one bucket to the right, and a screen reader hears where the card is
  for (const label of ['1', '2', '3']) {
    await page.keyboard.press('ArrowRight');
    await expect(said).toContainText(`Card Alpha is over ${label}.`);
  }
  await page.keyboard.press('Space');
  await expect(bucket(page, 'v3').locator('[data-card-id]', { hasText: 'Alpha' })).toBeVisible();
  await expect(said).toContainText('Card Alpha was dropped on 3.');
});

test('NET-1 moves made while the server is away are sent after reconnecting; a conflicting one is discarded visibly', async ({
  browser,
}) => {
  const w = await app.createWorkshop('Offline', ['Alpha', 'Beta']);
  const fac = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  const pat = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await joinAs(fac, app.url + w.links.facilitator, 'Fay');
  await joinAs(pat, app.url + w.links.participant, 'Pat');
  await setPhase(fac, 'Silent review');
  await drag(fac, 'Beta', 'v2');
  await expect(bucket(pat, 'v2').locator('[data-card-id]', { hasText: 'Beta' })).toBeVisible();

  await app.stop('SIGKILL');
  await expect(pat.getByText(/^Offline: reconnecting/)).toBeVisible();
  // keep Pat's browser off the network until the others have moved on
  await pat.context().setOffline(true);
  // Pat keeps working: both moves show at once, as pending
  await drag(pat, 'Alpha', 'v8');
  await drag(pat, 'Beta', 'v20');
  await expect(bucket(pat, 'v8').locator('[data-card-id]', { hasText: 'Alpha' })).toBeVisible();

  // meanwhile the server (back on the same file) gets Beta moved elsewhere by someone else
  await app.start();
  const other = await (await browser.newContext()).newPage();
  await joinAs(other, app.url + w.links.participant, 'Olga');
  await drag(other, 'Beta', 'v40');
  await expect(bucket(other, 'v40').locator('[data-card-id]', { hasText: 'Beta' })).toBeVisible();

  // Pat reconnects by itself: Alpha's move goes through, Beta's is discarded and Pat is told
  await pat.context().setOffline(false);
  await expect(pat.getByText(/^Offline: reconnecting/)).toBeHidden({ timeout: 15_000 });
  for (const page of [pat, fac, other]) {
    await expect(bucket(page, 'v8').locator('[data-card-id]', { hasText: 'Alpha' })).toBeVisible({ timeout: 15_000 });
    await expect(bucket(page, 'v40').locator('[data-card-id]', { hasText: 'Beta' })).toBeVisible();
  }
  await expect(pat.getByText(/discarded because someone else moved the card/)).toBeVisible();
});

test('TOUCH-1 on a phone-sized screen a press-and-hold drags a card into a bucket', async ({ browser }) => {
  const w = await app.createWorkshop('Touch', ['Alpha', 'Beta']);
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await ctx.newPage();
  await joinAs(page, app.url + w.links.facilitator, 'Tam');
  const from = (await card(page, 'Alpha').boundingBox())!;
  const to = (await bucket(page, 'v2').boundingBox())!;
  const cdp = await ctx.newCDPSession(page);
  const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x: number, y: number) =>
    cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
  const [x0, y0] = [from.x + from.width / 2, from.y + from.height / 2];
  const [x1, y1] = [to.x + to.width / 2, to.y + to.height / 2];
  await touch('touchStart', x0, y0);
  // the hold itself is the gesture: the touch sensor starts a drag after 150 ms
  await page.waitForTimeout(300);
  for (let i = 1; i <= 8; i++) await touch('touchMove', x0 + ((x1 - x0) * i) / 8, y0 + ((y1 - y0) * i) / 8);
  await touch('touchEnd', x1, y1);
  await expect(bucket(page, 'v2').locator('[data-card-id]', { hasText: 'Alpha' })).toBeVisible();
});
