import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium (installed by .ci/run when missing); a browser is never downloaded. */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = () => existsSync(CHROMIUM);

export const SCREENSHOTS = join(import.meta.dirname, 'screenshots');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Opens a view and waits until the page has rendered it (main.ts marks the body when it is done). */
export async function openView(page: Page, base: string, path: string): Promise<void> {
  await page.goto(`${base}${path}`);
  await waitRendered(page);
}

export async function waitRendered(page: Page): Promise<void> {
  // In-page code as text: the tests are type-checked without the DOM library.
  await page.waitForFunction('document.body.dataset.rendered === location.pathname + location.search', undefined, {
    timeout: 60_000,
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false, timeout: 120_000 });
}
