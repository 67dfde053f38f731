import { expect, type Page } from '@playwright/test';

export const card = (page: Page, title: string) => page.locator('[data-card-id]', { hasText: title });
export const bucket = (page: Page, id: string) => page.locator(`[data-bucket="${id}"]`);

/** Drags with real pointer events, the way a mouse user does. */
export async function drag(page: Page, title: string, bucketId: string) {
  const from = await card(page, title).boundingBox();
  const to = await bucket(page, bucketId).boundingBox();
  if (!from || !to) throw new Error(`cannot drag ${title} to ${bucketId}: not visible`);
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + Math.min(80, to.height / 2), { steps: 8 });
  await page.mouse.up();
  // the dragged copy stays until the drop animation ends; the next drag must start after it
  await expect(page.locator('[data-overlay]')).toHaveCount(0);
}

export async function joinAs(page: Page, url: string, name: string) {
  await page.goto(url);
  await page.getByLabel(/your name|ihr name/i).fill(name);
  await page.getByRole('button', { name: /^(join|beitreten)$/i }).click();
  await expect(page.locator('[data-card-id]').first()).toBeVisible();
}

/** Facilitator: press "Next"/"Back" until the wanted phase is current. */
export async function setPhase(page: Page, phaseName: string) {
  for (let i = 0; i < 5; i++) {
    const current = (await page.getByTestId('current-phase').textContent()) ?? '';
    if (current === phaseName) return;
    const forward = page.getByRole('button', { name: new RegExp(`^(Next|Weiter): ${phaseName}$`) });
    const back = page.getByRole('button', { name: new RegExp(`^(Back to|Zurück zu) ${phaseName}$`) });
    if (await forward.isVisible()) await forward.click();
    else if (await back.isVisible()) await back.click();
    else await page.getByRole('button', { name: /^(Next|Weiter):/ }).click();
    // leaving silent sorting while people still sort asks first (BOARD-PROG-2): move on
    const nudge = page.getByTestId('nudge');
    await expect(page.getByTestId('current-phase').filter({ hasNotText: current }).or(nudge)).toBeVisible();
    if (await nudge.isVisible()) await nudge.getByRole('button', { name: /^(Move on|Weiter)$/ }).click();
    await expect(page.getByTestId('current-phase')).not.toHaveText(current);
  }
  await expect(page.getByTestId('current-phase')).toHaveText(phaseName);
}
