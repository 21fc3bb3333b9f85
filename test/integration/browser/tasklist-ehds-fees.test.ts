// The fees under EHDS in Tasklist, in a real browser, on one case. The caseworker's completeness
// form shows the fee category the applicant claimed and asks for the one HDS confirms
// (Art. 62(3)); the case file keeps the confirmed one. When no fee agreement is reported within a
// month of the permit, the approver finds *Fastsett dataholderens vederlag* under Dataholders
// vederlag with the order on its card; reasons of nothing but blanks come back with the reason at
// the top of the form, and with reasons the fee is set and written to the custodian and the
// applicant (Art. 62(4)). Screenshots go to test-results/browser/.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it, onTestFailed } from 'vitest';
import { findTimer, fireTimer, waitForMessageSubscription, waitForProcessInstanceState } from '../engine.ts';
import { eventually, validSubmission } from '../harness.ts';
import { approver, assess, caseworker, decide, feeAgreementInstance, oneSource, passCostEstimate, processVariable, startEhdsCase } from '../process/case-steps.ts';
import { browserHarness, screenshots, signIn } from './chromium.ts';
import { complete, openAndClaim, openFromFilter, showCard } from './tasklist-page.ts';

const session = browserHarness();

const logIn = (user: string, signedIn: string) => signIn(session.browser, { app: 'tasklist', user, signedIn, viewport: { width: 1600, height: 3000 } });
const value = (page: Page, label: string) => page.getByLabel(label, { exact: true }).inputValue();

describe('the fees under EHDS in Tasklist', { timeout: 600_000 }, () => {
  it('confirms the claimed fee category in the completeness check, and sets the holder\'s fee after reasons left blank came back', async () => {
    const submission = { ...oneSource, institution: { ...validSubmission.institution, feeCategory: 'public-body' } };
    const { id, reference, processInstanceId } = await startEhdsCase(session.h, submission);

    const completeness = 'Vurder om søknaden er komplett';
    const caseworkerPage = await logIn(caseworker, 'Siri Saksbehandler');
    onTestFailed(async () => {
      await caseworkerPage.screenshot({ path: path.join(screenshots, 'ehds-fees-failed.png') });
    });
    await openFromFilter(caseworkerPage, 'Kompletthetsvurdering', id, completeness, 'Kompletthetsvurdering');
    expect(await value(caseworkerPage, 'Gebyrkategori søkeren oppga')).toBe('offentlig organ');
    await caseworkerPage.getByRole('radio', { name: 'Ja, søknaden er komplett' }).check();
    // The renderer's select: its value shows in a box that opens the list of categories. It
    // starts from the claim.
    const category = caseworkerPage.locator('.fjs-form-field').filter({ has: caseworkerPage.getByLabel(/^Gebyrkategori \(redusert gebyr etter EHDS\)/) }).locator('.fjs-select-display');
    expect(await category.innerText()).toBe('Offentlig organ');
    await category.click();
    await caseworkerPage.locator('.fjs-dropdownlist').getByText('Universitet eller høyskole', { exact: true }).click();
    expect(await category.innerText()).toBe('Universitet eller høyskole');
    await caseworkerPage.screenshot({ path: path.join(screenshots, 'ehds-fee-category.png') });
    await complete(caseworkerPage, completeness);
    const confirmed = await eventually(async () => {
      const application = await session.h.db('applications').where({ id }).first();
      return application.fee_category_confirmed_at && application;
    }, { what: 'the confirmed fee category' });
    expect(confirmed).toMatchObject({ fee_category: 'university', fee_category_confirmed_by: caseworker });

    // Granted through the API; no fee agreement is reported by the deadline.
    await passCostEstimate(session.h, id);
    await assess(processInstanceId);
    await decide(processInstanceId, { outcome: 'grant', dispensationGranted: true });
    await waitForMessageSubscription(processInstanceId, 'delivery-confirmed');
    const instance = await feeAgreementInstance(session.h, id);
    await fireTimer(await findTimer(instance.id, 'fee-agreement-late'));
    const order = await session.h.db('custodian_orders').where({ application_id: id, custodian_id: 'FHI', kind: 'data-order' }).first();

    const holderFee = 'Fastsett dataholderens vederlag';
    const approverPage = await logIn(approver, 'Mine oppgaver');
    onTestFailed(async () => {
      await approverPage.screenshot({ path: path.join(screenshots, 'holder-fee-failed.png') });
    });
    const dueText = String(await processVariable(instance.id, 'feeAgreementDueText'));
    const onCard = await openFromFilter(approverPage, 'Dataholders vederlag', id, holderFee, 'Fastsett dataholderens vederlag (EHDS)');
    expect(onCard).toMatchObject({ Saksnummer: reference, Dataholder: 'Folkehelseinstituttet', 'Frist for avtale': dueText });
    expect(await value(approverPage, 'Dataholder')).toBe('Folkehelseinstituttet');
    expect(await value(approverPage, 'Frist for avtale om vederlag')).toBe(dueText);
    const fee = approverPage.getByLabel(/^Vederlag for tilretteleggingen/);
    const reasons = approverPage.getByLabel(/^Begrunnelse/);
    await fee.fill('16000');
    await reasons.fill('   ');
    await complete(approverPage, holderFee);

    await openAndClaim(approverPage, await showCard(approverPage, holderFee), holderFee, 'Fastsett dataholderens vederlag (EHDS)');
    expect(await value(approverPage, 'Må rettes før oppgaven kan fullføres')).toMatch(/Begrunn vederlaget/);
    expect(await fee.inputValue()).toBe('16000');
    expect((await session.h.db('fee_agreements').where({ order_id: order.id }).first()).set_at).toBeNull();
    await approverPage.screenshot({ path: path.join(screenshots, 'holder-fee-returned.png') });
    await reasons.fill('Svarer til 13 timers tilrettelegging etter dataholderens overslag.');
    await complete(approverPage, holderFee);
    await waitForProcessInstanceState(instance.id, 'COMPLETED');
    expect(await session.h.db('fee_agreements').where({ order_id: order.id }).first()).toMatchObject({ fee_nok: 16_000, set_by: approver, reasons: 'Svarer til 13 timers tilrettelegging etter dataholderens overslag.' });
    expect(await session.h.db('documents').where({ application_id: id, kind: 'holder-fee' }).count('* as n').first()).toEqual({ n: '2' });
  });
});
