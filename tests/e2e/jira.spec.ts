import { expect, test } from '@playwright/test';
import type { CreateWorkshopResult, RoomSnapshot } from '../../domain/protocol';
import { startFakeJira, type FakeJira } from '../support/fake-jira';
import { AppProcess } from './support/server';

// The production server with integrations on; the fake Jira runs here, on loopback (allowed by
// INTEGRATIONS_ALLOW_PRIVATE_NETWORKS=1).
const app = new AppProcess({ SECRET_KEY: 'e2e-secret-key-of-at-least-32-characters', INTEGRATIONS_ALLOW_PRIVATE_NETWORKS: '1' });
const SP = 'customfield_10016';
const TOKEN = 'e2e-api-token-4f1b';
let fake: FakeJira;

test.beforeAll(async () => {
  fake = await startFakeJira({
    flavour: 'cloud',
    email: 'mia@example.com',
    apiToken: TOKEN,
    issues: [
      { key: 'SHOP-1', summary: 'Login with SSO', rank: 'a', values: { [SP]: 24 } },
      { key: 'SHOP-2', summary: 'Product search', rank: 'b', values: { [SP]: null } },
      { key: 'SHOP-3', summary: 'Checkout', rank: 'c', values: { [SP]: null }, readOnly: true },
      { key: 'SHOP-4', summary: 'Wishlist', rank: 'd', values: { [SP]: 'five-ish' } },
      { key: 'SHOP-5', summary: 'Newsletter', rank: 'e', values: { [SP]: null } },
    ],
  });
  await app.start();
});
test.afterAll(async () => {
  await app.dispose();
  await fake.close();
});

