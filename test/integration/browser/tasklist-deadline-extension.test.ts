// A caseworker extends an EHDS case's decision deadline in Tasklist, in a real browser: the
// assessment form offers the one extension the rulebook allows, asks for whole months and the
// reasons only once the box is ticked (and no hours then), and after the extension the task
// comes back due at the new deadline, with the extension among the facts and no offer left.
// A Norwegian case's form offers none. Screenshots go to test-results/browser/.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { osloDay } from '../../../domain/working-days.ts';
import { engineAs, findUserTask } from '../engine.ts';
import { eventually, startCase, startHarness, testConfig, type Harness } from '../harness.ts';
import { caseworker, passCompleteness, passCostEstimate, processVariable, research } from '../process/case-steps.ts';
import { launchChromium, signIn } from './chromium.ts';

const screenshots = path.resolve('test-results/browser');
const reasons = 'Registerforvalterne må avklare koblingsnøklene før vi kan ta stilling til søknaden.';

let h: Harness;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  await mkdir(screenshots, { recursive: true });
  h = await startHarness();
  browser = await launchChromium();
  page = await signIn(browser, { app: 'tasklist', user: caseworker, signedIn: 'Siri Saksbehandler', viewport: { width: 1600, height: 2600 } });
});
afterAll(async () => {
  delete globalThis.process.env.HDS_EHDS_PILOT_FROM;
  await browser?.close();
  await h?.close();
});

// A case at its legal assessment, the task claimed by the caseworker and open in Tasklist.
async function openAssessment(processInstanceId: string) {
  const task = await findUserTask(processInstanceId, 'legal-assessment');
  await engineAs(caseworker).call('POST', `/task/${task.id}/claim`, { userId: caseworker });
  await page.goto(`${testConfig().engine.url}/operaton/app/tasklist/default/#/?task=${task.id}`);
  await page.locator('form').filter({ hasText: 'Søknaden' }).getByRole('heading', { name: 'Juridisk vurdering', exact: true }).waitFor();
  return task;
}

describe('the extension of an EHDS deadline in Tasklist', { timeout: 300_000 }, () => {
  it('is offered, asked for with months and reasons, and shown once made; a Norwegian case has none', async () => {
    onTestFailed(async () => {
      await page.screenshot({ path: path.join(screenshots, 'deadline-extension-failed.png') });
    });
    globalThis.process.env.HDS_EHDS_PILOT_FROM = osloDay(new Date());
    const ehds = await startCase(h, research);
    await eventually(async () => (await h.db('applications').where({ id: ehds.id }).first()).rulebook === 'ehds', { what: 'the EHDS rulebook' });
    delete globalThis.process.env.HDS_EHDS_PILOT_FROM;
    await passCompleteness(ehds.processInstanceId);
    await passCostEstimate(h, ehds.id);
    const first = await openAssessment(ehds.processInstanceId);

    await page.getByText('Fristen for vedtak kan forlenges én gang, med inntil 3 måneder').waitFor();
    expect(await page.getByLabel('Forlengelse i hele måneder').count()).toBe(0);
    await page.getByRole('checkbox', { name: 'Forleng fristen nå' }).check();
    // Extending asks for months and reasons, and not yet for what only the assessment needs.
    expect(await page.getByLabel('Timer brukt på saksbehandlingen').count()).toBe(0);
    expect(await page.getByText('Grunnlag for unntak fra taushetsplikt').count()).toBe(0);
    // Each field left with Tab, as a user does, so the form takes its value before Fullfør.
    await page.getByLabel('Forlengelse i hele måneder').fill('2');
    await page.getByLabel('Forlengelse i hele måneder').press('Tab');
    await page.getByLabel('Begrunnelse til søkeren').fill(reasons);
    await page.getByLabel('Begrunnelse til søkeren').press('Tab');
    await expect.poll(() => page.getByRole('button', { name: 'Fullfør', exact: true }).isEnabled()).toBe(true);
    expect(await page.getByLabel('Begrunnelse til søkeren').inputValue()).toBe(reasons);
    await page.screenshot({ path: path.join(screenshots, 'deadline-extension-01-asked.png') });
    await page.getByRole('button', { name: 'Fullfør', exact: true }).click();

    const extension = await eventually(() => h.db('deadline_extensions').where({ application_id: ehds.id }).first(), { what: 'the extension' });
    expect(extension).toMatchObject({ period: 2, reasons, extended_by: caseworker });
    const second = await eventually(async () => {
      const task = await findUserTask(ehds.processInstanceId, 'legal-assessment');
      return task.id !== first.id ? task : undefined;
    }, { what: 'the assessment task back' });
    expect(new Date(second.due!).toISOString()).toBe(new Date(extension.due_at).toISOString());
    await openAssessment(ehds.processInstanceId);
    const shown = page.getByLabel('Forlengelse av fristen', { exact: true });
    expect(await shown.inputValue()).toMatch(/^Fristen ble forlenget .* av Siri Saksbehandler med 2 måneder, fra /);
    expect(await page.getByLabel('Lovfestet frist for vedtak').inputValue()).toBe(await processVariable(ehds.processInstanceId, 'statutoryDeadlineText'));
    expect(await page.getByRole('checkbox', { name: 'Forleng fristen nå' }).count()).toBe(0);
    expect(await page.getByLabel('Timer brukt på saksbehandlingen').count()).toBe(1);
    await page.screenshot({ path: path.join(screenshots, 'deadline-extension-02-extended.png') });

    const norwegian = await startCase(h, research);
    await passCompleteness(norwegian.processInstanceId);
    await openAssessment(norwegian.processInstanceId);
    expect(await page.getByRole('checkbox', { name: 'Forleng fristen nå' }).count()).toBe(0);
    expect(await page.getByText('Fristen for vedtak kan forlenges').count()).toBe(0);
  });
});
