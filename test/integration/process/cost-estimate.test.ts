// The cost estimate before the decision under EHDS (Regulation (EU) 2025/327 Art. 62(5)), on
// the real engine and database: each custodian holding a source is asked for its estimate,
// due by the rulebook's cost-estimate row, and a late one gives a caseworker a follow-up task
// while the process waits on; once all have answered, the applicant gets HDS's and the
// custodians' estimates with the extraction description, due by cost-estimate-answer, and a
// late answer is followed up too. Accepting takes the case on to the assessment; withdrawing
// closes it with an invoice for the base fee only, the closing letter and the statutory clock
// stopped. A Norwegian case passes the gateway without any of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayFor } from '../../../domain/rulebook/rulebooks.ts';
import { endOfOsloDay, norwegianDate, osloDay } from '../../../domain/working-days.ts';
import { recordPath } from '../coverage.ts';
import { letterOf } from '../letters.ts';
import { assignAndComplete, engine, findTimer, findUserTask, fireTimer, incidents, openUserTasks, waitForProcessInstanceState, type HistoricProcessInstance } from '../engine.ts';
import { eventually, startCase, startHarness, type Harness } from '../harness.ts';
import { answerCostEstimate, caseRow, caseView, caseworker, costEstimateInstance, giveCostEstimates, passCompleteness, research, startEhdsCase, status } from './case-steps.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

// A case received under the EHDS pilot, taken past the completeness check.
async function ehdsCase() {
  const started = await startEhdsCase(h);
  await passCompleteness(started.processInstanceId);
  return started;
}

// The hds-cost-estimate instance the case's call activity started.

// As the letters write amounts: "kr 12 240".
const kr = (amount: number) => `kr ${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')}`;
const iso = (value: Date | string) => new Date(value).toISOString();
const dueBy = (rule: 'cost-estimate' | 'cost-estimate-answer') => endOfOsloDay(dayFor('ehds', rule, osloDay(new Date()))).toISOString();

