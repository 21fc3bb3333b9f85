// What a caseworker and an approver can decide from in Tasklist, in a real browser (Debian's
// chromium driven by playwright-core): the completeness task as saksbehandler and the decision
// task as beslutter show the case's facts (each source's variables by name, period and
// custodian, the analysis environment, the received date and the deadline, the forecast or why
// there is none), the decision task the assessor's proposal, reasons and checklist read-only;
// and the case's documents open from either form in a new tab with the Tasklist sign-in alone,
// before the task is claimed (the engine serves them: engine/…/CaseDocuments.java). The
// engine reads them from the API at HDS_API_URL (scripts/test.sh), where this test serves it.
// Screenshots go to test-results/screenshots/; with UPDATE_DOCS_SCREENSHOTS=true the approver's
// decision task also to docs/decision-task.png, which the README shows.
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignAndComplete, findUserTask } from '../engine.ts';
import { startCase, startHarness, testConfig, validSubmission, type Harness } from '../harness.ts';
import { passCompleteness, processVariable } from '../process/case-steps.ts';
import { launchChromium, signIn } from './chromium.ts';

const screenshots = path.resolve('test-results/screenshots');
const readme = path.resolve('docs/decision-task.png');
const tasklist = `${testConfig().engine.url}/operaton/app/tasklist/default/`;

let h: Harness;
let browser: Browser;
// Left open for the approver's screenshot; removed after, so the next run's list shows one task.
const startedInstances: string[] = [];

beforeAll(async () => {
  const apiUrl = process.env.HDS_API_URL;
  if (!apiUrl) throw new Error('HDS_API_URL names where the engine reads the case documents (scripts/test.sh sets it)');
  await mkdir(screenshots, { recursive: true });
  h = await startHarness();
  await h.app.listen({ host: '127.0.0.1', port: Number(new URL(apiUrl).port) });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  for (const id of startedInstances) await h.engine.call('DELETE', `/process-instance/${id}?skipCustomListeners=true`).catch(() => undefined);
  await h?.close();
});

const logIn = (user: string) => signIn(browser, { app: 'tasklist', user, signedIn: 'Mine oppgaver', viewport: { width: 1400, height: 3000 } });

// Opens the task by its link and waits for its form (the group of the case's facts).
async function openTask(page: Page, taskId: string) {
  await page.goto(`${tasklist}#/?task=${taskId}`);
  await page.getByLabel('Saksnummer', { exact: true }).waitFor();
}

async function field(page: Page, label: string): Promise<string> {
  const input = page.getByLabel(label, { exact: true });
  expect(await input.isEditable(), `${label} is read-only`).toBe(false);
  return input.inputValue();
}

// Follows the form's documents link: it must open a new tab that shows the case's documents
// (letters, incoming messages, the application as submitted) with no sign-in of its own, and
// serve a letter.
async function openDocuments(page: Page, reference: string) {
  const [tab] = await Promise.all([page.context().waitForEvent('page', { timeout: 15_000 }), page.getByRole('link', { name: /Dokumentene i saken/ }).click({ timeout: 8_000 })]);
  await tab.waitForLoadState();
  await tab.getByRole('heading', { name: `Dokumenter i sak ${reference}` }).waitFor();
  expect(tab.url()).toMatch(/\/hds\/caseworker\/applications\/[0-9a-f-]{36}\/documents$/);
  // The application as submitted, and the messages that came in (the application first).
  await tab.getByRole('heading', { name: 'Søknaden slik den ble sendt inn' }).waitFor();
  expect(await tab.getByText(validSubmission.project.description, { exact: true }).count()).toBe(1);
  const incoming = tab.getByRole('table').nth(1);
  expect(await incoming.getByRole('row').nth(1).innerText()).toContain(validSubmission.projectLeader.name);
  const first = tab.getByRole('link').first();
  const document = await tab.context().request.get(new URL((await first.getAttribute('href'))!, tab.url()).toString());
  expect(document.status()).toBe(200);
  expect(document.headers()['content-type']).toBe('application/pdf');
  expect((await document.body()).subarray(0, 5).toString()).toBe('%PDF-');
  return tab;
}

