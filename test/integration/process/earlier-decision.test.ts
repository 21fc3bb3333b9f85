// Applications that refer to an earlier decision, on the real engine and database: the
// reference is checked against the case file before the completeness check; a data update
// under a granting HDS decision is checked by a caseworker and decided by HDS free of its fee,
// and one beyond that decision, or without one, becomes a change application.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noDifferences } from '../../../domain/case/earlier-decision.ts';
import { recordPath } from '../coverage.ts';
import { letterOf } from '../letters.ts';
import { assignAndComplete, findTimer, findUserTask, fireTimer, incidents, waitForElement, waitForMessageSubscription, waitForProcessInstanceState } from '../engine.ts';
import { eventually, postToCase, startCase, startHarness, type Harness } from '../harness.ts';
import { assess, auditEvent, caseRow, caseView, caseworker, decide, passCompleteness, processVariable, research, secondCaseworker, source, status, recordedStep, steps } from './case-steps.ts';

const process = 'hds-application';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

// A case of this service that HDS granted, as a data update or change refers to it.
async function grantedCase() {
  const { id, processInstanceId } = await startCase(h, research);
  await passCompleteness(processInstanceId);
  await assess(processInstanceId);
  await decide(processInstanceId, { outcome: 'grant', dispensationGranted: true, conditions: 'Data slettes ved prosjektslutt.' });
  await recordedStep(h, id, 'decision-letter-sent');
  return (await h.db('applications').where({ id }).first()).reference as string;
}

const update = (earlierDecisionReference: string, changes: object = {}) => ({ ...research, applicationType: 'data-update', earlierDecisionReference, ...changes });

// What the completeness form shows about the reference, once the case waits there.
async function referenceCheck(processInstanceId: string) {
  await findUserTask(processInstanceId, 'check-completeness');
  return {
    valid: await processVariable(processInstanceId, 'earlierDecisionValid'),
    check: await processVariable(processInstanceId, 'earlierDecisionCheck'),
    problem: await processVariable(processInstanceId, 'earlierDecisionProblem'),
  };
}

