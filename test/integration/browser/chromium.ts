// Debian's chromium for the browser tests (CHROMIUM_PATH names another build). Playwright gives
// it a new, empty profile and deletes it on close. Headless, as root in a container without a
// GPU, and without chromium's own traffic to Google (updates, sync, field trials), which a CI
// machine may not reach.
import { chromium, type Browser } from 'playwright-core';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
