// HDS's fee under EHDS (Regulation (EU) 2025/327, Art. 62), on the real engine and database.
// Reduced fees (Art. 62(3)): the applicant claims a fee category, a caseworker confirms it in
// the completeness check, the case file keeps the confirmed one, and the fee table halves the
// cost estimate and the invoice for it; the invoice and the decision letter say why. The
// Norwegian rules have no reduced fees, whatever the application claims. The holder's fee
// (Art. 62(4)): each EHDS data order gets a deadline 1 month from the permit and an instance of
// hds-fee-agreement, whose timer runs to it; a custodian's report ends it, else an approver sets
// the fee and the custodian and the applicant get the letter. No agreement under the Norwegian
// rules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deadlineFor } from '../../../domain/rulebook/rulebooks.ts';
import { norwegianDate, osloDay } from '../../../domain/working-days.ts';
import { bearer } from '../auth.ts';
import { recordPath } from '../coverage.ts';
import { letterOf } from '../letters.ts';
import { assignAndComplete, engine, findTimer, findUserTask, fireTimer, incidents, waitForProcessInstanceState } from '../engine.ts';
import { eventually, postToCase, startHarness, validSubmission, type Harness } from '../harness.ts';
import { approver, caseRow, caseView, caseworker, feeAgreementInstance, grantedCase, oneSource, processVariable, recordedStep, steps } from './case-steps.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const claiming = (feeCategory: string) => ({ ...oneSource, institution: { ...validSubmission.institution, feeCategory } });
// As the letters write amounts: "kr 12 240".
const kr = (amount: number) => `kr ${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')}`;

describe('reduced fees under EHDS', { timeout: 300_000 }, () => {
  it('halves the estimate and the invoice for a fee category the caseworker confirmed, and says why', async () => {
    const { id, processInstanceId } = await grantedCase(h, 'ehds', claiming('public-body'), { feeCategory: 'university' });

    // The caseworker's category, not the claim, is on the case, with who confirmed it.
    const application = await h.db('applications').where({ id }).first();
    expect(application).toMatchObject({ fee_category: 'university', fee_category_confirmed_by: caseworker });
    expect(application.fee_category_confirmed_at).not.toBeNull();
    expect(await recordedStep(h, id, 'fee-category-confirmed')).toBeTruthy();
    expect(await processVariable(processInstanceId, 'feeReductionPercent')).toBe(50);

    // HDS's estimate: the base fee and 8 hours, halved.
    const estimate = await caseRow(h, 'cost_estimates', id);
    expect(estimate.amount_nok).toBe(Math.floor((estimate.base_fee_nok + 8 * estimate.hourly_rate_nok) / 2));
    expect((await letterOf(h, id, 'cost-estimate')).text).toContain('Redusert gebyr, 50 % for universitet eller høyskole (forordning (EU) 2025/327 art. 62 nr. 3)');

    // The invoice: the base fee and 4 started hours (3.5 assessed), halved.
    const invoice = await caseRow(h, 'invoices', id);
    const full = invoice.base_fee_nok + 4 * invoice.hourly_rate_nok;
    expect(invoice).toMatchObject({ hours_billed: 4, reduction_percent: 50, reduction_category: 'university', amount_nok: Math.floor(full / 2) });
    const invoiceLetter = await letterOf(h, id, 'invoice');
    expect(invoiceLetter.text).toContain(`Redusert gebyr, 50 % for universitet eller høyskole (forordning (EU) 2025/327 art. 62 nr. 3): −${kr(full - invoice.amount_nok)}`);
    expect(invoiceLetter.text).toContain(`Å betale: ${kr(invoice.amount_nok)}`);
    const decisionLetter = await letterOf(h, id, 'decision');
    expect(decisionLetter.text).toContain(`til sammen ${kr(full)}, redusert med 50 % fordi søkeren er universitet eller høyskole (forordning (EU) 2025/327 art. 62 nr. 3), til ${kr(invoice.amount_nok)}`);
    expect(await incidents(processInstanceId)).toEqual([]);
    const path = await recordPath('hds-application', processInstanceId, 'record-fee-category');
    expect(path.has('determine-fee')).toBe(true);
  });

  it('gives no reduction when the caseworker finds no reduced category, nor under the Norwegian rules', async () => {
    const ehds = await grantedCase(h, 'ehds', claiming('micro-enterprise'), { feeCategory: 'none' });
    const norwegian = await grantedCase(h, 'norwegian', claiming('public-body'));
    for (const { id, processInstanceId } of [ehds, norwegian]) {
      expect((await h.db('applications').where({ id }).first()).fee_category).toBeNull();
      const invoice = await caseRow(h, 'invoices', id);
      expect(invoice).toMatchObject({ reduction_percent: 0, reduction_category: null, amount_nok: invoice.base_fee_nok + 4 * invoice.hourly_rate_nok });
      expect((await letterOf(h, id, 'invoice')).text).not.toContain('Redusert gebyr');
      expect(await processVariable(processInstanceId, 'feeReductionPercent')).toBe(0);
    }
    // The caseworker's "none" was confirmed under EHDS; the Norwegian case confirms nothing.
    expect(await recordedStep(h, ehds.id, 'fee-category-confirmed')).toBeTruthy();
    expect(await steps(h, norwegian.id)).not.toContain('fee-category-confirmed');
  });
});

