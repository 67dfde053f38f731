import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/** Finds a Chromium: $CHROMIUM_PATH, Debian's /usr/bin/chromium, or Playwright's own download. */
export function findChromium(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  try {
    candidates.push(chromium.executablePath());
  } catch {
    // Playwright has no browser of its own here; that is fine if another one exists
  }
  const found = candidates.find((p): p is string => !!p && existsSync(p));
  if (!found) {
    throw new Error(
      'No Chromium found for the end-to-end tests. Install one: `sudo apt-get install -y chromium` (Debian/Ubuntu), ' +
        'or `npx playwright install chromium`, or set CHROMIUM_PATH to a Chromium/Chrome binary.',
    );
  }
  return found;
}