describe('earlier decisions and data updates', { timeout: 240_000 }, () => {
  let granted: string;
  beforeAll(async () => {
    granted = await grantedCase();
  }, 120_000);

  it('decides a data update within its decision: HDS records the decision, the fee is NOK 0 with the exemption named, and the custodian delivers', async () => {
    // The same source and variables as the decision, for newer data.
    const { id, processInstanceId } = await startCase(h, update(granted, { dataSources: [{ ...source('MFR'), period: { startDate: '2025-01-01', endDate: '2025-12-31' } }], linkage: { requested: false } }));
    expect(await referenceCheck(processInstanceId)).toEqual({ valid: true, check: expect.stringMatching(new RegExp(`^${granted}: innvilget \\d\\d\\.\\d\\d\\.\\d{4} – «${research.project.title}»$`)), problem: '' });
    await passCompleteness(processInstanceId);

    const first = await findUserTask(processInstanceId, 'check-update-scope');
    expect(await status(h, id)).toBe('checking-update');
    expect(await processVariable(processInstanceId, 'updateDifferences')).toBe(noDifferences);
    // Hours out of range come back to the check with the reason, and raise no incident.
    await assignAndComplete(first, secondCaseworker, { withinDecision: 'yes', updateCheckNotes: 'Nye data fra samme kilde og samme variabler.', hoursSpent: -1 });
    const check = await eventually(async () => {
      const task = await findUserTask(processInstanceId, 'check-update-scope');
      return task.id !== first.id && task;
    }, { what: 'the update check back with its reason' });
    expect(await processVariable(processInstanceId, 'updateCheckProblem')).toBe('Timer brukt må være et tall mellom 0 og 1000 (du skrev -1). Rett antallet timer og fullfør oppgaven på nytt.');
    expect(await incidents(processInstanceId)).toEqual([]);
    expect(await caseRow(h, 'decisions', id)).toBeUndefined();
    await assignAndComplete(check, secondCaseworker, { withinDecision: 'yes', updateCheckNotes: 'Nye data fra samme kilde og samme variabler.', hoursSpent: 0.5 });

    await recordedStep(h, id, 'order-sent:FHI');
    // A check that went through clears the reason it was sent back with.
    expect(await processVariable(processInstanceId, 'updateCheckProblem')).toBeNull();
    const application = await h.db('applications').where({ id }).first();
    expect(application).toMatchObject({ deciding_body: 'HDS', routing_rule: 'data-update', application_type: 'data-update' });
    // HDS's decision, by the caseworker who checked it, on the conditions of the decision it updates.
    expect(await caseRow(h, 'decisions', id)).toMatchObject({ decided_by_body: 'HDS', decided_by: secondCaseworker, outcome: 'grant', conditions: 'Data slettes ved prosjektslutt.', dispensation_granted: true });
    expect((await caseRow(h, 'decisions', id)).letter_sent_at).not.toBeNull();
    expect(await caseRow(h, 'invoices', id)).toMatchObject({ base_fee_nok: 0, hourly_rate_nok: 0, hours_billed: 0, amount_nok: 0, exemption: 'data-update' });
    const letter = await letterOf(h, id, 'decision');
    expect(letter.text).toContain(`Helsedataservice har innvilget søknaden om dataoppdatering etter vedtak ${granted}`);
    expect(letter.text).toContain('Det betales ikke gebyr til Helsedataservice: dataoppdatering etter eksisterende vedtak');
    expect(letter.text).toContain('Saksbehandler: Sander Saksbehandler');
    expect(await caseRow(h, 'assessments', id)).toBeUndefined();
    const [order] = await h.db('custodian_orders').where({ application_id: id });
    // A data update within its decision amends no permit: its order has none, and its confirmation
    // is taken while the case awaits delivery.
    expect(order).toMatchObject({ kind: 'data-order', state: 'sent', custodian_id: 'FHI', register_ids: ['MFR'], permit_id: null });

    // A late delivery is followed up; the follow-up does not end the wait.
    const late = await findTimer(processInstanceId, 'delivery-late');
    expect(new Date(late.dueDate!).toISOString()).toBe(new Date(order.due_at).toISOString());
    await fireTimer(late);
    await assignAndComplete(await findUserTask(processInstanceId, 'follow-up-delivery'), caseworker, { followUpNotes: 'Forvalter lover levering neste uke.' });
    await waitForElement(processInstanceId, 'delivery-followed-up');
    expect(await status(h, id)).toBe('awaiting-delivery');
    await waitForMessageSubscription(processInstanceId, 'delivery-confirmed');
    await postToCase(h, `/applications/${id}/orders/FHI/delivery`, { analysisEnvironment: 'SAFE' });
    await waitForProcessInstanceState(processInstanceId, 'COMPLETED');
    expect(await status(h, id)).toBe('closed');

    expect((await steps(h, id)).slice(0, 10)).toEqual(['received', 'registered', 'earlier-decision-checked', 'public-summary-approved', 'update-compared', 'update-check-returned', 'decided', 'invoiced', 'decision-letter-sent', 'orders-created']);
    const path = await recordPath(process, processInstanceId, 'case-closed');
    for (const element of ['check-earlier-decision', 'earlier-decision-gateway', 'compare-with-earlier-decision', 'update-check-merge', 'update-check-invalid', 'check-update-scope', 'scope-gateway', 'record-update-decision', 'send-update-decision-letter', 'determine-update-fee', 'issue-update-invoice', 'orders-merge', 'delivery-late', 'follow-up-delivery']) {
      expect(path.has(element), element).toBe(true);
    }
    for (const element of ['determine-jurisdiction', 'case-handling', 'determine-fee', 'convert-to-change-application']) expect(path.has(element), element).toBe(false);
  });

  it('makes a data update beyond its decision a change application, assessed and priced as one', async () => {
    const { id, processInstanceId } = await startCase(h, update(granted, {
      dataSources: [source('MFR', ['variabel', 'ny-variabel']), source('BIVIRK'), source('KREFT')],
      project: { ...research.project, period: { startDate: '2025-01-01', endDate: '2031-12-31' } },
    }));
    await passCompleteness(processInstanceId);
    const check = await findUserTask(processInstanceId, 'check-update-scope');
    const differences = String(await processVariable(processInstanceId, 'updateDifferences')).split('\n');
    expect(differences).toEqual([
      '• Nye variabler fra Medisinsk fødselsregister (MFR): ny-variabel',
      '• Ny datakilde som vedtaket ikke omfatter: Kreftregisteret (KREFT)',
      '• Prosjektperioden 01.01.2025 – 31.12.2031 ligger ikke innenfor tillatelsens periode 01.01.2025 – 31.12.2029',
    ]);
    await assignAndComplete(check, caseworker, { withinDecision: 'no', updateCheckNotes: 'Ny kilde og nye variabler: endringssøknad.', hoursSpent: 1 });

    await findUserTask(processInstanceId, 'legal-assessment');
    expect(await h.db('applications').where({ id }).first()).toMatchObject({ application_type: 'change', deciding_body: 'HDS', routing_rule: 'central-register' });
    expect((await auditEvent(h, id, 'converted-to-change')).detail).toEqual({ from: 'data-update', reason: 'Ny kilde og nye variabler: endringssøknad.' });
    // The case itself says why it changed type.
    expect((await caseView(h, id)).typeChange).toEqual({ from: 'data-update', reason: 'Ny kilde og nye variabler: endringssøknad.', changedAt: expect.any(String) });
    expect(await caseRow(h, 'decisions', id)).toBeUndefined();

    await assess(processInstanceId, 'grant', 2);
    await decide(processInstanceId, { outcome: 'grant', dispensationGranted: true });
    // The normal price: several sources, NOK 3,000 plus 2 hours at NOK 1,155.
    const invoice = await eventually(() => caseRow(h, 'invoices', id), { what: 'the invoice' });
    expect(invoice).toMatchObject({ base_fee_nok: 3000, hourly_rate_nok: 1155, hours_billed: 2, amount_nok: 5310, exemption: null });

    const path = await recordPath(process, processInstanceId, 'issue-invoice');
    for (const element of ['check-update-scope', 'change-merge', 'convert-to-change-application', 'jurisdiction-merge', 'determine-jurisdiction', 'case-handling']) expect(path.has(element), element).toBe(true);
    expect(path.has('record-update-decision')).toBe(false);
  });

  it.each([
    ['names no case of the service', 'HDS-2020-99999', 'Helsedataservice har ingen sak med saksnummer HDS-2020-99999.'],
    ['names a case that is not decided yet', 'pending', 'har ikke fått vedtak ennå.'],
  ])('sends a data update that %s to the completeness check with the reason, and on as a change application', async (_name, given, reason) => {
    let reference = given;
    if (given === 'pending') reference = (await h.db('applications').where({ id: (await startCase(h, research)).id }).first()).reference;
    const { id, processInstanceId } = await startCase(h, update(reference));
    const shown = await referenceCheck(processInstanceId);
    expect(shown.valid).toBe(false);
    expect(shown.problem).toContain(reason);
    expect((await auditEvent(h, id, 'earlier-decision-checked')).detail).toEqual({ reference, valid: false, problem: shown.problem });

    await passCompleteness(processInstanceId);
    await findUserTask(processInstanceId, 'legal-assessment');
    expect((await h.db('applications').where({ id }).first()).application_type).toBe('change');
    const path = await recordPath(process, processInstanceId, 'start-statutory-clock');
    expect(path.has('convert-to-change-application') && path.has('determine-jurisdiction')).toBe(true);
    expect(path.has('check-update-scope')).toBe(false);
  });

  it('shows the caseworker a reference to another body\'s decision as given, and a malformed HDS reference as a problem', async () => {
    const other = await startCase(h, { ...research, applicationType: 'change', earlierDecisionReference: 'Kreftregisteret 2021/123' });
    expect(await referenceCheck(other.processInstanceId)).toEqual({
      valid: false,
      check: 'Kreftregisteret 2021/123 (vedtak fra et annet organ, vist slik søker oppga det; ikke kontrollert)',
      problem: '',
    });
    const malformed = await startCase(h, { ...research, applicationType: 'change', earlierDecisionReference: 'HDS-25-42' });
    expect(await referenceCheck(malformed.processInstanceId)).toMatchObject({ valid: false, problem: '«HDS-25-42» er ikke et saksnummer fra Helsedataservice. Saksnummer har formen HDS-ÅÅÅÅ-NNNNN.' });
    // A change application to a granting HDS decision needs nothing clarified.
    const change = await startCase(h, { ...research, applicationType: 'change', earlierDecisionReference: granted.toLowerCase() });
    expect(await referenceCheck(change.processInstanceId)).toMatchObject({ valid: true, problem: '' });
  });
});
