// The public registers in a real browser with JavaScript turned off (Debian's chromium driven
// by playwright-core; CHROMIUM_PATH names another build), served over HTTP by the app as in
// production: a member of the public opens the register of permits, reads a permit in the
// table, narrows it to one source with the form, pages on with the link, and downloads the CSV
// file; then goes by the link bar to the registers of applications and of decisions and does
// the same there. A screenshot of each step goes to test-results/browser/.
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discardPendingCommands, startHarness, validSubmission, type Harness } from '../harness.ts';
import { insertPermit } from '../permit-fixtures.ts';
import { approveSummary, decideCase, submitCase } from '../publication-fixtures.ts';
import { launchChromium } from './chromium.ts';

const screenshots = path.resolve('test-results/browser');

let h: Harness;
let browser: Browser;
let base: string;
let page: Page;
const title = 'Nettlesertest: vaksiner og graviditet';
let reference: string;
const sysvakOnly = { ...validSubmission, dataSources: [{ registerId: 'SYSVAK', variables: ['vaksine'], period: { startDate: '2010-01-01', endDate: '2020-12-31' } }] };
const applicationTitle = 'Nettlesertest: søknad om vaksinedata';
let application: string;

beforeAll(async () => {
  await mkdir(screenshots, { recursive: true });
  h = await startHarness({ withWorkers: false });
  reference = (await insertPermit(h, { publicSummary: { title }, submission: { ...validSubmission, project: { ...validSubmission.project, title }, dataSources: [{ registerId: 'SYSVAK', variables: ['vaksine'], period: { startDate: '2010-01-01', endDate: '2020-12-31' } }] } })).reference;
  for (let n = 0; n < 3; n++) await insertPermit(h, { decidedAt: new Date(`2025-06-0${n + 1}T10:00:00Z`) });
  // Applications, each decided and published: two on SYSVAK (the first refused), one on MFR and NPR.
  for (let n = 0; n < 3; n++) {
    const { id, reference: ref } = await submitCase(h, n === 2 ? validSubmission : sysvakOnly);
    await approveSummary(h, id, { title: n === 0 ? applicationTitle : `Nettlesertest: søknad ${n}`, summary: 'Et sammendrag for allmennheten.', institution: 'Folkehelseinstituttet' });
    await decideCase(h, id, { outcome: n === 0 ? 'refusal' : 'grant', sources: n === 0 ? [{ registerId: 'SYSVAK', asked: ['vaksine'], granted: [], refusalReason: 'Grunn til søkeren' }] : [], publishedAt: new Date(Date.now() + n * 1000 - 60_000), publicReasons: n === 0 ? 'Formålet er ikke forskning.' : null });
    if (n === 0) application = ref;
  }
  base = await h.app.listen({ host: '127.0.0.1', port: 0 });
  browser = await launchChromium();
  const context = await browser.newContext({ javaScriptEnabled: false, acceptDownloads: true, viewport: { width: 1400, height: 1000 } });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  if (h) await discardPendingCommands(h.db);
  await h?.close();
});

const shoot = (name: string) => page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });
const referencesShown = () => page.locator('tbody tr td:first-child').allInnerTexts();

