// HDS's fee under EHDS (Regulation (EU) 2025/327, Art. 62), on the real engine and database.
// Reduced fees (Art. 62(3)): the applicant claims a fee category, a caseworker confirms it in
// the completeness check, the case file keeps the confirmed one, and the fee table halves the
// cost estimate and the invoice for it; the invoice and the decision letter say why. The
// Norwegian rules have no reduced fees, whatever the application claims.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordPath } from '../coverage.ts';
import { letterOf } from '../letters.ts';
import { incidents } from '../engine.ts';
import { startHarness, validSubmission, type Harness } from '../harness.ts';
import { caseRow, caseworker, grantedCase, oneSource, processVariable, recordedStep, steps } from './case-steps.ts';

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
