import { expect, test, type Page } from '@playwright/test';
import { AppProcess } from './support/server';

const app = new AppProcess();
test.beforeAll(() => app.start());
test.afterAll(() => app.dispose());

type Labels = {
  refAp: string;
  refSp: string;
  assumed: string;
  weeks: string;
  start: string;
  people: string;
  rate: string;
  days: string;
};
const EN: Labels = {
  refAp: 'Reference item 1, AP',
  refSp: 'Reference item 1, SP',
  assumed: 'Assumed velocity per sprint',
  weeks: 'Sprint length (weeks)',
  start: 'Start date of sprint 1',
  people: 'People',
  rate: 'Day rate per person',
  days: 'Working days per sprint',
};
const DE: Labels = {
  refAp: 'Referenz-Item 1, AP',
  refSp: 'Referenz-Item 1, SP',
  assumed: 'Angenommene Velocity pro Sprint',
  weeks: 'Sprintlänge (Wochen)',
  start: 'Beginn von Sprint 1',
  people: 'Personen',
  rate: 'Tagessatz pro Person',
  days: 'Arbeitstage pro Sprint',
};

/** The method's worked example, typed in as a user would: 3 AP = 24 SP, 24 SP per sprint, 2 weeks, 3 x 800 x 10 days. */
async function enterWorkedExample(page: Page, l: Labels) {
  await page.getByLabel(l.refAp, { exact: true }).fill('3');
  await page.getByLabel(l.refSp, { exact: true }).fill('24');
  await page.getByLabel(l.assumed).fill('24');
  await page.getByLabel(l.weeks).fill('2');
  await page.getByLabel(l.start).fill('2025-01-06');
  await page.getByLabel(l.people, { exact: true }).fill('3');
  await page.getByLabel(l.rate).fill('800');
  await page.getByLabel(l.days).fill('10');
}

test('PLAN-UI-1 the worked example: 47 AP from the link, 376 SP, 16 sprints, 24,000 EUR per sprint, 384,000 EUR', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  await page.goto(app.url + '/plan?ap=47');
  await expect(page.getByLabel('Total effort (AP)')).toHaveValue('47');
  await expect(page.getByTestId('rough-note')).toContainText('Rough estimates, not promises');
  await enterWorkedExample(page, EN);

  await expect(page.getByTestId('figure-size')).toHaveText('376 SP');
  await expect(page.getByTestId('figure-sprints')).toHaveText('16');
  await expect(page.getByTestId('figure-sprints-exact')).toContainText('15.7');
  await expect(page.getByTestId('figure-date')).toHaveText('Aug 17, 2025');
  await expect(page.getByTestId('calibration-factor')).toHaveText('8 SP per AP');
  await expect(page.getByTestId('budget-cost-per-sprint')).toContainText('€24,000');
  await expect(page.getByTestId('budget-total')).toHaveText('€384,000');
  await expect(page.getByTestId('figure-cost')).toHaveText('€384,000');
  await expect(page.getByTestId('plan-status')).toHaveAttribute('data-status', 'no_budget');
  // decay: at 10 % per sprint at most 240 SP can ever be delivered: "never", not a huge number
  await expect(page.getByTestId('decay-needed-5')).toContainText('30');
  await expect(page.getByTestId('decay-needed-10')).toHaveText('never');

  // what-if: a budget of 390,000 EUR covers the 16 sprints; 15 sprints do not
  const budgetAs = page.getByRole('radiogroup', { name: 'Budget given as' });
  await budgetAs.getByText('an amount', { exact: true }).click();
  await page.getByLabel('Budget amount').fill('390,000');
  await expect(page.getByTestId('budget-covers')).toHaveText('16 sprints');
  await expect(page.getByTestId('plan-status')).toHaveAttribute('data-status', 'ok');
  await budgetAs.getByText('sprints', { exact: true }).click();
  await page.getByLabel('Budget in sprints').fill('15');
  await expect(page.getByTestId('plan-status')).toHaveAttribute('data-status', 'over_budget');
  await expect(page.getByTestId('plan-status')).toContainText('the budget covers only 15');

  // a history brings the range and the Monte Carlo chart, and says which rules are used
  await page.getByLabel('Velocity history (optional)').fill('20, 26, 22, 28, 24, 19, 27, 25');
  await expect(page.getByTestId('history-parsed')).toHaveText('8 sprints: 20 · 26 · 22 · 28 · 24 · 19 · 27 · 25');
  await expect(page.getByTestId('range-rule')).toContainText('90 % confidence interval for the median');
  await expect(page.getByTestId('mc-rule')).toContainText('Seed 42');
  await expect(page.getByTestId('mc-chart').locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expect(page.getByTestId('mc-p85')).toContainText('sprints');
  await expect(page.locator('body')).not.toContainText('NaN');
  expect(problems).toEqual([]); // no hydration mismatch, no runtime error
});

test('PLAN-UI-2 German: figures and money formatted for the locale', async ({ browser }) => {
  const ctx = await browser.newContext({ locale: 'de-DE' });
  const page = await ctx.newPage();
  await page.goto(app.url + '/plan?ap=47');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Prognose und Budget');
  await expect(page.getByTestId('rough-note')).toContainText('Grobe Schätzungen, keine Zusagen');
  await enterWorkedExample(page, DE);
  await expect(page.getByTestId('figure-size')).toHaveText('376 SP');
  await expect(page.getByTestId('figure-sprints')).toHaveText('16');
  await expect(page.getByTestId('figure-sprints-exact')).toContainText('15,7');
  await expect(page.getByTestId('figure-date')).toHaveText('17.08.2025');
  await expect(page.getByTestId('budget-cost-per-sprint')).toContainText('24.000 €');
  await expect(page.getByTestId('figure-cost')).toHaveText('384.000 €');
  await expect(page.getByTestId('decay-needed-10')).toHaveText('nie');
  await ctx.close();
});

test('PLAN-UI-3 a negative velocity is an error next to the field, never NaN', async ({ page }) => {
  await page.goto(app.url + '/plan?ap=47');
  await enterWorkedExample(page, EN);
  await expect(page.getByTestId('figure-sprints')).toHaveText('16');

  await page.getByLabel(EN.assumed).fill('-24');
  const error = page.getByTestId('error-velocityAssumed');
  await expect(error).toHaveText('Must be more than 0.');
  await expect(page.getByLabel(EN.assumed)).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('plan-stale')).toBeVisible();
  await expect(page.locator('body')).not.toContainText('NaN');
  await expect(page.locator('body')).not.toContainText('Infinity');

  // a history entry that is not a number is reported by its entry number
  await page.getByLabel(EN.assumed).fill('24');
  await page.getByLabel('Velocity history (optional)').fill('20, -3, 22');
  await expect(page.getByTestId('error-velocityHistory')).toHaveText('Entry 2: Must not be negative.');
  await expect(page.locator('body')).not.toContainText('NaN');

  // fixed: the figures are current again
  await page.getByLabel('Velocity history (optional)').fill('');
  await expect(page.getByTestId('plan-stale')).toHaveCount(0);
  await expect(page.getByTestId('figure-sprints')).toHaveText('16');
});
