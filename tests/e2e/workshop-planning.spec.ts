import { expect, test, type Page } from '@playwright/test';
import type { CreateWorkshopResult, WorkshopOverview } from '../../domain/protocol';
import { AppProcess } from './support/server';

const app = new AppProcess();
test.beforeAll(() => app.start());
test.afterAll(() => app.dispose());

async function api(w: CreateWorkshopResult, method: string, path: string, body?: unknown) {
  const res = await fetch(app.url + path, {
    method,
    headers: { authorization: `Bearer ${w.facilitatorSecret}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<unknown>;
}

/**
 * The room's part (covered by workshop.spec.ts): a session that placed every item in its bucket and
 * was locked, done through the API here so these tests start at the workshop views.
 */
async function estimated(name: string, sizes: [string, number][]) {
  const w = await app.createWorkshop(
    name,
    sizes.map(([title]) => title),
  );
  const overview = (await api(w, 'GET', `/api/workshops/${w.workshopId}`)) as WorkshopOverview;
  const ids = Object.fromEntries(overview.items.map((i) => [i.title, i.id]));
  for (const [title, ap] of sizes)
    await api(w, 'POST', `/api/sessions/${w.sessionId}/commands`, { type: 'card.move', cardId: ids[title], to: `v${ap}` });
  await api(w, 'POST', `/api/sessions/${w.sessionId}/commands`, { type: 'phase.set', phase: 'locked' });
  return { w, ids };
}

const tab = (page: Page, name: string) => page.getByRole('navigation', { name: 'Workshop views' }).getByRole('link', { name, exact: true });

test('WS-UI-1 the worked example in the workshop views: 376 SP, 16 sprints, 24,000 EUR per sprint, 384,000 EUR; shared read-only and revocable', async ({
  page,
  browser,
}) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  const { w } = await estimated('Shop relaunch', [
    ['Login with e-mail', 3],
    ['Search', 20],
    ['Checkout', 13],
    ['Wishlist', 8],
    ['Newsletter', 3],
  ]);

  // overview: the current total from the locked session; not calibrated yet
  await page.goto(app.url + w.links.workshop);
  await expect(page.getByTestId('workshop-name')).toHaveText('Shop relaunch');
  await expect(page.getByTestId('total-ap')).toHaveText('47 AP');
  await expect(page.getByTestId('total-sp')).toHaveText('–');
  await expect(page).not.toHaveURL(/facilitator=/); // the secret leaves the address bar

  // calibration: the 3 AP item was estimated at 24 SP
  await tab(page, 'Calibration').click();
  await page.getByLabel('Story points of Login with e-mail').fill('24');
  await page.getByTestId('reference-row').filter({ hasText: 'Login with e-mail' }).getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('calibration-factor')).toHaveText('8 SP per AP');
  await expect(page.getByTestId('factor-items')).toContainText('3 AP = 24 SP');
  await expect(page.getByTestId('factor-table')).toContainText('Session 1');

  await tab(page, 'Overview').click();
  await expect(page.getByTestId('total-sp')).toHaveText('376 SP');

  // forecast: velocity 24 SP, two-week sprints from 6 January 2025, 3 people x 800 EUR x 10 days
  await tab(page, 'Forecast').click();
  await page.getByText('SP (story points)', { exact: true }).click();
  await page.getByLabel('Assumed velocity per sprint').fill('24');
  await page.getByLabel('Sprint length (weeks)').fill('2');
  await page.getByLabel('Start date of sprint 1').fill('2025-01-06');
  await page.getByLabel('People', { exact: true }).fill('3');
  await page.getByLabel('Day rate per person').fill('800');
  await page.getByLabel('Working days per sprint').fill('10');
  await expect(page.getByTestId('rough-note')).toContainText('Rough estimates, not promises');
  await expect(page.getByTestId('figure-size')).toHaveText('376 SP');
  await expect(page.getByTestId('figure-sprints')).toHaveText('16');
  await expect(page.getByTestId('figure-sprints-exact')).toContainText('15.7');
  await expect(page.getByTestId('figure-date')).toHaveText('Aug 17, 2025');
  await expect(page.getByTestId('budget-cost-per-sprint')).toContainText('€24,000');
  await expect(page.getByTestId('figure-cost')).toHaveText('€384,000');
  await expect(page.getByTestId('decay-needed-10')).toHaveText('never');
  await expect(page.getByTestId('settings-state')).toHaveText('What-if: these settings are not saved.');
  await page.getByTestId('save-settings').click();
  await expect(page.getByTestId('settings-state')).toHaveText('Saved settings.');

  // budget: the saved settings come back; 390,000 EUR covers the 16 sprints; the waterline is drawn
  await tab(page, 'Budget').click();
  await expect(page.getByTestId('budget-total')).toHaveText('€384,000');
  await expect(page.getByTestId('waterline-missing')).toBeVisible();
  await page.getByRole('radiogroup', { name: 'Budget given as' }).getByText('an amount', { exact: true }).click();
  await page.getByLabel('Budget amount').fill('390,000');
  await expect(page.getByTestId('budget-covers')).toHaveText('16 sprints');
  await expect(page.getByTestId('plan-status')).toHaveAttribute('data-status', 'ok');
  await expect(page.getByTestId('waterline-item')).toHaveCount(5);
  await expect(page.locator('[data-testid="waterline-item"][data-above="no"]')).toHaveCount(0);
  // what-if: 12 sprints of budget leave items below the line
  await page.getByRole('radiogroup', { name: 'Budget given as' }).getByText('sprints', { exact: true }).click();
  await page.getByLabel('Budget in sprints').fill('12');
  await expect(page.getByTestId('plan-status')).toHaveAttribute('data-status', 'over_budget');
  await expect(page.locator('[data-testid="waterline-item"][data-above="no"]')).not.toHaveCount(0);
  await page.getByRole('radiogroup', { name: 'Budget given as' }).getByText('an amount', { exact: true }).click();
  await page.getByTestId('save-settings').click();
  await expect(page.getByTestId('settings-state')).toHaveText('Saved settings.');

  // on paper: no navigation, no form
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Workshop views' })).toBeHidden();
  await expect(page.getByTestId('plan-inputs')).toBeHidden();
  await expect(page.getByTestId('figure-cost')).toBeVisible();
  await page.emulateMedia({ media: 'screen' });

  // sharing: a read-only link for stakeholders, revocable
  await tab(page, 'Overview').click();
  await page.getByTestId('share-create').click();
  const url = await page.getByTestId('share-url').inputValue();
  expect(url).toMatch(/\/s\/[A-Za-z0-9_-]{43}$/);
  const ctx = await browser.newContext();
  const stakeholder = await ctx.newPage();
  await stakeholder.goto(url);
  await expect(stakeholder.getByTestId('figure-size')).toHaveText('376 SP');
  await expect(stakeholder.getByTestId('figure-sprints')).toHaveText('16');
  await expect(stakeholder.getByTestId('budget-cost-per-sprint')).toContainText('€24,000');
  await expect(stakeholder.getByTestId('figure-cost')).toHaveText('€384,000');
  await expect(stakeholder.getByTestId('rough-note')).toBeVisible();
  await expect(stakeholder.getByRole('textbox')).toHaveCount(0);
  await expect(stakeholder.getByTestId('save-settings')).toHaveCount(0);
  await page.getByTestId('share-link').getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByTestId('share-link')).toHaveCount(0);
  await stakeholder.reload();
  await expect(stakeholder.getByTestId('shared-failed')).toContainText('revoked');
  await ctx.close();
  expect(problems).toEqual([]);
});

test('WS-UI-2 three sprints: the burn-up, the waterline and the after-sprint answers follow; the warning when the budget runs short', async ({
  page,
}) => {
  const { w, ids } = await estimated('Web shop', [
    ['Sign-up', 5],
    ['Login', 3],
    ['Search', 1],
    ['Basket', 5],
    ['Checkout', 8],
    ['Invoices', 3],
    ['Reports', 1],
  ]);
  await api(w, 'PUT', `/api/workshops/${w.workshopId}/sessions/${w.sessionId}/references/${ids.Login}`, { storyPoints: 24 });
  await api(w, 'PUT', `/api/workshops/${w.workshopId}/plan-settings`, {
    velocity: { unit: 'AP', assumed: 3 },
    sprint: { startDate: '2025-01-06', lengthWeeks: 2 },
    team: { people: 3, dayRateMinor: 80000, daysPerSprint: 10 },
    currency: 'EUR',
    budget: { amountMinor: 24000000 },
  });
  await page.goto(app.url + w.links.workshop);
  await tab(page, 'Tracking').click();
  await expect(page.getByTestId('panel-review')).toContainText('Record the first sprint');
  await expect(page.getByTestId('burnup-chart')).toHaveAttribute('data-scope', '26');

  const record = page.getByTestId('record-sprint');
  const check = (list: string, title: string) =>
    page
      .getByTestId(list)
      .getByRole('checkbox', { name: new RegExp(`^${title}`) })
      .check();
  const answer = (key: string) => page.getByTestId(`review-${key}-answer`);
  const below = page.locator('[data-testid="waterline-item"][data-above="no"]');

  // sprint 1: Login and Search done (4 AP) at the planned cost
  await check('done-items', 'Login');
  await check('done-items', 'Search');
  await record.getByTestId('record-submit').click();
  await expect(page.getByTestId('sprint-row')).toHaveCount(1);
  await expect(page.getByTestId('burnup-chart')).toHaveAttribute('data-done', '4');
  await expect(answer('cost')).toHaveText('€24,000 (planned)');
  await expect(answer('left')).toHaveText('€216,000');
  await expect(answer('lasts')).toHaveText('9 sprints');
  await expect(answer('factor')).toHaveText('no: 8 SP per AP');
  await expect(answer('remaining')).toHaveText('22 AP (176 SP)');
  await expect(answer('velocity')).toHaveText('4 AP (32 SP) per sprint');
  await expect(answer('fits')).toContainText('36 AP');
  await expect(page.getByTestId('plan-status')).toHaveAttribute('data-status', 'ok');
  await expect(below).toHaveCount(0);

  // sprint 2: Invoices done (3 AP); Reports dropped: a step in the scope line
  await check('done-items', 'Invoices');
  await record.getByText('Scope changed in this sprint').click();
  await check('dropped-items', 'Reports');
  await expect(page.getByTestId('scope-change-preview')).toHaveText('Scope change in this sprint: +0 AP / −1 AP');
  await record.getByTestId('record-submit').click();
  await expect(page.getByTestId('sprint-row')).toHaveCount(2);
  await expect(page.getByTestId('burnup-chart')).toHaveAttribute('data-done', '7');
  await expect(page.getByTestId('burnup-chart')).toHaveAttribute('data-scope', '25');
  await expect(answer('remaining')).toHaveText('18 AP (144 SP)');
  await expect(answer('velocity')).toHaveText('3.5 AP (28 SP) per sprint');
  await expect(answer('lasts')).toHaveText('8 sprints');
  await expect(page.getByTestId('sprint-row').nth(1)).toContainText('+0 / −1 AP');

  // sprint 3: only 1 AP of work and no item finished, and it cost 30,000 EUR: the budget runs short.
  // The work counts for the velocity; the burn-up shows finished items only, so it agrees with the scope left.
  await record.getByLabel('Done points (AP)').fill('1');
  await record.getByLabel('Actual cost (EUR)').fill('30000');
  await record.getByTestId('record-submit').click();
  await expect(page.getByTestId('sprint-row')).toHaveCount(3);
  await expect(page.getByTestId('burnup-chart')).toHaveAttribute('data-done', '7');
  await expect(answer('remaining')).toHaveText('18 AP (144 SP)');
  await expect(page.getByTestId('review-velocity-note')).toHaveText('mean of sprints 1–3');
  // the costs add up as shown: spent so far + still to spend = total
  await expect(page.getByTestId('plan-status')).toBeVisible();
  await expect(answer('cost')).toHaveText('€30,000');
  await expect(answer('left')).toHaveText('€162,000');
  await expect(answer('lasts')).toHaveText('6 sprints');
  await expect(answer('velocity')).toHaveText('2.7 AP (21.3 SP) per sprint');
  await expect(page.getByTestId('plan-status')).toHaveAttribute('data-status', 'over_budget');
  await expect(page.getByTestId('review-warning')).toHaveText(/at least 7 more sprints are needed, but the budget covers only 6/);
  await expect(below).toHaveCount(1); // Checkout no longer fits
  await expect(page.getByTestId('waterline-item').filter({ hasText: 'Checkout' })).toHaveAttribute('data-above', 'no');
  await expect(page.getByTestId('burnup-chart').locator('.recharts-line').first()).toBeVisible();

  // a mistake can be corrected: removing asks first; keeping it changes nothing; then the last record goes
  await page.getByTestId('remove-last-sprint').click();
  await expect(page.getByTestId('remove-confirm')).toContainText('Remove sprint 3?');
  await page.getByRole('button', { name: 'Keep it' }).click();
  await expect(page.getByTestId('sprint-row')).toHaveCount(3);
  await page.getByTestId('remove-last-sprint').click();
  await page.getByTestId('remove-confirm-yes').click();
  await expect(page.getByTestId('sprint-row')).toHaveCount(2);
  await expect(answer('lasts')).toHaveText('8 sprints');
});

test("WS-UI-3 the forecast's optional inputs in a workshop: saved, answered in plain words, the waterline as chances; on the shared view and on paper", async ({
  page,
  browser,
}) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  const { w, ids } = await estimated('Uncertain shop', [
    ['Sign-up', 5],
    ['Login', 3],
    ['Search', 1],
    ['Basket', 5],
    ['Checkout', 8],
    ['Invoices', 3],
    ['Reports', 1],
  ]);
  await api(w, 'PUT', `/api/workshops/${w.workshopId}/plan-settings`, {
    velocity: { unit: 'AP', history: [4, 3, 2, 5, 3] },
    sprint: { startDate: '2025-01-06', lengthWeeks: 2 },
    team: { people: 3, dayRateMinor: 80000, daysPerSprint: 10 },
    currency: 'EUR',
    budget: { sprints: 8 },
  });
  await api(w, 'POST', `/api/workshops/${w.workshopId}/sprints`, { doneItemIds: [ids.Login, ids.Search] });
  await page.goto(app.url + w.links.workshop);
  await tab(page, 'Forecast').click();
  await expect(page.getByTestId('answer-finish')).toContainText('85 % chance of finishing on or before');
  await expect(page.getByTestId('forecast-velocity')).toHaveText('3.5 AP per sprint (mean of 5 earlier sprints and sprint 1)');
  await expect(page.getByTestId('section-scope-risks')).not.toHaveAttribute('open', '');
  const before = (await page.getByTestId('mc-p85').textContent()) ?? '';

  await page.getByTestId('section-velocity-time').locator('summary').click();
  await page.getByLabel('Use the last … sprints').fill('3');
  await expect(page.getByTestId('forecast-velocity')).toContainText('only the last 3: 3 older sprints left out');
  await page.getByLabel('Use the last … sprints').fill('');
  await page.getByTestId('section-scope-risks').locator('summary').click();
  await page.getByLabel('New scope per sprint, from (percent)').fill('0');
  await page.getByLabel('New scope per sprint, to (percent)').fill('10');
  await page.getByLabel('Split factor, from').fill('1');
  await page.getByLabel('Split factor, to').fill('1.5');
  await page.getByTestId('section-throughput').locator('summary').click();
  await page.getByLabel('Also forecast in items per sprint').check();
  await page.getByTestId('section-question').locator('summary').click();
  await page.getByLabel('Chance of finishing by').fill('2025-06-30');
  await expect(page.getByTestId('mc-p85')).not.toHaveText(before);
  await expect(page.getByTestId('answer-by-date')).toHaveText(
    /^\d{1,3} % chance of finishing by Mon, Jun 30, 2025 \(counting items: \d{1,3} %\)\.$/,
  );
  await expect(page.getByTestId('panel-throughput')).toContainText('2 items per sprint (mean of 1 sprint)');
  await page.getByTestId('save-settings').click();
  await expect(page.getByTestId('settings-state')).toHaveText('Saved settings.');

  // the budget view: each open item's chance of being done within the 7 sprints the budget still covers
  await tab(page, 'Budget').click();
  const chances = page.getByTestId('waterline-chance');
  await expect(chances).toHaveCount(5);
  const values = (await chances.allInnerTexts()).map((x) => Number(x.replace(/[^0-9]/g, '')));
  values.forEach((v, i) => i > 0 && expect(v).toBeLessThanOrEqual(values[i - 1]!)); // priority order: never more likely further down
  await expect(page.getByTestId('panel-answers')).toBeVisible();

  // the shared view carries the sentences, on screen and on paper; forms are left out
  await tab(page, 'Overview').click();
  await page.getByTestId('share-create').click();
  const url = await page.getByTestId('share-url').inputValue();
  const ctx = await browser.newContext();
  const stakeholder = await ctx.newPage();
  await stakeholder.goto(url);
  await expect(stakeholder.getByTestId('answer-finish')).toContainText('85 % chance of finishing on or before');
  await expect(stakeholder.getByTestId('answer-by-date')).toContainText('chance of finishing by Mon, Jun 30, 2025');
  await stakeholder.emulateMedia({ media: 'print' });
  await stakeholder.setViewportSize({ width: 794, height: 1123 });
  await expect(stakeholder.getByTestId('panel-answers')).toBeVisible();
  await expectChartInsideItsBox(stakeholder);
  const pdf = await stakeholder.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  await ctx.close();

  // the tracking page on paper: the burn-up inside its box with a normal legend, no form
  await page.goto(`${app.url}/workshop/${w.workshopId}/tracking`);
  await expect(page.getByTestId('burnup-chart')).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 794, height: 1123 });
  await expect(page.getByTestId('record-sprint')).toBeHidden();
  await expect(page.getByTestId('remove-last-sprint')).toBeHidden();
  await expectChartInsideItsBox(page);
  expect(problems).toEqual([]);
});

/** On paper the burn-up stays within its panel and its legend icons keep their size (they once grew to the page width). */
async function expectChartInsideItsBox(p: Page) {
  // measured in one go in the page (the chart re-renders when the paper width applies)
  const measure = () =>
    p.evaluate(() => {
      const box = (el: Element | null) => el?.getBoundingClientRect() ?? null;
      const panel = box(document.querySelector('[data-testid="panel-burnup"]'));
      const chart = box(document.querySelector('[data-testid="burnup-chart"] .recharts-wrapper > svg.recharts-surface'));
      const icons = [...document.querySelectorAll('[data-testid="burnup-chart"] .recharts-legend-item svg')].map(
        (e) => e.getBoundingClientRect().width,
      );
      if (!panel || !chart || icons.length === 0) return 'not drawn yet';
      const inside = chart.left >= panel.left && chart.right <= panel.right + 0.5 && chart.bottom <= panel.bottom + 0.5;
      return { inside, widestIcon: Math.max(...icons) };
    });
  await expect.poll(measure).toEqual({ inside: true, widestIcon: expect.any(Number) });
  const m = await measure();
  expect(typeof m === 'object' && m.widestIcon).toBeLessThan(24);
}

test('WS-UI-4 a new session shows in the list at once; the comparison headline compares the items both sessions sized', async ({
  page,
}) => {
  const { w, ids } = await estimated('Revisit shop', [
    ['Sign-up', 5],
    ['Login', 3],
    ['Search', 8],
  ]);
  await page.goto(app.url + w.links.workshop);
  await expect(page.getByTestId('session-row')).toHaveCount(1);
  await page.getByTestId('new-session').click();
  await page.getByRole('checkbox', { name: /^Search/ }).check();
  await page.getByTestId('create-session').click();
  await expect(page.getByTestId('session-created')).toBeVisible();
  await expect(page.getByTestId('session-row')).toHaveCount(2);

  // the revisit sizes Search at 13 and is locked
  const overview = (await api(w, 'GET', `/api/workshops/${w.workshopId}/planning`)) as { sessions: { id: string }[] };
  const second = overview.sessions[1]!.id;
  await api(w, 'POST', `/api/sessions/${second}/commands`, { type: 'card.move', cardId: ids.Search, to: 'v13' });
  await api(w, 'POST', `/api/sessions/${second}/commands`, { type: 'phase.set', phase: 'locked' });
  await tab(page, 'Compare sessions').click();
  await expect(page.getByTestId('compare-summary')).toContainText(
    'The 1 item sized in both sessions: 8 AP in Session 1, 13 AP in Session 2 (+5 AP).',
  );
  await expect(page.getByTestId('compare-summary')).toContainText("The workshop's current total is 21 AP.");

  // calibration drift: 3 AP = 24 SP (8 per AP) first, then 13 AP = 130 SP: the factor moves to 9.6 (+20.3 %), flagged
  await api(w, 'PUT', `/api/workshops/${w.workshopId}/sessions/${w.sessionId}/references/${ids.Login}`, { storyPoints: 24 });
  await api(w, 'PUT', `/api/workshops/${w.workshopId}/sessions/${second}/references/${ids.Search}`, { storyPoints: 130 });
  await page.reload();
  await tab(page, 'Calibration').click();
  const rows = page.getByTestId('drift-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toHaveAttribute('data-flagged', 'yes');
  await expect(rows.nth(1)).toContainText('+20.3 %');
  await page.getByLabel('Flag a move of more than').fill('25');
  await expect(rows.nth(1)).toHaveAttribute('data-flagged', 'no');
});

test('SEC-DATA-2/-3 (UI) the facilitator downloads all of the workshop, then deletes it for good after typing its name', async ({
  page,
}) => {
  const { w } = await estimated('To be deleted', [
    ['Login', 3],
    ['Search', 8],
  ]);
  await page.goto(app.url + w.links.workshop);
  const panel = page.getByTestId('workshop-data');
  const [download] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('workshop-export').click()]);
  expect(download.suggestedFilename()).toBe('To be deleted.workshop.json');
  const file = JSON.parse(await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'))) as {
    items: { title: string }[];
  };
  expect(file.items.map((i) => i.title)).toEqual(['Login', 'Search']);

  await panel.getByTestId('workshop-delete').click();
  const yes = panel.getByTestId('workshop-delete-yes');
  await expect(yes).toBeDisabled();
  await panel.getByTestId('workshop-delete-name').fill('To be');
  await expect(yes).toBeDisabled();
  await panel.getByTestId('workshop-delete-name').fill('To be deleted');
  await yes.click();
  await expect(panel.getByTestId('workshop-deleted')).toHaveText('“To be deleted” and all its data were deleted.');
  const gone = await fetch(`${app.url}/api/workshops/${w.workshopId}`, { headers: { authorization: `Bearer ${w.facilitatorSecret}` } });
  expect(gone.status).toBe(403);
});