describe('the public register in a browser without JavaScript', { timeout: 60_000 }, () => {
  it('shows the permits as a table, newest decision first', async () => {
    const response = await page.goto(`${base}/public/permits`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toContain('text/html');
    await expect(page.title()).resolves.toBe('Tillatelser til bruk av helsedata – Helsedataservice');
    const row = page.getByRole('row').filter({ hasText: title });
    await row.waitFor();
    expect(await row.getByRole('cell').allInnerTexts()).toEqual([reference, 'Folkehelseinstituttet', title, 'Forskning', 'System for vaksinasjonskontroll (SYSVAK)', '01.01.2025–31.12.2029', expect.stringMatching(/^\d\d\.\d\d\.\d{4}$/), 'Helsedataservice', 'Ingenting', expect.stringMatching(/^Aktiv fra (\d\d\.\d\d\.\d{4})\s+Aktiv \1$/)]);
    expect((await referencesShown())[0]).toBe(reference);
    await shoot('public-register');
  });

  it('narrows the register to one source with its form', async () => {
    await page.getByLabel('Datakilde').selectOption('SYSVAK');
    await page.getByRole('button', { name: 'Vis' }).click();
    await page.waitForURL(/registerId=SYSVAK/);
    // Other test files' permits may be in the register; every row left names SYSVAK.
    expect(await referencesShown()).toContain(reference);
    for (const sources of await page.locator('tbody tr td:nth-child(5)').allInnerTexts()) expect(sources).toContain('(SYSVAK)');
    await shoot('public-register-sysvak');
  });

  it('pages on with its link', async () => {
    await page.goto(`${base}/public/permits?limit=2`);
    const first = await referencesShown();
    expect(first).toHaveLength(2);
    await page.getByRole('link', { name: 'Neste side' }).first().click();
    await page.waitForURL(/cursor=/);
    const second = await referencesShown();
    expect(second.length).toBeGreaterThan(0);
    expect(second.filter((r) => first.includes(r))).toEqual([]);
    await shoot('public-register-next-page');
  });

  it('downloads every permit as CSV', async () => {
    await page.goto(`${base}/public/permits`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Last ned alle som CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('tillatelser.csv');
    const file = await download.path();
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\r\n');
    const [{ n }] = (await h.db('permits').count('* as n')) as [{ n: string }];
    expect(lines).toHaveLength(Number(n) + 1);
    expect(lines.some((line) => line.startsWith(`${reference},`))).toBe(true);
  });
});

// Opens a register from the link bar of the page on screen, narrows it to SYSVAK and pages on.
async function browseRegister(name: string, pageTitle: string, sourcesColumn: number, shot: string) {
  await page.getByRole('navigation', { name: 'Offentlige sider' }).getByRole('link', { name, exact: true }).click();
  await expect(page.title()).resolves.toBe(`${pageTitle} – Helsedataservice`);
  await page.getByLabel('Datakilde').selectOption('SYSVAK');
  await page.getByRole('button', { name: 'Vis' }).click();
  await page.waitForURL(/registerId=SYSVAK/);
  const shown = await referencesShown();
  expect(shown).toContain(application);
  for (const sources of await page.locator(`tbody tr td:nth-child(${sourcesColumn})`).allInnerTexts()) expect(sources).toContain('(SYSVAK)');
  await shoot(`${shot}-sysvak`);
  await page.goto(`${page.url()}&limit=1`);
  const first = await referencesShown();
  expect(first).toHaveLength(1);
  await page.getByRole('link', { name: 'Neste side' }).first().click();
  await page.waitForURL(/cursor=/);
  const second = await referencesShown();
  expect(second).toHaveLength(1);
  expect(second).not.toEqual(first);
  await shoot(`${shot}-next-page`);
}

describe('the registers of applications and decisions in a browser without JavaScript', { timeout: 60_000 }, () => {
  it('shows the applications whose summary is approved, narrowed to a source and paged', async () => {
    await page.goto(`${base}/public/permits`);
    await browseRegister('Søknader', 'Søknader om tilgang til helsedata', 6, 'public-applications');
    await page.goto(`${base}/public/applications`);
    const row = page.getByRole('row').filter({ hasText: applicationTitle });
    expect(await row.getByRole('cell').allInnerTexts()).toEqual([application, expect.stringMatching(/^\d\d\.\d\d\.\d{4}$/), 'Folkehelseinstituttet', `${applicationTitle}\nEt sammendrag for allmennheten.`, 'Forskning', 'System for vaksinasjonskontroll (SYSVAK)']);
    await shoot('public-applications');
  });

  it('shows the published decisions with their outcome and public reasons, narrowed to a source and paged', async () => {
    await browseRegister('Vedtak', 'Vedtak om tilgang til helsedata', 5, 'public-decisions');
    await page.goto(`${base}/public/decisions`);
    const row = page.locator(`tr[id="${application}"]`);
    expect(await row.getByRole('cell').allInnerTexts()).toEqual([application, 'Folkehelseinstituttet', applicationTitle, 'Forskning', 'System for vaksinasjonskontroll (SYSVAK)', 'Avslått', 'System for vaksinasjonskontroll (SYSVAK): hele kilden', 'Formålet er ikke forskning.', 'Helsedataservice', expect.stringMatching(/^\d\d\.\d\d\.\d{4}$/), expect.stringMatching(/^\d\d\.\d\d\.\d{4}$/)]);
    expect(await page.content()).not.toContain('Grunn til søkeren');
    await shoot('public-decisions');
  });
});
