// Anonymised statistics in Tasklist, in a real browser. A request for statistics under EHDS:
// the caseworker finds "Vurder forespørselen om statistikk" under Saksbehandling with the case's
// facts on the form; a grant without the aggregation level comes back with the reason at the
// top; completed, the assessment is on the case file. The approver decides it with no
// dispensation to give, and after the delivery the caseworker releases the statistics after the
// disclosure control. Statistics instead of a refusal: the approver's decision form offers them
// under EHDS (the offer is recorded with the refusal), and has no such group for a Norwegian
// case. Screenshots go to test-results/browser/.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it, onTestFailed } from 'vitest';
import { bearer } from '../auth.ts';
import { waitForMessageSubscription, waitForProcessInstanceState } from '../engine.ts';
import { eventually, postToCase, startCase } from '../harness.ts';
import { approver, assess, caseRow, caseworker, passCompleteness, passCostEstimate, processVariable, research, startEhdsCase, statisticsRequest, status } from '../process/case-steps.ts';
import { browserHarness, screenshots, signIn } from './chromium.ts';
import { complete, openAndClaim, openFromFilter, showCard } from './tasklist-page.ts';

const session = browserHarness();

const aggregation = 'Fylke og femårige aldersgrupper';
const offered = 'Antall fødsler med svangerskapsdiabetes per fylke og år.';

const logIn = (user: string, signedIn: string) => signIn(session.browser, { app: 'tasklist', user, signedIn, viewport: { width: 1600, height: 3000 } });
const value = (page: Page, label: string) => page.getByLabel(label, { exact: true }).inputValue();

