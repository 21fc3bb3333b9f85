// The public statistics in a real browser with JavaScript turned off, served over HTTP by the
// app as in production: a member of the public opens the activity report, picks a period with
// its form and reads the figures and the chart, then opens the processing-time page. A
// screenshot of each goes to test-results/browser/.
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discardPendingCommands, startHarness, validSubmission, type Harness } from '../harness.ts';
import { launchChromium } from './chromium.ts';

const screenshots = path.resolve('test-results/browser');
const id = randomUUID();

let h: Harness;
let browser: Browser;
let base: string;
let page: Page;

beforeAll(async () => {
  await mkdir(screenshots, { recursive: true });
  h = await startHarness({ withWorkers: false });
  // Received 2 May 1994 and granted 20 days later; no other test writes cases that early.
  await h.db('applications').insert({ id, reference: `HDS-B-${id.slice(0, 8)}`, status: 'closed', submission: validSubmission, received_at: new Date('1994-05-02T10:00:00Z'), application_type: 'new' });
  await h.db('application_sources').insert({ application_id: id, register_id: 'SYSVAK' });
  await h.db('audit_events').insert([
    { application_id: id, step: 'received', actor: 'test', occurred_at: new Date('1994-05-02T10:00:00Z') },
    { application_id: id, step: 'decided', actor: 'test', occurred_at: new Date('1994-05-22T10:00:00Z') },
    { application_id: id, step: 'closed', actor: 'test', occurred_at: new Date('1994-05-22T10:00:00Z') },
  ]);
  await h.db('decisions').insert({ application_id: id, decided_by_body: 'HDS', outcome: 'grant', decided_by: 'test', decided_at: new Date('1994-05-22T10:00:00Z') });
  base = await h.app.listen({ host: '127.0.0.1', port: 0 });
  browser = await launchChromium();
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1400, height: 1000 }, locale: 'nb-NO', timezoneId: 'Europe/Oslo' });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  if (h) {
    for (const table of ['decisions', 'audit_events', 'application_sources']) await h.db(table).where({ application_id: id }).delete();
    await h.db('applications').where({ id }).delete();
    await discardPendingCommands(h.db);
  }
  await h?.close();
});

const shoot = (name: string) => page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });

describe('the public statistics in a browser without JavaScript', { timeout: 60_000 }, () => {
  it('shows the activity report of the period picked in its form, with its chart', async () => {
    const response = await page.goto(`${base}/public/statistics/activity`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toContain('text/html');
    await page.getByLabel('Fra og med').fill('1994-05-01');
    await page.getByLabel('Til og med').fill('1994-05-31');
    await page.getByRole('button', { name: 'Vis' }).click();
    await page.waitForURL(/from=1994-05-01&to=1994-05-31/);
    const total = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Alle registre' }) });
    // Received 1, new; decided 1, granted; 20 days to the decision; nothing delivered.
    expect(await total.getByRole('cell').allInnerTexts()).toEqual(['1', 'Ny søknad: 1', '1', 'innvilget: 1', '20', '20', '–', '–', '–', '0']);
    await expect(page.getByRole('img', { name: 'Median dager fra mottak til vedtak, per register' }).isVisible()).resolves.toBe(true);
    await shoot('public-activity-report');
  });

  it('shows the processing-time page', async () => {
    const response = await page.goto(`${base}/public/statistics/processing-times`);
    expect(response?.status()).toBe(200);
    await expect(page.title()).resolves.toBe('Saksbehandlingstid – Helsedataservice');
    await page.getByRole('table', { name: 'Forventet saksbehandlingstid for en ny søknad i dag, i kalenderdager' }).waitFor();
    await shoot('public-processing-times');
  });
});
