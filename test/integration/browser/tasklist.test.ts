// Caseworkers, an approver and a process owner in Operaton's web apps, in a real browser
// (Debian's chromium driven by playwright-core; CHROMIUM_PATH names another build), logged in
// as the engine's local users (profile local-users; each password is the user's name). In
// Tasklist the caseworker finds the case in the filter of its stage, "Kompletthetsvurdering",
// reads its facts on the task card and in the Norwegian forms, claims and completes the
// completeness check, then finds it in "Saksbehandling" and completes the legal assessment; the
// approver sees the decision in "Vedtak" and no caseworker task or filter, and decides. In
// Cockpit the process owner finds the running case and a case with an incident. A screenshot
// of each step goes to test-results/browser/.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { bearer } from '../auth.ts';
import { engine, findUserTask, incidents, waitForElement } from '../engine.ts';
import { eventually, startCase, startHarness, testConfig, validSubmission, type Harness } from '../harness.ts';
import { launchChromium, signIn } from './chromium.ts';
import { card, cardVariables, complete, filterLink, openAndClaim, searchCase, showCard } from './tasklist-page.ts';

const webapps = `${testConfig().engine.url}/operaton/app`;
const screenshots = path.resolve('test-results/browser');
const failureMessage = 'Registeret svarte ikke (fremkalt av nettlesertesten)';

type Case = { id: string; reference: string; processInstanceId: string };

let h: Harness;
let browser: Browser;
let stuckInstanceId: string;
const pages: Page[] = [];

// A case whose first service task has failed for good, as the worker runtime leaves it after
// its last attempt: started while no workers run, its task fetched and failed with no retries
// left. The engine raises a real incident. Made before any worker runs, so none takes the task.
async function startStuckCase(): Promise<string> {
  const quiet = await startHarness({ withWorkers: false });
  try {
    const res = await quiet.app.inject({ method: 'POST', url: '/applications', payload: validSubmission, headers: bearer('integrator') });
    expect(res.statusCode).toBe(202);
    const { id } = res.json() as { id: string };
    await quiet.relay.relayDue();
    const workerId = 'browser-test';
    const task = await eventually(
      async () => {
        const topics = [{ topicName: 'register-application', lockDuration: 60_000, businessKey: id }];
        const [locked] = await engine.call<{ id: string; processInstanceId: string }[]>('POST', '/external-task/fetchAndLock', { workerId, maxTasks: 1, topics });
        return locked;
      },
      { what: `the register-application task of case ${id}` },
    );
    await engine.call('POST', `/external-task/${task.id}/failure`, { workerId, errorMessage: failureMessage, retries: 0, retryTimeout: 0 });
    expect(await incidents(task.processInstanceId)).toMatchObject([{ activityId: 'register-application', incidentType: 'failedExternalTask' }]);
    return task.processInstanceId;
  } finally {
    await quiet.close();
  }
}

beforeAll(async () => {
  await mkdir(screenshots, { recursive: true });
  stuckInstanceId = await startStuckCase();
  h = await startHarness();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
  // The incident was made for this test: leave none standing in the shared engine's Cockpit.
  if (stuckInstanceId) await engine.call('DELETE', `/process-instance/${stuckInstanceId}?skipCustomListeners=true`);
});

const shoot = (page: Page, name: string) => page.screenshot({ path: path.join(screenshots, `${name}.png`) });

// Each user in a browser context of their own, as on their own machine. The tall window shows
// a whole form: Tasklist scrolls its panes itself, so a full-page screenshot would not.
async function logIn(app: 'tasklist' | 'cockpit', user: string, displayName: string): Promise<Page> {
  const page = await signIn(browser, { app, user, signedIn: displayName, viewport: { width: 1600, height: app === 'tasklist' ? 2600 : 1200 } });
  pages.push(page);
  return page;
}

// The read-only facts of the case at the top of every form.
async function expectFacts(page: Page, facts: Record<string, string | RegExp>) {
  for (const [label, value] of Object.entries(facts)) {
    const field = page.getByLabel(label, { exact: true });
    expect(await field.inputValue(), label).toMatch(value);
    expect(await field.isEditable(), `${label} is read-only`).toBe(false);
  }
}

const variable = async (processInstanceId: string, name: string) =>
  (await engine.call<{ value: string }>('GET', `/process-instance/${processInstanceId}/variables/${name}`)).value;