const fhi = bearer('custodian', { custodianId: 'FHI', sub: 'fhi-integrasjon' });

// A granted EHDS case with its order to FHI, the agreement's deadline (1 month from the
// permit) and the order's instance, whose timer runs to that deadline.
async function orderAwaitingAgreement() {
  const granted = await grantedCase(h, 'ehds');
  const decision = await caseRow(h, 'decisions', granted.id);
  const dueAt = deadlineFor('ehds', 'fee-agreement', new Date(decision.decided_at));
  expect(await h.db('fee_agreements').where({ order_id: granted.order.id }).first()).toMatchObject({ application_id: granted.id, rule: 'fee-agreement', due_at: dueAt, fee_nok: null });
  const instance = await feeAgreementInstance(h, granted.id);
  const timer = await findTimer(instance.id, 'fee-agreement-late');
  expect(new Date(timer.dueDate!).toISOString()).toBe(dueAt.toISOString());
  return { ...granted, dueAt, instance, timer };
}

describe("the holder's fee agreement under EHDS", { timeout: 300_000 }, () => {
  it('ends when the custodian reports the agreed fee in time: the timer never fires', async () => {
    const { id, order, dueAt, instance } = await orderAwaitingAgreement();
    const letter = await letterOf(h, id, 'custodian-order', 'FHI');
    expect(letter.text).toContain(`avtaler vederlaget for tilretteleggingen innen ${norwegianDate(osloDay(dueAt))}`);

    await postToCase(h, `/orders/${order.id}/fee-agreement`, { amountNok: 18_000, note: 'Avtalt med prosjektleder.' }, fhi);
    await waitForProcessInstanceState(instance.id, 'COMPLETED');
    const path = await recordPath('hds-fee-agreement', instance.id, 'fee-agreed');
    expect(path.has('fee-agreement-late')).toBe(false);
    expect(await engine.call<unknown[]>('GET', `/job?processInstanceId=${instance.id}`)).toEqual([]);
    const [shown] = (await caseView(h, id)).orders;
    expect(shown.feeAgreement).toMatchObject({ dueAt: dueAt.toISOString(), feeNok: 18_000, by: 'custodian', reportedBy: 'fhi-integrasjon', setAt: null });
  });

  it('gives an approver the task at the deadline; a fee without reasons goes back to the form, then HDS sets it and writes to the custodian and the applicant', async () => {
    const { id, order, dueAt, instance, timer } = await orderAwaitingAgreement();
    await fireTimer(timer);
    const task = await findUserTask(instance.id, 'set-holder-fee');
    expect(new Date(task.due!).toISOString()).toBe(dueAt.toISOString());
    const links = await engine.call<{ groupId: string | null; type: string }[]>('GET', `/task/${task.id}/identity-links`);
    expect(links.filter((l) => l.type === 'candidate').map((l) => l.groupId)).toEqual(['beslutter']);
    expect(await processVariable(instance.id, 'feeAgreementDueText')).toBe(norwegianDate(osloDay(dueAt)));

    // No reasons: back to the same task with the reason, nothing recorded.
    await assignAndComplete(task, approver, { holderFeeNok: 16_000, holderFeeReasons: ' ' });
    const again = await eventually(async () => {
      const open = await findUserTask(instance.id, 'set-holder-fee');
      return open.id !== task.id ? open : undefined;
    }, { what: 'the task back' });
    expect(await processVariable(instance.id, 'holderFeeProblem')).toMatch(/Begrunn vederlaget/);
    expect((await h.db('fee_agreements').where({ order_id: order.id }).first()).set_at).toBeNull();

    await assignAndComplete(again, approver, { holderFeeNok: 16_000, holderFeeReasons: 'Svarer til 13 timers tilrettelegging etter dataholderens overslag.' });
    await waitForProcessInstanceState(instance.id, 'COMPLETED');
    const agreement = await h.db('fee_agreements').where({ order_id: order.id }).first();
    expect(agreement).toMatchObject({ fee_nok: 16_000, set_by: approver, reported_at: null, reasons: 'Svarer til 13 timers tilrettelegging etter dataholderens overslag.' });
    for (const recipient of ['FHI', undefined]) {
      const letter = await letterOf(h, id, 'holder-fee', recipient);
      expect(letter.text).toContain('Vederlag for tilretteleggingen: kr 16 000');
      expect(letter.text).toContain('Svarer til 13 timers tilrettelegging');
      expect(letter.text).toContain(norwegianDate(osloDay(dueAt)));
    }
    expect(await h.db('documents').where({ application_id: id, kind: 'holder-fee' }).count('* as n').first()).toEqual({ n: '2' });
    expect(await recordedStep(h, id, 'holder-fee-set')).toBeTruthy();
    const [shown] = (await caseView(h, id)).orders;
    expect(shown.feeAgreement).toMatchObject({ feeNok: 16_000, by: 'hds', setBy: approver, reportedAt: null });
    // The custodian can no longer report one.
    const late = await h.app.inject({ method: 'POST', url: `/orders/${order.id}/fee-agreement`, payload: { amountNok: 1 }, headers: fhi });
    expect(late.statusCode).toBe(409);
    const path = await recordPath('hds-fee-agreement', instance.id, 'holder-fee-set');
    expect(path.has('holder-fee-invalid')).toBe(true);
    expect(await incidents(instance.id)).toEqual([]);
  });

  it("ends the approver's task when a report taken in time reaches the engine after the timer; a setting tried first goes back to the form", async () => {
    const { id, order, instance, timer } = await orderAwaitingAgreement();
    await fireTimer(timer);
    const task = await findUserTask(instance.id, 'set-holder-fee');
    // The API takes the report before the deadline; its message waits in the outbox.
    const res = await h.app.inject({ method: 'POST', url: `/orders/${order.id}/fee-agreement`, payload: { amountNok: 18_000 }, headers: fhi });
    expect(res.statusCode).toBe(202);

    await assignAndComplete(task, approver, { holderFeeNok: 16_000, holderFeeReasons: 'Etter dataholderens overslag.' });
    const again = await eventually(async () => {
      const open = await findUserTask(instance.id, 'set-holder-fee');
      return open.id !== task.id ? open : undefined;
    }, { what: 'the task back' });
    expect(again).toBeTruthy();
    expect(await processVariable(instance.id, 'holderFeeProblem')).toMatch(/^Registerforvalteren meldte det avtalte vederlaget \d{2}\.\d{2}\.\d{4}, innen fristen\./);

    await eventually(async () => {
      await h.relay.relayDue();
      return h.db('outbox').whereRaw("payload->>'messageId' = ?", [res.json().messageId]).whereNotNull('relayed_at').first();
    }, { what: 'the report to reach the engine', intervalMs: 500 });
    await waitForProcessInstanceState(instance.id, 'COMPLETED');
    const path = await recordPath('hds-fee-agreement', instance.id, 'fee-agreed-in-time');
    expect(path.has('fee-reported-during-task')).toBe(true);
    expect(path.has('holder-fee-set')).toBe(false);
    expect(await h.db('fee_agreements').where({ order_id: order.id }).first()).toMatchObject({ fee_nok: 18_000, reported_by: 'fhi-integrasjon', set_at: null, set_by: null });
    expect(await h.db('documents').where({ application_id: id, kind: 'holder-fee' }).first()).toBeUndefined();
    expect(await incidents(instance.id)).toEqual([]);
  });

  it('has no agreement under the Norwegian rules', async () => {
    const { id, order } = await grantedCase(h, 'norwegian');
    expect(await h.db('fee_agreements').where({ order_id: order.id }).first()).toBeUndefined();
    expect(await h.db('outbox').where({ application_id: id }).whereRaw("payload->>'name' = 'fee-agreement-started'").first()).toBeUndefined();
    expect((await letterOf(h, id, 'custodian-order', 'FHI')).text).not.toContain('vederlaget');
    expect((await caseView(h, id)).orders[0].feeAgreement).toBeNull();
  });
});
