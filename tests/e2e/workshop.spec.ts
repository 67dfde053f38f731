import { expect, test, type Page } from '@playwright/test';
import { AppProcess } from './support/server';
import { bucket, card, drag, joinAs, setPhase } from './support/board';

const app = new AppProcess();
test.beforeAll(() => app.start());
test.afterAll(() => app.dispose());

const inBucket = (page: Page, id: string, title: string) => bucket(page, id).locator('[data-card-id]', { hasText: title });

/** Places every card dealt to this person, spreading them over small buckets. */
async function placeMyHand(page: Page, buckets: string[]) {
  const mine = page.locator('[data-bucket="pile"] [data-hand="mine"]');
  for (let i = 0; (await mine.count()) > 0; i++) {
    const title = (await mine.first().getAttribute('aria-label')) ?? '';
    await drag(page, title, buckets[i % buckets.length]!);
    await expect(inBucket(page, buckets[i % buckets.length]!, title)).toBeVisible();
  }
}

test('a whole session: setup, silent sorting, review with ping-pong, discussion, lock; projector follows', async ({ browser }) => {
  // four browsers through every phase: about a minute on a quiet machine, so give it room
  test.setTimeout(150_000);
  const items = ['Login with SSO', 'Product search', 'Checkout', 'Wishlist', 'Newsletter', 'Order history'];
  const w = await app.createWorkshop('Shop relaunch', items);
  const [fac, ann, ben, beamer] = await Promise.all(
    [0, 1, 2, 3].map(async () => (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage()),
  );
  await joinAs(fac!, app.url + w.links.facilitator, 'Fay');
  await joinAs(ann!, app.url + w.links.participant, 'Ann');
  await joinAs(ben!, app.url + w.links.participant, 'Ben');
  await beamer!.setViewportSize({ width: 1920, height: 1080 });
  await beamer!.goto(`${app.url}${w.links.participant}/projector`);
  await expect(beamer!.getByTestId('projector-phase')).toHaveText('Setup');
  await expect(beamer!.getByTestId('join-code')).toHaveText(w.joinCode);

  // setup: the facilitator adds an item; participants cannot move yet
  await fac!.getByLabel('New backlog item').fill('Gift cards');
  await fac!.getByRole('button', { name: 'Add item' }).click();
  await expect(card(ann!, 'Gift cards')).toBeVisible();
  await expect(card(ann!, 'Login with SSO')).not.toHaveClass(/cursor-grab/);

  // silent sorting: 7 cards dealt to Ann and Ben; each places their own hand only
  await setPhase(fac!, 'Silent sorting');
  await expect(ann!.locator('[data-hand="mine"]')).toHaveCount(4);
  await expect(ben!.locator('[data-hand="mine"]')).toHaveCount(3);
  await expect(ann!.locator('[data-hand="other"]').first()).not.toHaveClass(/cursor-grab/);
  await placeMyHand(ann!, ['v1', 'v2', 'v3']);
  await placeMyHand(ben!, ['v5', 'v8']);
  await expect(beamer!.getByTestId('projector-placed')).toHaveText('7');
  await expect(beamer!.getByTestId('projector-unplaced')).toHaveText('0');

  // silent review: Ann moves a card of Ben's, Ben moves it back: ping-pong flags it
  await setPhase(fac!, 'Silent review');
  const contested = (await bucket(ann!, 'v5').locator('[data-card-id]').first().getAttribute('aria-label'))!;
  await drag(ann!, contested, 'v13');
  await expect(inBucket(ben!, 'v13', contested)).toBeVisible();
  await drag(ben!, contested, 'v5');
  await expect(inBucket(ann!, 'v5', contested)).toHaveAttribute('data-flagged', 'true');
  await expect(beamer!.getByTestId('projector-flagged')).toHaveText('1');

  // the facilitator opens the card's move log: who moved it, from where to where
  await card(fac!, contested)
    .getByRole('button', { name: /Details/ })
    .click();
  const log = fac!.getByTestId('event-list');
  await expect(log).toContainText('Ann moved');
  await expect(log).toContainText('from 5 to 13');
  await expect(log).toContainText('Ben moved');
  await fac!.getByRole('button', { name: 'Close' }).click();

  // discussion: only the flagged card is in the queue; the facilitator places and settles it
  await setPhase(fac!, 'Discussion');
  const queue = fac!.getByTestId('discussion-queue');
  await expect(queue.getByRole('listitem')).toHaveCount(1);
  await expect(queue).toContainText(contested);
  await fac!.getByLabel('Minutes').fill('5');
  await fac!.getByRole('button', { name: 'Start timer' }).click();
  await expect(beamer!.getByTestId('timer')).toContainText(/^[45]:\d\d$/);
  await drag(fac!, contested, 'v8');
  await expect(inBucket(ann!, 'v8', contested)).toBeVisible();
  await queue.getByRole('button', { name: 'Settled' }).click();
  await expect(beamer!.getByTestId('projector-flagged')).toHaveText('0');
  await expect(inBucket(ben!, 'v8', contested)).not.toHaveAttribute('data-flagged', 'true');

  // lock: totals are final and nobody can move a card
  await setPhase(fac!, 'Locked');
  await expect(beamer!.getByTestId('projector-phase')).toHaveText('Locked');
  await expect(ann!.getByTestId('current-phase')).toHaveText('Locked');
  await expect(ann!.locator('[data-card-id]').first()).not.toHaveClass(/cursor-grab/);
  const total = await fac!.getByTestId('total').textContent();
  await expect(ann!.getByTestId('total')).toHaveText(total!);
});
