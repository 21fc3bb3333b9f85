// Debian's chromium for the browser tests (CHROMIUM_PATH names another build). Playwright gives
// it a new, empty profile and deletes it on close. Headless, as root in a container without a
// GPU, and without chromium's own traffic to Google (updates, sync, field trials), which a CI
// machine may not reach.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startHarness, testConfig, type Harness } from '../harness.ts';

// Where the browser tests leave their screenshots.
export const screenshots = path.resolve('test-results/browser');

// A test file's harness and browser, started before its tests and closed after them.
export function browserHarness(): { h: Harness; browser: Browser } {
  const session = {} as { h: Harness; browser: Browser };
  beforeAll(async () => {
    await mkdir(screenshots, { recursive: true });
    session.h = await startHarness();
    session.browser = await launchChromium();
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.h?.close();
  });
  return session;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export type SignIn = {
  app: 'tasklist' | 'cockpit' | 'admin' | 'welcome';
  user: string;
  // A link the app shows once the user is in: their name, or Tasklist's first filter.
  signedIn: string;
  viewport?: { width: number; height: number };
  // The language the browser asks for (none: Chromium's default).
  locale?: string;
};

// Signs in to one of Operaton's web apps through its login page, as a person does, in a new
// browser context of its own. The development logins' password is the user name.
export async function signIn(browser: Browser, { app, user, signedIn, viewport = { width: 1600, height: 1200 }, locale }: SignIn): Promise<Page> {
  const context = await browser.newContext({ viewport, timezoneId: 'Europe/Oslo', ...(locale ? { locale } : {}) });
  const page = await context.newPage();
  await page.goto(`${testConfig().engine.url}/operaton/app/${app}/default/`);
  // The AngularJS app draws its login form after the page has loaded and moves the focus then;
  // typed before that, the password can end up in the user name.
  await page.waitForLoadState('networkidle');
  await page.getByPlaceholder('Brukernavn').fill(user);
  await page.getByPlaceholder('Passord').fill(user);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await page.getByRole('link', { name: signedIn }).waitFor();
  return page;
}