describe('anonymised statistics in Tasklist', { timeout: 600_000 }, () => {
  it('assesses a request (a grant without the aggregation level comes back with the reason), decides it without a dispensation and releases the statistics', async () => {
    const { id, reference, processInstanceId } = await startEhdsCase(session.h, statisticsRequest);
    await passCompleteness(processInstanceId);
    await passCostEstimate(session.h, id);

    const assessment = 'Vurder forespørselen om statistikk';
    const caseworkerPage = await logIn(caseworker, 'Siri Saksbehandler');
    onTestFailed(async () => {
      await caseworkerPage.screenshot({ path: path.join(screenshots, 'statistics-failed.png') });
    });
    await openFromFilter(caseworkerPage, 'Saksbehandling', id, assessment, 'Vurder forespørselen om anonymisert statistikk');
    expect(await value(caseworkerPage, 'Saksnummer')).toBe(reference);
    expect(await value(caseworkerPage, 'Type data')).toBe('Anonyme opplysninger');
    expect(await value(caseworkerPage, 'Datakilder (register, registerforvalter, periode og variabler)')).toContain('Medisinsk fødselsregister (MFR)\nRegisterforvalter: Folkehelseinstituttet');
    expect(await caseworkerPage.getByRole('radio', { name: 'Innvilges' }).isChecked()).toBe(true);
    await caseworkerPage.getByRole('checkbox', { name: /^Formålet ligger innenfor registrenes formål/ }).check();
    await caseworkerPage.getByRole('checkbox', { name: /^Små celler skjermes/ }).check();
    await caseworkerPage.getByLabel('Begrunnelse og foreslåtte vilkår', { exact: true }).fill('Tabellene kan lages uten å røpe enkeltpersoner.');
    await caseworkerPage.getByLabel(/^Timer brukt på saksbehandlingen/).fill('2');
    await complete(caseworkerPage, assessment);

    // Back with the reason at the top, the rest as the caseworker left it.
    await openAndClaim(caseworkerPage, await showCard(caseworkerPage, assessment), assessment, 'Vurder forespørselen om anonymisert statistikk');
    expect(await value(caseworkerPage, 'Vurderingen ble sendt tilbake')).toMatch(/^Skriv aggregeringsnivået/);
    expect(await caseworkerPage.getByRole('checkbox', { name: /^Små celler skjermes/ }).isChecked()).toBe(true);
    expect(await caseRow(session.h, 'assessments', id)).toBeUndefined();
    await caseworkerPage.getByLabel('Aggregeringsnivå', { exact: true }).fill(aggregation);
    await caseworkerPage.screenshot({ path: path.join(screenshots, 'statistics-assessment.png') });
    await complete(caseworkerPage, assessment);
    const assessed = await eventually(() => caseRow(session.h, 'assessments', id), { what: 'the assessment' });
    expect(assessed).toMatchObject({ recommendation: 'grant', assessed_by: caseworker, findings: { aggregationLevel: aggregation, smallCellsSuppressed: true, purposeWithinRegisterPurposes: true } });

    // The approver: the assessment read-only, and no dispensation anywhere on the form.
    const decision = 'Avgjør forespørselen om statistikk';
    const approverPage = await logIn(approver, 'Mine oppgaver');
    await openFromFilter(approverPage, 'Vedtak', id, decision, 'Avgjør forespørselen om anonymisert statistikk');
    expect(await value(approverPage, 'Sjekkliste')).toContain(`Aggregeringsnivå: ${aggregation}`);
    expect(await approverPage.getByLabel(/[Dd]ispensasjon/).count()).toBe(0);
    await approverPage.getByLabel('Vilkår for statistikken (f.eks. om publisering)', { exact: true }).fill('Tabellene kan publiseres.');
    await approverPage.getByLabel('Begrunnelse', { exact: true }).fill('Forespørselen er vurdert etter art. 69.');
    await complete(approverPage, decision);
    expect(await eventually(() => caseRow(session.h, 'decisions', id), { what: 'the decision' })).toMatchObject({ outcome: 'grant', dispensation_granted: false, decided_by: approver });

    // FHI delivers; the caseworker checks and releases the statistics.
    const order = await eventually(() => session.h.db('custodian_orders').where({ application_id: id, custodian_id: 'FHI', kind: 'data-order' }).whereNotNull('sent_at').first(), { what: 'the order to FHI' });
    await waitForMessageSubscription(processInstanceId, 'delivery-confirmed');
    await postToCase(session.h, `/orders/${order.id}/delivery`, {}, bearer('custodian', { custodianId: 'FHI' }));
    const release = 'Kontroller og frigi statistikken';
    await openFromFilter(caseworkerPage, 'Utlevering', id, release, release);
    expect(await value(caseworkerPage, 'Frist for svar med statistikken')).toBe(String(await processVariable(processInstanceId, 'statisticsAnswerDueText')));
    await caseworkerPage.getByRole('checkbox', { name: /^Røpingskontrollen er gjort/ }).check();
    await caseworkerPage.getByLabel('Hva ble sendt søkeren (tabeller og format)', { exact: true }).fill('Tre tabeller i Excel.');
    await complete(caseworkerPage, release);
    await waitForProcessInstanceState(processInstanceId, 'COMPLETED');
    expect(await status(session.h, id)).toBe('statistics-delivered');
    expect(await caseRow(session.h, 'statistics_answers', id)).toMatchObject({ released_by: caseworker, released_text: 'Tre tabeller i Excel.' });
  });

  it('offers statistics instead of a refusal on the EHDS decision form, and shows no such offer for a Norwegian case', async () => {
    const offerGroup = 'Anonymisert statistikk i stedet for avslag (EHDS)';
    const norwegian = await startCase(session.h, research);
    await passCompleteness(norwegian.processInstanceId);
    await assess(norwegian.processInstanceId, 'refusal');
    const ehds = await startEhdsCase(session.h, research);
    await passCompleteness(ehds.processInstanceId);
    await passCostEstimate(session.h, ehds.id);
    await assess(ehds.processInstanceId, 'refusal');

    const page = await logIn(approver, 'Mine oppgaver');
    onTestFailed(async () => {
      await page.screenshot({ path: path.join(screenshots, 'statistics-offer-failed.png') });
    });
    await openFromFilter(page, 'Vedtak', norwegian.id, 'Fatt vedtak', 'Vedtak');
    expect(await page.getByText(offerGroup).count()).toBe(0);
    expect(await page.getByRole('checkbox', { name: /anonymisert statistikk/ }).count()).toBe(0);

    await openFromFilter(page, 'Vedtak', ehds.id, 'Fatt vedtak', 'Vedtak');
    await page.getByText(offerGroup).waitFor();
    expect(await page.getByLabel('Hvilken statistikk som tilbys', { exact: true }).count()).toBe(0);
    await page.getByRole('checkbox', { name: 'Tilby anonymisert statistikk i stedet for avslag' }).check();
    await page.getByLabel('Hvilken statistikk som tilbys', { exact: true }).fill(offered);
    await page.getByLabel('Begrunnelse', { exact: true }).fill('Vilkårene for tilgang er ikke oppfylt.');
    await page.screenshot({ path: path.join(screenshots, 'statistics-offer.png') });
    await complete(page, 'Fatt vedtak');
    const offer = await eventually(() => caseRow(session.h, 'statistics_offers', ehds.id), { what: 'the offer' });
    expect(offer).toMatchObject({ offered_text: offered, offered_by: approver, answer: null });
    expect(await caseRow(session.h, 'decisions', ehds.id)).toMatchObject({ outcome: 'refusal' });
    expect(await processVariable(ehds.processInstanceId, 'offerStatistics')).toBe(true);
  });
});
