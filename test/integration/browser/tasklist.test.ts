// Caseworkers take a case through Tasklist in a real browser (Debian's chromium, driven by
// playwright-core; CHROMIUM_PATH names another build): the caseworker checks completeness
// and assesses the case, the approver decides, each in the task's Norwegian form and logged
// in as the local users engine/users.sh creates. A screenshot of each step goes to
// test-results/screenshots/.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { bearer } from '../auth.ts';
import { resetClock, waitForElement } from '../engine.ts';
import { eventually, startCase, startHarness, testConfig, type Harness } from '../harness.ts';

const webapps = testConfig().camunda.webappsUrl.replace(/\/$/, '');
const screenshots = path.resolve('test-results/screenshots');
// Tasklist lists a task once it has imported it from OpenSearch, seconds after the engine
// created it, and refreshes its list on its own.
const imported = { timeout: 60_000, interval: 500 };

let h: Harness;
let browser: Browser;
const pages: Page[] = [];
beforeAll(async () => {
  await resetClock();
  await mkdir(screenshots, { recursive: true });
  h = await startHarness();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    // Headless in a container that runs as root, without a GPU and with a small /dev/shm.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

const shoot = (page: Page, name: string) => page.screenshot({ path: path.join(screenshots, `tasklist-${name}.png`), fullPage: true });

// Each user in a browser context of their own; the local users' passwords are their names.
async function logIn(username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  pages.push(page);
  await page.goto(`${webapps}/tasklist`);
  await page.getByLabel('Username').fill(username);
  await page.getByRole('textbox', { name: 'Password' }).fill(username);
  await page.getByRole('button', { name: 'Login' }).click();
  await page.getByRole('heading', { name: 'All open tasks' }).waitFor();
  return page;
}

// Tasklist hides its radios, checkboxes and switches behind their labels: a user clicks the label.
async function choose(option: Locator) {
  await option.page().locator(`label[for="${await option.getAttribute('id')}"]`).click();
  expect(await option.isChecked()).toBe(true);
}

// Narrows the list to the case's open tasks with a custom filter on its process variable
// applicationId: unlike the reference, which starts again with each test database, the id is
// unique in the shared engine's history.
async function filterByCase(page: Page, applicationId: string) {
  await page.getByRole('button', { name: 'Expand to show filters' }).click();
  await page.getByRole('button', { name: 'New filter' }).click();
  const dialog = page.getByRole('dialog', { name: 'Custom filters modal' });
  await choose(dialog.getByRole('radio', { name: 'Open' }));
  await choose(dialog.getByRole('switch', { name: 'Advanced filters' }));
  const variables = dialog.getByRole('group', { name: 'Task variables' });
  await variables.getByRole('button', { name: 'Add Variable' }).click();
  await variables.getByRole('textbox', { name: 'Name' }).fill('applicationId');
  await variables.getByRole('textbox', { name: 'Value' }).fill(JSON.stringify(applicationId));
  // The list shows what it had until Tasklist answers the filtered search.
  const filtered = page.waitForResponse((r) => r.url().endsWith('/v1/tasks/search') && Boolean(r.request().postData()?.includes(applicationId)));
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await filtered;
}

// Opens the case's task, checks that its form shows the given labels, and takes the task.
async function takeTask(page: Page, name: string, form: { heading: string; labels: string[] }, shot: string) {
  const task = page.getByRole('link', { name: `Unassigned task: ${name}` });
  await expect.poll(() => task.count(), imported).toBe(1);
  await task.click();
  // The form first: a task assigned before its form has loaded shows only its variables.
  await page.getByRole('heading', { name: form.heading }).waitFor();
  const shown = await page.getByRole('main').innerText();
  for (const label of form.labels) expect(shown).toContain(label);
  await page.getByRole('button', { name: 'Assign to me' }).click();
  await page.getByRole('button', { name: 'Unassign' }).waitFor();
  await shoot(page, shot);
}

async function complete(page: Page, shot: string) {
  await shoot(page, shot);
  await page.getByRole('button', { name: 'Complete Task' }).click();
  await page.getByText('Task completed').first().waitFor();
}

describe('Tasklist in a browser', { timeout: 300_000 }, () => {
  it('lets the caseworker check and assess a case in its forms and the approver decide it', async () => {
    onTestFailed(async () => {
      await Promise.all(pages.map((page, i) => shoot(page, `failed-${i + 1}`)));
    });
    const { id, reference, processInstanceKey } = await startCase(h);

    const caseworker = await logIn('saksbehandler');
    await filterByCase(caseworker, id);
    await takeTask(caseworker, 'Vurder om søknaden er komplett', {
      heading: 'Kompletthetsvurdering',
      labels: ['Saksnummer', 'Er søknaden komplett?', 'Ja, søknaden er komplett', 'Nei, det mangler opplysninger', '§ 10 tredje ledd'],
    }, '01-completeness-taken');
    expect(await caseworker.getByRole('textbox', { name: 'Saksnummer' }).inputValue()).toBe(reference);
    await choose(caseworker.getByRole('radio', { name: 'Ja, søknaden er komplett' }));
    await complete(caseworker, '02-completeness-filled');
    await waitForElement(processInstanceKey, 'check-completeness');

    await takeTask(caseworker, 'Juridisk vurdering', {
      heading: 'Juridisk vurdering',
      labels: ['Grunnlag for unntak fra taushetsplikt', 'Innstilling', 'Begrunnelse og foreslåtte vilkår', 'Timer brukt på saksbehandlingen'],
    }, '03-assessment-taken');
    expect(await caseworker.getByRole('textbox', { name: 'Saksnummer' }).inputValue()).toBe(reference);
    await choose(caseworker.getByRole('checkbox', { name: /Formålet ligger innenfor registrenes formål/ }));
    await choose(caseworker.getByRole('checkbox', { name: /Mottaker har rettslig grunnlag/ }));
    await choose(caseworker.getByRole('radio', { name: 'Dispensasjon (helsepersonelloven § 29)' }));
    await choose(caseworker.getByRole('checkbox', { name: /Bare nødvendige variabler/ }));
    await choose(caseworker.getByRole('radio', { name: 'Innvilge', exact: true }));
    await caseworker.getByLabel('Begrunnelse og foreslåtte vilkår').fill('Vilkårene for tilgjengeliggjøring er oppfylt.');
    await caseworker.getByLabel('Timer brukt på saksbehandlingen').fill('3.5');
    await complete(caseworker, '04-assessment-filled');
    await waitForElement(processInstanceKey, 'record-assessment');

    const approver = await logIn('beslutter');
    await filterByCase(approver, id);
    await takeTask(approver, 'Fatt vedtak', {
      heading: 'Vedtak',
      labels: ['Saksbehandlers innstilling', 'Delvis innvilget', 'Avslag', 'Dispensasjon fra taushetsplikt gis', 'Vilkår', 'Begrunnelse'],
    }, '05-decision-taken');
    expect(await approver.getByRole('textbox', { name: 'Saksbehandlers innstilling' }).inputValue()).toBe('grant');
    // Tasklist shows the task's candidate group; without Identity it does not enforce it.
    expect(await approver.getByRole('list', { name: 'Details' }).innerText()).toContain('beslutter');
    await choose(approver.getByRole('radio', { name: 'Innvilget', exact: true }));
    await choose(approver.getByRole('checkbox', { name: /Dispensasjon fra taushetsplikt gis/ }));
    await approver.getByLabel('Vilkår', { exact: true }).fill('Data slettes ved prosjektslutt.');
    await complete(approver, '06-decision-filled');

    // The case moves on to the letter, the fee and the orders to the custodians.
    const view = await eventually(
      async () => {
        const res = await h.app.inject({ method: 'GET', url: `/applications/${id}`, headers: bearer('caseworker') });
        const body = res.json();
        return body.status === 'awaiting-delivery' ? body : undefined;
      },
      { timeoutMs: 60_000, what: 'the case to await its deliveries' },
    );
    expect(view).toMatchObject({
      stage: 'delivery',
      decidingBody: 'HDS',
      decision: { outcome: 'grant', decidedByBody: 'HDS', dispensationGranted: true, conditions: 'Data slettes ved prosjektslutt.' },
      // 3.5 hours bill as 4 started hours.
      fee: { hoursBilled: 4 },
    });
    expect(view.decision.letterSentAt).not.toBeNull();
    const timeline = (view.timeline as { step: string; actor: string }[]).map((e) => `${e.step.replace(/:\d+$/, '')} by ${e.actor}`);
    expect(timeline).toEqual(expect.arrayContaining(['assessed by saksbehandler', 'decided by beslutter']));
    expect(timeline.indexOf('decided by beslutter')).toBeGreaterThan(timeline.indexOf('assessed by saksbehandler'));

    const caseFile = (table: string) => h.db(table).where({ application_id: id }).first();
    expect(await caseFile('assessments')).toMatchObject({
      assessed_by: 'saksbehandler',
      recommendation: 'grant',
      hours_spent: '3.50',
      findings: {
        confidentialityBasis: 'dispensation',
        legalBasisConfirmed: true,
        purposeWithinRegisterPurposes: true,
        dataMinimisationConfirmed: true,
        notes: 'Vilkårene for tilgjengeliggjøring er oppfylt.',
      },
    });
    expect(await caseFile('decisions')).toMatchObject({ decided_by: 'beslutter', outcome: 'grant' });

    // The same login opens Operate, where the case waits for the custodians' deliveries.
    await approver.goto(`${webapps}/operate/processes/${processInstanceKey}`);
    await approver.getByText(processInstanceKey).first().waitFor({ timeout: imported.timeout });
    await shoot(approver, '07-case-in-operate');
  });
});