describe('the cost estimate before the decision under EHDS', { timeout: 300_000 }, () => {
  it('asks each custodian, follows up a late one and a late applicant, and goes on to the assessment when the applicant accepts', async () => {
    const { id, processInstanceId } = await ehdsCase();
    const called = await costEstimateInstance(processInstanceId);

    // One request per custodian holding a source: MFR at FHI, BIVIRK at DMP, due in 15 working days.
    const requests = await eventually(async () => {
      const rows = await h.db('cost_estimate_requests').where({ application_id: id }).orderBy('custodian_id');
      return rows.length === 2 ? rows : undefined;
    }, { what: 'two requests' });
    expect(requests.map((r) => [r.custodian_id, r.register_ids])).toEqual([['DMP', ['BIVIRK']], ['FHI', ['MFR']]]);
    expect(requests.map((r) => iso(r.due_at))).toEqual([dueBy('cost-estimate'), dueBy('cost-estimate')]);
    const late = await findTimer(called.id, 'cost-estimates-late');
    expect(iso(late.dueDate!)).toBe(dueBy('cost-estimate'));
    const request = await letterOf(h, id, 'cost-estimate-request', 'FHI');
    expect(request.row.recipient_email).toBe('datautlevering@fhi.no');
    expect(request.text).toContain(`Frist for kostnadsoverslag: ${norwegianDate(osloDay(new Date(dueBy('cost-estimate'))))}`);
    expect(request.text).toContain('Medisinsk fødselsregister (MFR), periode 01.01.2010 – 31.12.2024: variabel');
    expect(request.text).not.toContain('BIVIRK');

    // The due date passes: a caseworker follows up, and the process still waits for the estimates.
    await fireTimer(late);
    await assignAndComplete(await findUserTask(called.id, 'follow-up-cost-estimates'), caseworker, { followUpNotes: 'Ringt DMP, overslaget kommer i morgen.' });
    expect((await openUserTasks(processInstanceId)).map((t) => t.taskDefinitionKey)).not.toContain('legal-assessment');

    await giveCostEstimates(h, id, 25_000);
    const estimate = await eventually(() => caseRow(h, 'cost_estimates', id), { what: 'the estimate sent' });
    // HDS's estimate: the fee table's base fee for two sources and its hourly rate for 8 hours.
    expect(estimate).toMatchObject({ expected_hours: 8, exemption: null, answer: null });
    expect(estimate.base_fee_nok).toBeGreaterThan(0);
    expect(estimate.amount_nok).toBe(estimate.base_fee_nok + 8 * estimate.hourly_rate_nok);
    expect(iso(estimate.answer_due_at)).toBe(dueBy('cost-estimate-answer'));
    const answerLate = await findTimer(called.id, 'cost-estimate-answer-late');
    expect(iso(answerLate.dueDate!)).toBe(dueBy('cost-estimate-answer'));
    const letter = await letterOf(h, id, 'cost-estimate');
    expect(letter.text).toContain(`Overslag fra Helsedataservice: ${kr(estimate.amount_nok)}`);
    expect(letter.text).toContain(`Samlet overslag: ${kr(estimate.amount_nok + 50_000)}`);
    expect(letter.text).toContain('Folkehelseinstituttet:');
    expect(letter.text).toContain('Direktoratet for medisinske produkter:');
    expect(letter.text).toContain('Uttrekk fra BIVIRK');
    expect(letter.text).toContain('System for bivirkningsrapportering (BIVIRK), periode 01.01.2010 – 31.12.2024: variabel');
    expect(letter.text).toContain(`Svarfrist: ${norwegianDate(osloDay(new Date(dueBy('cost-estimate-answer'))))}`);

    // No answer by its due date: a caseworker follows up; the answer still comes through the API.
    await fireTimer(answerLate);
    await findUserTask(called.id, 'follow-up-cost-estimate-answer');
    await answerCostEstimate(h, id, 'accept');
    await findUserTask(processInstanceId, 'legal-assessment');
    await waitForProcessInstanceState(called.id, 'COMPLETED');
    // The acceptance ended the follow-up still open.
    expect(await openUserTasks(called.id)).toEqual([]);
    expect(await status(h, id)).toBe('in-assessment');
    expect(await incidents(processInstanceId)).toEqual([]);

    const view = await caseView(h, id);
    expect(view.costEstimate).toMatchObject({
      custodians: [
        { custodianId: 'DMP', registerIds: ['BIVIRK'], dueAt: dueBy('cost-estimate'), amountNok: 25_000, description: 'Uttrekk fra BIVIRK' },
        { custodianId: 'FHI', registerIds: ['MFR'], amountNok: 25_000 },
      ],
      hds: { amountNok: estimate.amount_nok, expectedHours: 8 },
      answerDueAt: dueBy('cost-estimate-answer'),
      answer: 'accept',
    });
    expect(view.costEstimate.answeredAt).not.toBeNull();

    const path = await recordPath('hds-cost-estimate', called.id, 'cost-estimate-accepted');
    expect(path.has('cost-estimates-followed-up')).toBe(true);
    const casePath = await recordPath('hds-application', processInstanceId, 'prepare-assessment');
    expect([...casePath].filter((node) => node.startsWith('cost-estimate'))).toEqual(['cost-estimate-gateway', 'cost-estimate', 'cost-estimate-merge']);
  });

  it('closes a withdrawn case with an invoice for the base fee only, a closing letter and the statutory clock stopped', async () => {
    const { id, processInstanceId } = await ehdsCase();
    const called = await costEstimateInstance(processInstanceId);
    await giveCostEstimates(h, id, 80_000);
    const answerLate = await findTimer(called.id, 'cost-estimate-answer-late');
    await fireTimer(answerLate);
    await assignAndComplete(await findUserTask(called.id, 'follow-up-cost-estimate-answer'), caseworker, { followUpNotes: 'Søkeren svarer i dag.' });
    await answerCostEstimate(h, id, 'withdraw');

    await waitForProcessInstanceState(processInstanceId, 'COMPLETED');
    expect(await status(h, id)).toBe('withdrawn');
    const estimate = await caseRow(h, 'cost_estimates', id);
    // Only the costs incurred: the base fee, no hours, none of the custodians' 160 000.
    const invoice = await caseRow(h, 'invoices', id);
    expect(invoice).toMatchObject({ hours_billed: 0, amount_nok: estimate.base_fee_nok, base_fee_nok: estimate.base_fee_nok });
    const closing = await letterOf(h, id, 'withdrawal');
    expect(closing.text).toContain('Registerforvalternes kostnadsoverslag faktureres ikke.');
    expect(closing.text).toContain(`faktura ${invoice.invoice_number}`);
    await letterOf(h, id, 'invoice');
    // The statutory clock stopped: recorded, and its timers ended with the case handling.
    const deadline = await caseRow(h, 'deadlines', id);
    expect(deadline.stopped_at).not.toBeNull();
    expect(deadline.breached_at).toBeNull();
    expect(await engine.call<unknown[]>('GET', `/job?processInstanceId=${processInstanceId}&timers=true`)).toEqual([]);
    expect((await caseView(h, id)).deadlines.statutory.stoppedAt).toBe(iso(deadline.stopped_at));

    const path = await recordPath('hds-cost-estimate', called.id, 'application-withdrawn');
    expect(path.has('cost-estimate-answer-followed-up')).toBe(true);
    const casePath = await recordPath('hds-application', processInstanceId, 'closed-withdrawn');
    expect(casePath.has('prepare-assessment')).toBe(false);
    expect(casePath.has('case-withdrawn')).toBe(true);
  });

  it('skips the cost estimate for a case under the Norwegian rules', async () => {
    const { id, processInstanceId } = await startCase(h, research);
    await passCompleteness(processInstanceId);
    await findUserTask(processInstanceId, 'legal-assessment');
    expect((await h.db('applications').where({ id }).first()).rulebook).toBe('norwegian');
    expect(await h.db('cost_estimate_requests').where({ application_id: id })).toEqual([]);
    expect((await caseView(h, id)).costEstimate).toBeNull();
    const path = await recordPath('hds-application', processInstanceId, 'prepare-assessment');
    expect(path.has('cost-estimate-gateway')).toBe(true);
    expect(path.has('cost-estimate')).toBe(false);
    expect(path.has('cost-estimate-merge')).toBe(true);
  });
});
