import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { AppProcess } from './support/server';
import { card, joinAs } from './support/board';

const app = new AppProcess();
test.beforeAll(() => app.start());
test.afterAll(() => app.dispose());

test('IMPORT-UI-1 a semicolon CSV is previewed with its columns, imported live, and exported back', async ({ browser }) => {
  const w = await app.createWorkshop('Website', ['Existing item']);
  const fac = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage();
  const pat = await (await browser.newContext()).newPage();
  await joinAs(fac, app.url + w.links.facilitator, 'Fay');
  await joinAs(pat, app.url + w.links.participant, 'Pat');

  await fac.getByText('Import backlog').click();
  await fac.getByLabel('File').setInputFiles('tests/fixtures/import/german-spreadsheet.csv');
  await fac.getByRole('button', { name: 'Preview' }).click();
  const mapping = fac.getByTestId('import-mapping');
  await expect(mapping.getByLabel('Title')).toHaveValue('1'); // "Titel" was recognised
  const preview = fac.getByTestId('import-preview');
  const summary = (await preview.locator('caption').textContent()) ?? '';
  const willImport = Number(/^(\d+) will be imported/.exec(summary)?.[1]);
  expect(willImport).toBeGreaterThan(0);
  await expect(preview.getByRole('row').filter({ hasText: 'not imported' }).first()).toBeVisible();

  // re-map: no descriptions; the preview follows and still imports the same rows
  await mapping.getByLabel('Description').selectOption('');
  await expect(mapping.getByLabel('Description')).toHaveValue('');
  await fac.getByRole('button', { name: `Import ${willImport} rows` }).click();
  await expect(fac.getByText(`Imported ${willImport}, updated 0.`)).toBeVisible();
  // the participant sees the new cards live
  await expect(card(pat, 'Startseite überarbeiten')).toBeVisible();
  await expect(pat.locator('[data-card-id]')).toHaveCount(1 + willImport);

  const [download] = await Promise.all([fac.waitForEvent('download'), fac.getByRole('button', { name: 'CSV' }).click()]);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv.split(/\r?\n/)[0]).toContain('Key');
  expect(csv).toContain('Startseite überarbeiten');
  expect(csv).toContain('WEB-1');
});