describe('Operaton Tasklist and Cockpit in a browser', { timeout: 300_000 }, () => {
  let caseA: Case;

  it('lets the caseworker check and assess a case in its forms', async () => {
    onTestFailed(async () => {
      await Promise.all(pages.map((page, i) => shoot(page, `failed-${i + 1}`)));
    });
    caseA = await startCase(h);
    const { id, reference, processInstanceId } = caseA;

    const caseworker = await logIn('tasklist', 'saksbehandler', 'Siri Saksbehandler');
    await filterLink(caseworker, 'Mine oppgaver').waitFor();
    for (const stage of ['Kompletthetsvurdering', 'Kontroll av dataoppdatering', 'Saksbehandling', 'Utlevering']) {
      expect(await filterLink(caseworker, stage).count(), stage).toBe(1);
    }
    expect(await filterLink(caseworker, 'Vedtak').count()).toBe(0);

    await filterLink(caseworker, 'Kompletthetsvurdering').click();
    await searchCase(caseworker, id);
    const completeness = await showCard(caseworker, 'Vurder om søknaden er komplett');
    // The statutory clock starts once the application is complete: until then the deadline is
    // the preliminary answer's (forvaltningsloven § 11 a).
    expect(await cardVariables(completeness)).toEqual({
      Saksnummer: reference,
      Institusjon: 'Folkehelseinstituttet (org.nr. 983744516)',
      Datakilder: expect.stringMatching(/^Medisinsk fødselsregister \(MFR\): 2 variabler.*\nNorsk pasientregister \(NPR\): 2 variabler/),
      'Frist for svar (fvl. § 11 a)': await variable(processInstanceId, 'preliminaryAnswerText'),
    });
    await completeness.screenshot({ path: path.join(screenshots, 'tasklist-01-completeness-card.png') });
    // Pointing at a value shows it in a tooltip as well (one without an ARIA role).
    await completeness.getByText('Medisinsk fødselsregister').hover();
    await expect.poll(() => caseworker.locator('.tooltip').innerText()).toMatch(/^Medisinsk fødselsregister \(MFR\): 2 variabler.* Norsk pasientregister \(NPR\): 2 variabler/);
    await shoot(caseworker, 'tasklist-01-completeness-list');

    await openAndClaim(caseworker, completeness, 'Vurder om søknaden er komplett', 'Kompletthetsvurdering');
    await expectFacts(caseworker, {
      Saksnummer: reference,
      'Prosjektleder (søker)': validSubmission.projectLeader.name,
      'Institusjon (dataansvarlig)': 'Folkehelseinstituttet (org.nr. 983744516)',
      Prosjekttittel: validSubmission.project.title,
      Formål: 'Forskning',
      'Datakilder (register, registerforvalter, periode og variabler)': /^Medisinsk fødselsregister \(MFR\)\nRegisterforvalter: .+\nPeriode: .+\nVariabler: svangerskapsdiabetes, fodselsaar\n\nNorsk pasientregister \(NPR\)\n/,
      'REK-referanse': validSubmission.rekReference,
    });
    expect(await caseworker.getByLabel('Lovfestet frist for vedtak').count()).toBe(0);
    await caseworker.getByText('Er søknaden komplett?').waitFor();
    expect(await caseworker.getByRole('radio', { name: 'Nei, det mangler opplysninger' }).isChecked()).toBe(false);
    expect(await caseworker.getByRole('checkbox', { name: /§ 10 tredje ledd bokstav a eller b \(registerforvalter fatter vedtak\)/ }).isChecked()).toBe(false);
    // The public title starts from the project title (no proposal, and the screening found
    // nothing to show); the caseworker approves it by completing the task.
    expect(await caseworker.getByRole('textbox', { name: /^Offentlig tittel/ }).inputValue()).toBe(validSubmission.project.title);
    expect(await caseworker.getByLabel('Mulige personopplysninger i teksten').count()).toBe(0);
    await caseworker.getByLabel('Offentlig sammendrag (kort, på klarspråk)').fill('Får kvinner som har hatt svangerskapsdiabetes oftere hjertesykdom?');
    await caseworker.getByRole('radio', { name: 'Ja, søknaden er komplett' }).check();
    // "Hva mangler?" is asked only when something is missing.
    expect(await caseworker.getByLabel('Hva mangler?').count()).toBe(0);
    await shoot(caseworker, 'tasklist-02-completeness-filled');
    await complete(caseworker, 'Vurder om søknaden er komplett');
    await waitForElement(processInstanceId, 'check-completeness');
    const approved = await eventually(() => h.db('public_summaries').where({ application_id: id }).first(), { what: 'the approved public summary' });
    expect(approved).toMatchObject({ title: validSubmission.project.title, summary: 'Får kvinner som har hatt svangerskapsdiabetes oftere hjertesykdom?', approved_by: 'saksbehandler' });

    // The workers route the case and start the statutory clock; the deadline is the task's due
    // date. The assessment is the next stage's, in its own filter.
    await findUserTask(processInstanceId, 'legal-assessment');
    const deadline = await variable(processInstanceId, 'statutoryDeadlineText');
    await filterLink(caseworker, 'Saksbehandling').click();
    await searchCase(caseworker, id);
    const assessment = await showCard(caseworker, 'Juridisk vurdering');
    expect(await cardVariables(assessment)).toMatchObject({ Saksnummer: reference, 'Lovfestet frist': deadline });
    await assessment.screenshot({ path: path.join(screenshots, 'tasklist-03-assessment-card.png') });

    await openAndClaim(caseworker, assessment, 'Juridisk vurdering', 'Juridisk vurdering');
    await expectFacts(caseworker, { Saksnummer: reference, 'Lovfestet frist for vedtak': deadline, Prosjekttittel: validSubmission.project.title });
    await caseworker.getByRole('checkbox', { name: /Formålet ligger innenfor registrenes formål/ }).check();
    await caseworker.getByRole('checkbox', { name: /Mottaker har rettslig grunnlag/ }).check();
    await caseworker.getByRole('radio', { name: 'Dispensasjon (helsepersonelloven § 29)' }).check();
    await caseworker.getByRole('checkbox', { name: /Bare nødvendige variabler/ }).check();
    // One slot per source, each proposed granted with every variable asked; the other slots hidden.
    expect(await caseworker.getByLabel('Register', { exact: true }).count()).toBe(2);
    expect(await caseworker.getByLabel('Register', { exact: true }).nth(1).inputValue()).toBe('Norsk pasientregister (NPR)');
    expect(await caseworker.getByLabel('Variabler som innvilges (én per linje)').nth(1).inputValue()).toBe('hoveddiagnose\ninnleggelsesdato');
    expect(await caseworker.getByRole('radio', { name: 'Innvilges' }).first().isChecked()).toBe(true);
    await caseworker.getByLabel('Begrunnelse og foreslåtte vilkår').fill('Vilkårene for tilgjengeliggjøring er oppfylt.');
    // Hours below zero are refused in the form; a decimal comma is taken.
    const hours = caseworker.getByLabel('Timer brukt på saksbehandlingen');
    await hours.fill('-3');
    await caseworker.getByRole('button', { name: 'Fullfør', exact: true }).click();
    await caseworker.getByText('Verdien må være minst 0.').waitFor();
    await hours.fill('3,5');
    await shoot(caseworker, 'tasklist-04-assessment-filled');
    await complete(caseworker, 'Juridisk vurdering');
    await waitForElement(processInstanceId, 'record-assessment');

    // The decision is the approvers' task: the caseworker's filter does not list it, even when
    // searching for the case.
    await findUserTask(processInstanceId, 'make-decision');
    const waiting = (await h.app.inject({ method: 'GET', url: `/applications/${id}`, headers: bearer('integrator') })).json();
    expect(waiting).toMatchObject({ status: 'awaiting-decision', stage: 'decision', stageName: 'Vedtak' });
    await caseworker.reload();
    await caseworker.getByText('Ingen oppgaver passer med filteret.').waitFor();
    expect(await card(caseworker, 'Fatt vedtak').count()).toBe(0);
    await shoot(caseworker, 'tasklist-05-caseworker-no-decision');
  });

  it('shows the approver the decision and no caseworker task, and lets them decide', async () => {
    onTestFailed(async () => {
      await Promise.all(pages.map((page, i) => shoot(page, `failed-${i + 1}`)));
    });
    const { id, reference, processInstanceId } = caseA;
    // Another case waits for its completeness check meanwhile.
    const caseB = await startCase(h);
    const caseworkerTask = await findUserTask(caseB.processInstanceId, 'check-completeness');

    const approver = await logIn('tasklist', 'beslutter', 'Bente Beslutter');
    await filterLink(approver, 'Mine oppgaver').waitFor();
    expect(await filterLink(approver, 'Vedtak').count()).toBe(1);
    for (const stage of ['Kompletthetsvurdering', 'Saksbehandling', 'Utlevering']) expect(await filterLink(approver, stage).count(), stage).toBe(0);

    await filterLink(approver, 'Vedtak').click();
    await approver.mouse.move(0, 0);
    await card(approver, 'Fatt vedtak').first().waitFor();
    // Task names head the cards of the task list.
    const taskList = approver.getByRole('list').filter({ has: card(approver, 'Fatt vedtak') });
    const listed = (await taskList.getByRole('heading', { level: 4 }).allInnerTexts()).map((t) => t.trim());
    expect(listed.length).toBeGreaterThan(0);
    expect(new Set(listed)).toEqual(new Set(['Fatt vedtak']));
    await shoot(approver, 'tasklist-06-approver-list');
    // Nor can the approver open the caseworker's task by its link: to them it does not exist.
    await approver.goto(`${webapps}/tasklist/default/#/?task=${caseworkerTask.id}`);
    await approver.getByText('Oppgaven finnes ikke lenger').waitFor();
    expect(await approver.getByRole('heading', { name: 'Kompletthetsvurdering' }).count()).toBe(0);
    expect(await approver.getByRole('button', { name: 'Ta oppgaven' }).count()).toBe(0);
    await shoot(approver, 'tasklist-07-approver-caseworker-link');
    // The notice stays in the corner, over the complete button of a long form: close it.
    const notice = approver.locator('.notifications .alert').filter({ hasText: 'Oppgaven finnes ikke lenger' });
    await notice.getByRole('button', { name: '×', exact: true }).click();
    await notice.waitFor({ state: 'detached' });

    await filterLink(approver, 'Vedtak').click();
    await searchCase(approver, id);
    const decision = await showCard(approver, 'Fatt vedtak');
    expect(await cardVariables(decision)).toMatchObject({ Saksnummer: reference, 'Lovfestet frist': await variable(processInstanceId, 'statutoryDeadlineText') });
    await openAndClaim(approver, decision, 'Fatt vedtak', 'Vedtak');
    await expectFacts(approver, { Saksnummer: reference });
    // The caseworker's recommendation, shown as the label it was chosen by, and not to be changed.
    const recommendation = approver.getByRole('radio', { name: 'Innvilge', exact: true });
    expect(await recommendation.isChecked()).toBe(true);
    await approver.getByRole('radio', { name: 'Avslå', exact: true }).click({ force: true });
    expect(await recommendation.isChecked(), 'the recommendation is read-only').toBe(true);
    // The approver starts from the caseworker's proposal and refuses one variable of NPR.
    const npr = approver.getByLabel('Variabler som innvilges (én per linje)').nth(1);
    expect(await npr.inputValue()).toBe('hoveddiagnose\ninnleggelsesdato');
    await npr.fill('hoveddiagnose');
    await approver.getByLabel('Begrunnelse for det som avslås (kilden eller variabler)').nth(1).fill('Innleggelsesdato er ikke nødvendig for formålet.');
    for (const box of await approver.getByRole('checkbox', { name: /Dispensasjon fra taushetsplikt for denne kilden/ }).all()) await box.check();
    await approver.getByLabel('Vilkår for hele vedtaket', { exact: true }).fill('Data slettes ved prosjektslutt.');
    await approver.getByLabel('Begrunnelse', { exact: true }).fill('Vilkårene er oppfylt.');
    await shoot(approver, 'tasklist-08-decision-filled');
    await complete(approver, 'Fatt vedtak');

    // The case moves on to the letter, the fee and the orders to the custodians.
    const view = await eventually(
      async () => {
        const body = (await h.app.inject({ method: 'GET', url: `/applications/${id}`, headers: bearer('caseworker') })).json();
        return body.status === 'awaiting-delivery' ? body : undefined;
      },
      { timeoutMs: 60_000, what: 'the case to await its deliveries' },
    );
    expect(view).toMatchObject({
      stage: 'delivery',
      stageName: 'Utlevering',
      decidingBody: 'HDS',
      decision: { outcome: 'partial-grant', decidedByBody: 'HDS', dispensationGranted: true, conditions: 'Data slettes ved prosjektslutt.' },
      // 3.5 hours bill as 4 started hours.
      fee: { hoursBilled: 4 },
    });
    const timeline = (view.timeline as { step: string; actor: string }[]).map((e) => `${e.step.replace(/:[0-9a-f-]+$/, '')} by ${e.actor}`);
    expect(timeline).toEqual(expect.arrayContaining(['assessed by saksbehandler', 'decided by beslutter']));

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
    expect(await caseFile('decisions')).toMatchObject({ decided_by: 'beslutter', outcome: 'partial-grant' });
    const sources = await h.db('decision_sources').where({ application_id: id }).orderBy('position');
    expect(sources.map((r) => [r.register_id, r.granted, r.granted_variables, r.dispensation])).toEqual([
      ['MFR', true, ['svangerskapsdiabetes', 'fodselsaar'], true],
      ['NPR', true, ['hoveddiagnose'], true],
    ]);
  });

  it('shows the process owner the running case and the incident in Cockpit', async () => {
    onTestFailed(async () => {
      await Promise.all(pages.map((page, i) => shoot(page, `failed-${i + 1}`)));
    });
    const { id, reference, processInstanceId } = caseA;
    const owner = await logIn('cockpit', 'prosesseier', 'Per Prosesseier');
    await owner.getByRole('link', { name: 'Prosesser', exact: true }).first().click();
    const row = owner.getByRole('row').filter({ has: owner.getByRole('link', { name: 'hds-application', exact: true }) });
    await row.waitFor();
    const headers = (await owner.getByRole('columnheader').allInnerTexts()).map((t) => t.trim());
    const cells = (await row.getByRole('cell').allInnerTexts()).map((t) => t.trim());
    const column = (name: string) => Number(cells[headers.indexOf(name)]);
    // At least the decided case and the stuck one.
    expect(column('Løpende instanser')).toBeGreaterThanOrEqual(2);
    expect(column('Feil')).toBeGreaterThanOrEqual(1);
    await shoot(owner, 'cockpit-01-processes');

    // The case by its reference, on the tab "Saker"; its variables (the applicant's name, the
    // caseworkers' notes) are not the process owner's to read.
    await row.getByRole('link', { name: 'hds-application', exact: true }).click();
    await owner.getByRole('link', { name: 'Saker', exact: true }).click();
    // Earlier runs' instances in the same engine may share the reference: the business key tells.
    await owner.getByRole('row').filter({ hasText: id }).getByRole('link', { name: reference, exact: true }).click();
    await owner.getByText(id).first().waitFor();
    expect(owner.url()).toContain(processInstanceId);
    await owner.getByRole('link', { name: 'Variabler', exact: true }).click();
    await owner.waitForLoadState('networkidle');
    expect(await owner.getByRole('row').filter({ hasText: 'applicationReference' }).count()).toBe(0);
    expect(await owner.getByRole('row').filter({ hasText: 'applicantName' }).count()).toBe(0);
    await shoot(owner, 'cockpit-02-running-case');

    // Nor theirs to change: Cockpit offers to add a variable, and the engine refuses it.
    await owner.locator('a:has(.glyphicon-plus)').first().click();
    const dialog = owner.locator('.modal-content');
    await dialog.locator('input[ng-model="newVariable.name"]').fill('ownerProbe');
    await dialog.locator('select[ng-model="newVariable.type"]').selectOption('String');
    await dialog.locator('.variable-value textarea, .variable-value input').first().fill('prosesseier');
    await dialog.locator('button[type="submit"]').click();
    await dialog.locator('[translate="VARIABLE_ADD_STATUS_FAIL_PROCESS"]').first().waitFor();
    await shoot(owner, 'cockpit-02b-variable-refused');
    expect(await engine.call<unknown[]>('GET', `/variable-instance?processInstanceIdIn=${processInstanceId}&variableName=ownerProbe`)).toEqual([]);

    await owner.goto(`${webapps}/cockpit/default/#/process-instance/${stuckInstanceId}/runtime`);
    await owner.getByText(stuckInstanceId).first().waitFor();
    await owner.getByRole('link', { name: 'Feil', exact: true }).click();
    const incident = owner.getByRole('row').filter({ hasText: failureMessage });
    await incident.waitFor();
    expect(await incident.innerText()).toMatch(/Registrer søknad[\s\S]*failedExternalTask/);
    await shoot(owner, 'cockpit-03-incident');
  });
});