describe('Tasklist forms that carry what a decision needs', { timeout: 300_000 }, () => {
  let reference: string;
  let processInstanceId: string;

  it('shows the caseworker the completeness task with the sources, environment, received date and statutory period, and its documents in a new tab before claiming', async () => {
    const started = await startCase(h);
    ({ reference, processInstanceId } = started);
    startedInstances.push(processInstanceId);
    const task = await findUserTask(processInstanceId, 'check-completeness');
    const page = await logIn('saksbehandler');
    await openTask(page, task.id);
    expect(await page.getByRole('button', { name: 'Ta oppgaven' }).isVisible()).toBe(true);

    expect(await field(page, 'Saksnummer')).toBe(reference);
    expect(await field(page, 'Prosjektbeskrivelse')).toBe(validSubmission.project.description);
    const sources = await field(page, 'Datakilder (register, registerforvalter, periode og variabler)');
    expect(sources).toContain('Medisinsk fødselsregister (MFR)\nRegisterforvalter: Folkehelseinstituttet\nPeriode: 01.01.2000 – 31.12.2020\nVariabler: svangerskapsdiabetes, fodselsaar');
    expect(sources).toContain('Variabler: hoveddiagnose, innleggelsesdato');
    expect(await field(page, 'Analysemiljø')).toMatch(/^TSD/);
    expect(await field(page, 'Rettslig grunnlag (personvernforordningen art. 6 og 9)')).toBe('Personvernforordningen art. 6 nr. 1 bokstav e; art. 9 nr. 2 bokstav j');
    expect(await field(page, 'Søknaden mottatt')).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
    // No deadline before the application is complete: how long the clock will run instead.
    expect(await field(page, 'Lovfestet saksbehandlingstid')).toMatch(/^Norske regler \(helseregisterloven\): 60 virkedager, fordi kildene skal kobles/);
    expect(await page.getByText(/^Prognose: ingen ennå\./).isVisible()).toBe(true);
    await page.screenshot({ path: path.join(screenshots, 'completeness-task.png') });

    const tab = await openDocuments(page, reference);
    await tab.screenshot({ path: path.join(screenshots, 'case-documents.png') });
    // The task is still nobody's: the documents opened before it was claimed.
    expect(await page.getByRole('button', { name: 'Ta oppgaven' }).isVisible()).toBe(true);
  });

  it('shows the approver the decision task with the deadline and the assessor\'s proposal, reasons and checklist read-only', async () => {
    await passCompleteness(processInstanceId);
    // The caseworker proposes MFR granted with a dispensation and NPR refused (slots in the
    // order the application names them).
    await assignAndComplete(await findUserTask(processInstanceId, 'legal-assessment'), 'saksbehandler', {
      hoursSpent: 2,
      purposeWithinRegisterPurposes: true,
      legalBasisConfirmed: true,
      confidentialityBasis: 'dispensation',
      source1Dispensation: true,
      source2Decision: 'refused',
      source2Reason: 'Innleggelsesdato og hoveddiagnose er ikke nødvendige for formålet.',
      assessmentNotes: 'Formålet ligger innenfor registrenes formål. Foreslått vilkår: bare aggregerte resultater publiseres.',
    });
    const task = await findUserTask(processInstanceId, 'make-decision');
    const deadline = String(await processVariable(processInstanceId, 'statutoryDeadlineText'));
    // The forecast refresh (not run here) sets the forecast with its 80 % interval.
    const forecast = 'Vedtak rundt 10.02.2027 (80 %: 01.02.2027–22.02.2027).';
    await h.engine.call('PUT', `/process-instance/${processInstanceId}/variables/forecastText`, { value: forecast, type: 'String' });
    const page = await logIn('beslutter');
    await openTask(page, task.id);

    expect(await field(page, 'Lovfestet frist for vedtak')).toBe(deadline);
    expect(await field(page, 'Søknaden mottatt')).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
    expect(await field(page, 'Datakilder (register, registerforvalter, periode og variabler)')).toContain('Variabler: hoveddiagnose, innleggelsesdato');
    expect(await field(page, 'Forslag per kilde')).toBe([
      'Medisinsk fødselsregister (MFR): innvilges\nVariabler: svangerskapsdiabetes, fodselsaar\nDispensasjon fra taushetsplikt: ja',
      'Norsk pasientregister (NPR): avslås\nBegrunnelse for det som avslås: Innleggelsesdato og hoveddiagnose er ikke nødvendige for formålet.',
    ].join('\n\n'));
    expect(await field(page, 'Begrunnelse og foreslåtte vilkår')).toBe('Formålet ligger innenfor registrenes formål. Foreslått vilkår: bare aggregerte resultater publiseres.');
    const checklist = await field(page, 'Sjekkliste');
    expect(checklist).toContain('Ja: Mottaker har rettslig grunnlag etter personvernforordningen art. 6 og 9');
    expect(checklist).toContain('Nei: Bare nødvendige variabler; kobling er begrunnet');
    expect(checklist).toContain('Grunnlag for unntak fra taushetsplikt: Dispensasjon (helsepersonelloven § 29)');
    expect(await field(page, 'Prognose')).toBe(forecast);
    expect(await page.getByText(/^Prognose: ingen ennå\./).count()).toBe(0);
    await openDocuments(page, reference);

    await page.getByRole('button', { name: 'Ta oppgaven' }).click();
    await page.getByRole('button', { name: 'Ta oppgaven' }).waitFor({ state: 'detached' });
    // Claimed, the assessor's texts are still not the approver's to change.
    expect(await page.getByLabel('Forslag per kilde', { exact: true }).isEditable()).toBe(false);
    await page.screenshot({ path: path.join(screenshots, 'decision-task.png') });
    if (process.env.UPDATE_DOCS_SCREENSHOTS === 'true') await copyFile(path.join(screenshots, 'decision-task.png'), readme);
  });

  it('shows the documents to no one signed out, and to no one outside the caseworker and approver groups', async () => {
    const page = `${testConfig().engine.url}/hds/caseworker/applications/${await processVariable(processInstanceId, 'applicationId')}/documents`;
    const stranger = await browser.newContext();
    const signedOut = await stranger.request.get(page);
    expect(signedOut.status()).toBe(401);
    expect(await signedOut.text()).toContain('Logg inn i Tasklist først');
    // A process owner signed in to Cockpit, with a webapp session of the same kind (the login
    // takes the webapps' CSRF token, which a page of theirs sets as a cookie).
    await stranger.request.get(`${testConfig().engine.url}/operaton/app/cockpit/default/`);
    const csrf = (await stranger.cookies()).find((cookie) => cookie.name === 'XSRF-TOKEN')?.value ?? '';
    const login = await stranger.request.post(`${testConfig().engine.url}/operaton/api/admin/auth/user/default/login/cockpit`, {
      form: { username: 'prosesseier', password: 'prosesseier' },
      headers: { 'X-XSRF-TOKEN': csrf },
    });
    expect(login.status()).toBe(200);
    const owner = await stranger.request.get(page);
    expect(owner.status()).toBe(403);
    expect(await owner.text()).toContain('Bare saksbehandlere og besluttere');
    await stranger.close();
  });
});