async function api(w: CreateWorkshopResult, method: string, path: string, body?: unknown) {
  const res = await fetch(app.url + path, {
    method,
    headers: { authorization: `Bearer ${w.facilitatorSecret}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<unknown>;
}

test('JIRA-UI-1 connect, import by JQL, estimate, lock, preview, write back with a failure and its retry; a second write-back has nothing to write', async ({
  page,
}) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  // the wrong token below is answered 502 on purpose; the browser logs that request itself
  page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && problems.push(m.text()));
  const w = await app.createWorkshop('Shop relaunch', []);
  await page.goto(app.url + w.links.workshop);
  await expect(page.getByTestId('workshop-name')).toHaveText('Shop relaunch');
  await page.getByRole('navigation', { name: 'Workshop views' }).getByRole('link', { name: 'Integrations', exact: true }).click();

  // connect: the token goes in once and never comes back
  const connect = page.getByTestId('jira-connect');
  await connect.getByLabel('Site address').fill(fake.url);
  await connect.getByLabel('E-mail address of the Jira account').fill('mia@example.com');
  await connect.getByLabel('API token').fill('wrong-token');
  await connect.getByTestId('jira-submit').click();
  await expect(connect.getByTestId('jira-error')).toContainText('Jira did not accept the credentials: check the e-mail and token.');
  await connect.getByLabel('API token').fill(TOKEN);
  await connect.getByTestId('jira-submit').click();
  await expect(connect.getByTestId('jira-connected')).toHaveText(`Connected to ${fake.url} as Mia Krystof`);
  await expect(connect.getByTestId('jira-field')).toHaveText(`Story points are written to “Story point estimate” (${SP})`);
  expect(await page.content()).not.toContain(TOKEN);

  // import by JQL: every issue with its fate, then the import
  const imp = page.getByTestId('jira-import');
  await imp.getByRole('textbox', { name: 'JQL' }).fill('project = SHOP');
  await imp.getByTestId('jira-import-preview').click();
  await expect(imp.getByTestId('jira-import-summary')).toHaveText('4 new, 0 updated, 0 unchanged, 1 not imported');
  await expect(imp.locator('tr[data-status="rejected"]')).toContainText('SHOP-4');
  await expect(imp.locator('tr[data-status="rejected"]')).toContainText('the story points are not a number');
  await imp.getByTestId('jira-import-run').click();
  await expect(imp.getByTestId('jira-import-done')).toHaveText('Imported 4, updated 0.');

  // the room's part, done through the API: sized and locked, SHOP-1 (3 AP, 24 SP) the reference item: 8 SP per AP
  const board = (await api(w, 'GET', `/api/sessions/${w.sessionId}`)) as RoomSnapshot;
  const id = (key: string) => board.cards.find((c) => c.key === key)!.id;
  for (const [key, to] of [
    ['SHOP-1', 'v3'],
    ['SHOP-2', 'v5'],
    ['SHOP-3', 'v2'],
    ['SHOP-5', 'unsure'],
  ]) {
    await api(w, 'POST', `/api/sessions/${w.sessionId}/commands`, { type: 'card.move', cardId: id(key!), to });
  }
  await api(w, 'POST', `/api/sessions/${w.sessionId}/commands`, { type: 'phase.set', phase: 'locked' });
  await api(w, 'PUT', `/api/workshops/${w.workshopId}/sessions/${w.sessionId}/references/${id('SHOP-1')}`, { storyPoints: 24 });
  await page.reload();

  // preview: Jira's value now and the value to write; nothing is written yet
  const preview = page.getByTestId('writeback-preview');
  await preview.getByTestId('writeback-show').click();
  await expect(preview.getByTestId('writeback-counts')).toHaveText('2 to write, 1 unchanged, 1 skipped');
  const table = preview.getByTestId('writeback-table');
  await expect(table.locator('tr', { hasText: 'SHOP-1' })).toContainText('unchanged');
  await expect(table.locator('tr', { hasText: 'SHOP-2' })).toContainText('40');
  await expect(table.locator('tr', { hasText: 'SHOP-5' })).toContainText('in “?”');
  await expect(preview.getByText('Calibrated story points (AP × 8)')).toBeVisible();
  expect(fake.requests.filter((r) => r.method === 'PUT')).toHaveLength(0);

  // write: the button waits for the run; the log shows each item, the failure in Jira's words
  await preview.getByTestId('writeback-confirm').click();
  const log = page.getByTestId('writeback-log');
  const first = log.getByTestId('writeback-run').first();
  await expect(first).toContainText('1 written, 0 unchanged, 1 failed');
  await expect(first.locator('tr[data-status="failed"]')).toContainText('SHOP-3');
  await expect(first.locator('tr[data-status="failed"]')).toContainText(
    'The Jira account is not allowed to do this. Jira: You do not have permission to edit issues in this project.',
  );
  expect(fake.issues.get('SHOP-2')?.values?.[SP]).toBe(40);
  expect(fake.issues.get('SHOP-3')?.values?.[SP]).toBeNull();

  // fixed in Jira: retry the failed item alone, after its own preview
  fake.issues.get('SHOP-3')!.readOnly = false;
  await log.getByTestId('writeback-retry').click();
  await expect(preview.getByTestId('writeback-retrying')).toBeVisible();
  await expect(preview.getByTestId('writeback-counts')).toHaveText('1 to write, 0 unchanged, 0 skipped');
  await preview.getByTestId('writeback-confirm').click();
  await expect(log.getByTestId('writeback-run').first()).toContainText('1 written, 0 unchanged, 0 failed');
  await expect(log.getByTestId('writeback-run').first()).toContainText('retry');
  expect(fake.issues.get('SHOP-3')?.values?.[SP]).toBe(16);

  // a second write-back: nothing left to write
  const puts = fake.requests.filter((r) => r.method === 'PUT').length;
  await preview.getByTestId('writeback-show').click();
  await expect(preview.getByTestId('writeback-nothing')).toHaveText('Nothing to write: Jira already has these values.');
  await expect(preview.getByTestId('writeback-confirm')).toHaveCount(0);
  expect(fake.requests.filter((r) => r.method === 'PUT')).toHaveLength(puts);
  expect(problems).toEqual([]);
});
