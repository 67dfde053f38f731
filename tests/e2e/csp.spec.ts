import { expect, test } from '@playwright/test';
import { AppProcess } from './support/server';
import { joinAs } from './support/board';

const app = new AppProcess();
test.beforeAll(() => app.start());
test.afterAll(() => app.dispose());

test('SEC-CSP-1 pages run under a nonce-only script policy with no violations', async ({ browser }) => {
  const w = await app.createWorkshop('CSP', ['Alpha']);
  const page = await (await browser.newContext()).newPage();
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to (execute|load)/i.test(m.text())) violations.push(m.text());
  });
  const res = await page.goto(app.url + '/');
  const policy = res?.headers()['content-security-policy'] ?? '';
  expect(policy).toMatch(/script-src 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(policy).not.toContain("unsafe-inline' 'unsafe-eval");
  // hydrated: the client-side item counter reacts to typing
  await page.locator('textarea').fill('One\nTwo');
  await expect(page.getByText('2 items')).toBeVisible();
  await joinAs(page, app.url + w.links.facilitator, 'Fay');
  await page.goto(`${app.url}${w.links.participant}/projector`);
  await expect(page.getByTestId('join-code')).toHaveText(w.joinCode);
  await page.goto(`${app.url}/plan?ap=47`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // each page gets its own nonce
  const again = await page.goto(app.url + '/');
  expect(again?.headers()['content-security-policy']).not.toBe(policy);
  expect(violations).toEqual([]);
});
