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
  unit: string;
  sp: string;
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
  unit: 'Velocity measured in',
  sp: 'SP (story points)',
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
  unit: 'Velocity gemessen in',
  sp: 'SP (Story Points)',
};

/** The method's worked example, typed in as a user would: 3 AP = 24 SP, 24 SP per sprint, 2 weeks, 3 x 800 x 10 days. */
async function enterWorkedExample(page: Page, l: Labels) {
  // the velocity unit starts as AP on every planning page; the talk measures it in SP
  await page.getByRole('radiogroup', { name: l.unit }).getByText(l.sp, { exact: true }).click();
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

test('PLAN-UI-4 the optional forecast inputs: collapsed and changing nothing until used; then the answers in plain words and the chance-by-date curve', async ({
  page,
}) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(app.url + '/plan?ap=47');
  await enterWorkedExample(page, EN);
  await page.getByLabel('Velocity history (optional)').fill('20, 26, 22, 28, 24, 19, 27, 25');
  await expect(page.getByTestId('answer-finish')).toContainText('85 % chance of finishing on or before');
  const before = (await page.getByTestId('mc-p85').textContent()) ?? '';

  // every section is closed, and opening one changes nothing
  for (const id of ['section-velocity-time', 'section-scope-risks', 'section-throughput', 'section-question']) {
    await expect(page.getByTestId(id)).not.toHaveAttribute('open', '');
  }
  await page.getByTestId('section-scope-risks').locator('summary').click();
  await expect(page.getByLabel('New scope per sprint, from (percent)')).toBeVisible();
  await expect(page.getByTestId('mc-p85')).toHaveText(before);

  // growth of 0..5 % per sprint and a likely risk: the 85 % forecast moves later, and says what it includes
  await page.getByLabel('New scope per sprint, from (percent)').fill('0');
  await page.getByLabel('New scope per sprint, to (percent)').fill('5');
  await page.getByRole('button', { name: 'Add a risk' }).click();
  await page.getByLabel('Risk 1, what could happen').fill('Audit finds gaps');
  await page.getByLabel('Risk 1, likelihood in percent').fill('130');
  await expect(page.getByTestId('error-risk.k1.likelihood')).toHaveText('Too large: the largest allowed value is 100.');
  await page.getByLabel('Risk 1, likelihood in percent').fill('40');
  await page.getByLabel('Risk 1, impact from').fill('20');
  await page.getByLabel('Risk 1, impact to').fill('60');
  await expect(page.getByTestId('answers-basis')).toContainText('new scope 0–5 % per sprint · 1 risk');
  await expect(page.getByTestId('mc-p85')).not.toHaveText(before);
  await expect(page.getByTestId('chance-curve').locator('.recharts-area-area')).toBeVisible();

  // the date a sponsor asks about
  await page.getByTestId('section-question').locator('summary').click();
  await page.getByLabel('Chance of finishing by').fill('2025-09-30');
  await expect(page.getByTestId('answer-by-date')).toHaveText(/^\d{1,3} % chance of finishing by Tue, Sep 30, 2025\.$/);
  await expect(page.locator('body')).not.toContainText('NaN');
  expect(problems).toEqual([]);
});
