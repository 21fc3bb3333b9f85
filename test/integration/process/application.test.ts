// Every path through the application process, on the real engine and database. Each test
// drives one case as caseworkers, applicants and custodians would, then checks the path the
// engine took and what the case file holds. The engine has no clock to move: a timer is
// checked by its job's due date, which must be the deadline the worker computed and stored,
// and then fired.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rules, workingDaysAfter } from '../../../domain/deadlines.ts';
import { typedVariables } from '../../../platform/engine-variables.ts';
import { recordPath } from '../coverage.ts';
import { assignAndComplete, engine, engineAs, findTimer, findUserTask, fireTimer, flowNodes, waitForElement, waitForMessageSubscription, waitForProcessInstanceState, type Job } from '../engine.ts';
import { eventually, postToCase, startCase, startHarness, type Harness } from '../harness.ts';
import { senderOf } from '../auth.ts';
import { approver, assess, auditEvent as latestAuditEvent, caseRow, caseView, caseworker, decide, passCompleteness, processVariable, recordedStep, research, secondCaseworker, source, status as caseStatus, steps as caseSteps } from './case-steps.ts';

// A member of both groups: the engine lets them decide the case they assessed, the model must not.
const assessorAndApprover = 'allrounder';
const process = 'hds-application';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const row = (table: string, applicationId: string) => caseRow(h, table, applicationId);
const status = (id: string) => caseStatus(h, id);
const stepRecorded = (applicationId: string, step: string) => recordedStep(h, applicationId, step);
const auditEvent = (applicationId: string, step: string) => latestAuditEvent(h, applicationId, step);

// The timer waits for exactly the deadline the case file holds, and for the process variable
// the worker set from it.
async function expectTimerAt(job: Job, deadline: Date | string, processInstanceId: string, variable: string) {
  const expected = new Date(deadline).toISOString();
  expect(new Date(job.dueDate!).toISOString()).toBe(expected);
  expect(new Date(String(await processVariable(processInstanceId, variable))).toISOString()).toBe(expected);
}

// How often the instance entered an element, in the order of the engine's history.
async function visits(processInstanceId: string, activityId: string) {
  return (await flowNodes(processInstanceId)).filter((n) => n.activityId === activityId).length;
}

// Completes the completeness check as incomplete and returns the request the worker recorded.
async function requestSupplement(id: string, processInstanceId: string, missingItems: string) {
  await assignAndComplete(await findUserTask(processInstanceId, 'check-completeness'), caseworker, { isComplete: 'no', missingItems });
  await stepRecorded(id, 'supplement-requested');
  return auditEvent(id, 'supplement-requested');
}

// Lets the supplement deadline pass: the timer is due at the deadline of the request.
async function passSupplementDeadline(id: string, processInstanceId: string, request: { detail: { dueAt: string } }) {
  const timer = await findTimer(processInstanceId, 'supplement-due');
  await expectTimerAt(timer, request.detail.dueAt, processInstanceId, 'supplementDueAt');
  await fireTimer(timer);
  await stepRecorded(id, 'supplement-reminded');
  return auditEvent(id, 'supplement-reminded');
}

describe('application process', { timeout: 180_000 }, () => {
  it('grants with dispensation, invoices, orders from each custodian and closes when all have delivered', async () => {
    const { id, processInstanceId } = await startCase(h, research);
    await passCompleteness(processInstanceId);
    await assess(processInstanceId);
    await decide(processInstanceId, {
      outcome: 'grant',
      dispensationGranted: true,
      conditions: 'Data slettes ved prosjektslutt.',
    });

    await waitForElement(processInstanceId, 'send-custodian-order', 'COMPLETED');
    const orders = await eventually(async () => {
      const sent = await h.db('custodian_orders').where({ application_id: id }).whereNotNull('sent_at').orderBy('custodian_id');
      return sent.length === 2 ? sent : undefined;
    }, { what: 'both orders to be sent' });
    expect(orders.map((o) => [o.custodian_id, o.register_ids])).toEqual([['DMP', ['BIVIRK']], ['FHI', ['MFR']]]);

    // The custodians deliver in the opposite order of the orders.
    await waitForMessageSubscription(processInstanceId, 'delivery-confirmed', 2);
    await postToCase(h, `/applications/${id}/orders/FHI/delivery`, { analysisEnvironment: 'TSD' });
    await stepRecorded(id, 'order-delivered:FHI');
    expect(await status(id)).toBe('awaiting-delivery');
    await postToCase(h, `/applications/${id}/orders/DMP/delivery`, { analysisEnvironment: 'TSD' });
    await waitForProcessInstanceState(processInstanceId, 'COMPLETED');

    const application = await h.db('applications').where({ id }).first();
    expect(application).toMatchObject({ status: 'closed', deciding_body: 'HDS', routing_rule: 'central-register' });
    expect(await row('deadlines', id)).toMatchObject({ working_days: 60 }); // linked sources
    expect(await row('assessments', id)).toMatchObject({ assessed_by: caseworker, recommendation: 'grant', hours_spent: '3.50' });
    expect(await row('decisions', id)).toMatchObject({ decided_by_body: 'HDS', decided_by: approver, outcome: 'grant', dispensation_granted: true });
    expect((await row('decisions', id)).letter_sent_at).not.toBeNull();
    // Several sources: NOK 3,000 plus 4 started hours at NOK 1,155.
    expect(await row('invoices', id)).toMatchObject({ base_fee_nok: 3000, hourly_rate_nok: 1155, hours_billed: 4, amount_nok: 7620, exemption: null });
    expect(await h.db('custodian_orders').where({ application_id: id }).whereNull('delivered_at')).toEqual([]);
    expect(await h.db('custodian_orders').where({ application_id: id }).orderBy('custodian_id').pluck('state')).toEqual(['delivered', 'delivered']);
    const trail = await caseSteps(h, id);
    // The permit is created (and its process queued) between the invoice and the orders.
    expect(trail.slice(0, 14)).toEqual([
      'received', 'registered', 'earlier-decision-checked', 'public-summary-approved', 'routed', 'rek-checked', 'statutory-clock-started',
      'assessed', 'decided', 'invoiced', 'decision-letter-sent', 'permit-created', 'permit-granted', 'orders-created',
    ]);
    expect(trail.slice(14, 16).sort()).toEqual(['order-sent:DMP', 'order-sent:FHI']);
    // Each confirmation delivers its order at once, with the message for the process; the
    // process's record-delivery finds it delivered and records nothing twice.
    expect(trail.slice(16)).toEqual(['delivery-confirmed', 'order-delivered:FHI', 'delivery-confirmed', 'order-delivered:DMP', 'closed']);

    const path = await recordPath(process, processInstanceId, 'case-closed');
    // Granted: from the outcome gateway on to the orders (the history holds flow nodes, not flows).
    for (const element of ['determine-jurisdiction', 'check-rek-requirement', 'case-handling', 'determine-fee', 'outcome-gateway', 'orders-merge', 'custodian-hand-off']) {
      expect(path.has(element), element).toBe(true);
    }
    expect(path.has('request-supplement')).toBe(false);
    expect(path.has('closed-refused')).toBe(false);
    // One hand-off per custodian, each ending in its delivery.
    expect(await visits(processInstanceId, 'send-custodian-order')).toBe(2);
    expect(await visits(processInstanceId, 'order-delivered')).toBe(2);
  });

  it('sends a decision the assessor made back to the approvers, then closes a refusal with its fee', async () => {
    const { id, processInstanceId } = await startCase(h, research);
    await passCompleteness(processInstanceId);
    await assess(processInstanceId, 'refusal', 1, assessorAndApprover);
    // The engine refuses the assessor the decision task (test/integration/engine/four-eyes.test.ts);
    // one completed past it, by an administrator without claiming it, meets the worker's check.
    // It grants what the assessor proposed to refuse.
    const decision = await findUserTask(processInstanceId, 'make-decision');
    const granting = { source1Decision: 'granted', source2Decision: 'granted', conditions: 'Vilkår fra feil person.' };
    await expect(assignAndComplete(decision, assessorAndApprover, granting)).rejects.toThrow(/fire øyne-prinsippet/);
    // A process variable anyone with Cockpit's rights can edit does not name the assessor: the case file does.
    await engine.call('PUT', `/process-instance/${processInstanceId}/variables/assessedBy`, { value: approver, type: 'String' });
    await engineAs('demo').call('POST', `/task/${decision.id}/complete`, { variables: typedVariables(granting) });
    await stepRecorded(id, 'decision-refused-four-eyes');
    expect(await row('decisions', id)).toBeUndefined();
    // Back at the decision form: why, in Norwegian, and the choices back at the caseworker's proposal.
    await eventually(async () => (await processVariable(processInstanceId, 'decisionProblem')) || undefined, { what: 'the reason on the decision form' });
    expect(await processVariable(processInstanceId, 'decisionProblem')).toMatch(/^Vedtaket må fattes av en beslutter som har tatt oppgaven, og ikke av den som gjorde den juridiske vurderingen \(allrounder\)\./);
    expect(await processVariable(processInstanceId, 'source1Decision')).toBe('refused');
    expect(await processVariable(processInstanceId, 'conditions')).toBe('');

    await decide(processInstanceId, {}, approver);
    await waitForProcessInstanceState(processInstanceId, 'COMPLETED');
    const [problem] = await engine.call<{ value: unknown }[]>('GET', `/history/variable-instance?processInstanceId=${processInstanceId}&variableName=decisionProblem`);
    expect(problem?.value).toBeNull();
    expect(await row('assessments', id)).toMatchObject({ assessed_by: assessorAndApprover });
    expect(await row('decisions', id)).toMatchObject({ decided_by: approver, outcome: 'refusal' });
    expect(await row('invoices', id)).toMatchObject({ amount_nok: 3000 + 1155 });
    expect(await h.db('custodian_orders').where({ application_id: id })).toEqual([]);
    // A refusal closes the case: nothing is left to do but a possible appeal.
    expect(await status(id)).toBe('closed');

    const path = await recordPath(process, processInstanceId, 'closed-refused');
    expect(path.has('close-refused-case')).toBe(true);
    // The four-eyes error took the case back through the merge to a second decision task.
    expect(path.has('same-person')).toBe(true);
    expect(await visits(processInstanceId, 'make-decision')).toBe(2);
    expect(await visits(processInstanceId, 'decision-merge')).toBe(2);
    expect(path.has('orders-merge')).toBe(false);
  });

  it('asks for what is missing and assesses the application again when the applicant supplies it', async () => {
    const { id, processInstanceId } = await startCase(h, research);
    const request = await requestSupplement(id, processInstanceId, 'Variabelliste for MFR');
    expect(await status(id)).toBe('awaiting-supplement');
    expect(request.detail.missing).toBe('Variabelliste for MFR');

    await waitForMessageSubscription(processInstanceId, 'supplement-received');
    await postToCase(h, `/applications/${id}/supplements`, { note: 'Variabelliste vedlagt' });
    // The supplement puts the case back at the completeness check at once, and answers the request.
    expect(await caseView(h, id)).toMatchObject({ status: 'registered', stage: 'completeness-check', deadlines: { supplementDueAt: null } });
    expect(await row('supplement_requests', id)).toMatchObject({ missing: 'Variabelliste for MFR', answered_at: expect.any(Date) });
    // A second supplement finds no request open: refused, naming the state, and nothing written
    // (the case's own process moves on meanwhile, so only what a supplement writes is counted).
    const supplementWrites = async () => ({
      messages: (await h.db('outbox').where({ application_id: id }).whereRaw("payload->>'name' = ?", ['supplement-received'])).length,
      steps: (await h.db('audit_events').where({ application_id: id }).andWhere('step', 'like', 'supplement-received:%')).length,
      journal: (await h.db('journal_entries').where({ application_id: id, entry_type: 'I' })).length,
    });
    const before = await supplementWrites();
    const second = await h.app.inject({ method: 'POST', url: `/applications/${id}/supplements`, payload: { note: 'En gang til' }, headers: senderOf(`/applications/${id}/supplements`) });
    expect(second.statusCode).toBe(409);
    expect(second.json().detail).toContain('The case is registered');
    expect(await supplementWrites()).toEqual(before);
    // Any caseworker may take the check again, not only the one who asked.
    await passCompleteness(processInstanceId, {}, secondCaseworker);
    await findUserTask(processInstanceId, 'legal-assessment');
    expect(await status(id)).toBe('in-assessment');

    const path = await recordPath(process, processInstanceId, 'start-statutory-clock');
    expect(path.has('supplement-received')).toBe(true);
    expect(path.has('supplement-due')).toBe(false);
    // From the supplement back to the completeness check.
    const order = (await flowNodes(processInstanceId)).map((n) => n.activityId);
    expect(order.indexOf('supplement-received')).toBeLessThan(order.lastIndexOf('check-completeness'));
    expect(await visits(processInstanceId, 'check-completeness')).toBe(2);
  });

  it('rejects the application when nothing arrives within 10 working days and 5 more after a reminder', async () => {
    const { id, processInstanceId } = await startCase(h, research);
    const request = await requestSupplement(id, processInstanceId, 'Protokoll');
    expect(new Date(request.detail.dueAt).toISOString()).toBe(workingDaysAfter(request.occurred_at, rules.supplementWorkingDays).toISOString());

    const reminder = await passSupplementDeadline(id, processInstanceId, request);
    // The reminder gives 5 working days from the day it is sent. (Fired early, it is sent
    // before the first deadline, so its deadline is not later than the first one here.)
    expect(new Date(reminder.detail.dueAt).toISOString()).toBe(workingDaysAfter(reminder.occurred_at, rules.reminderWorkingDays).toISOString());

    const reminderTimer = await findTimer(processInstanceId, 'reminder-due');
    await expectTimerAt(reminderTimer, reminder.detail.dueAt, processInstanceId, 'reminderDueAt');
    await fireTimer(reminderTimer);
    await waitForProcessInstanceState(processInstanceId, 'COMPLETED');
    expect(await status(id)).toBe('rejected');
    const rejected = await h.db('audit_events').where({ application_id: id, step: 'rejected' }).first();
    expect(rejected.detail.appealDeadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await row('decisions', id)).toMatchObject({ outcome: 'rejection', decided_by_body: 'HDS' });
    // The rejection letter went out with the rejection.
    const letter = await h.db('documents').where({ application_id: id, step: 'rejection' }).first();
    expect((await caseView(h, id)).decision.letterSentAt).toBe(new Date(letter.created_at).toISOString());
    await recordPath(process, processInstanceId, 'application-rejected');
  });

  it('takes a supplement that arrives after the reminder', async () => {
    const { id, processInstanceId } = await startCase(h, research);
    const request = await requestSupplement(id, processInstanceId, 'Samtykkeskjema');
    const reminder = await passSupplementDeadline(id, processInstanceId, request);
    expect(await status(id)).toBe('awaiting-supplement');
    // The case shows the reminder's deadline, not the first one.
    expect((await caseView(h, id)).deadlines.supplementDueAt).toBe(new Date(reminder.detail.dueAt).toISOString());

    await waitForMessageSubscription(processInstanceId, 'supplement-received');
    await postToCase(h, `/applications/${id}/supplements`, { note: 'Samtykkeskjema vedlagt' });
    await passCompleteness(processInstanceId);
    await findUserTask(processInstanceId, 'legal-assessment');
    const path = await recordPath(process, processInstanceId, 'start-statutory-clock');
    expect(path.has('supplement-received-after-reminder')).toBe(true);
    expect(path.has('reject-application')).toBe(false);
    const order = (await flowNodes(processInstanceId)).map((n) => n.activityId);
    expect(order.indexOf('supplement-received-after-reminder')).toBeLessThan(order.lastIndexOf('check-completeness'));
    // The supplement ended the wait: no rejection timer is left.
    expect(await engine.call('GET', `/job?processInstanceId=${processInstanceId}&activityId=reminder-due`)).toEqual([]);
  });

  it('assesses a change application like a new one, from the completeness check', async () => {
    const { id, processInstanceId } = await startCase(h, { ...research, applicationType: 'change', earlierDecisionReference: 'HDS-2025-00042' });
    await passCompleteness(processInstanceId);
    await findUserTask(processInstanceId, 'legal-assessment');
    expect(await h.db('applications').where({ id }).first()).toMatchObject({ status: 'in-assessment', deciding_body: 'HDS' });
    const path = await recordPath(process, processInstanceId, 'start-statutory-clock');
    // The type gateway's default flow leads to the completeness check, not to the orders.
    expect(path.has('completeness-merge') && path.has('check-completeness')).toBe(true);
    expect(path.has('orders-merge')).toBe(false);
  });

  it('asks for REK approval when a research application lacks it', async () => {
    const { id, processInstanceId } = await startCase(h, { ...research, dataKind: 'indirectly-identifiable', rekReference: undefined });
    await passCompleteness(processInstanceId);
    await stepRecorded(id, 'supplement-requested');
    const request = await auditEvent(id, 'supplement-requested');
    expect(request.detail.missing).toBe('Forhåndsgodkjenning fra REK');
    expect(await status(id)).toBe('awaiting-supplement');
    const path = await recordPath(process, processInstanceId, 'request-supplement');
    // From the REK gateway to the supplement request, not on to the statutory clock.
    expect(path.has('rek-gateway') && path.has('supplement-merge')).toBe(true);
    expect(path.has('start-statutory-clock')).toBe(false);
  });

  it('forwards a case REK decides and closes it with REK\'s decision', async () => {
    const { id, processInstanceId } = await startCase(h, { ...research, dataSources: [source('NDR')] });
    await passCompleteness(processInstanceId);
    await stepRecorded(id, 'forwarded');
    expect(await h.db('applications').where({ id }).first()).toMatchObject({ status: 'forwarded', deciding_body: 'REK', routing_rule: 'rek-research' });

    await waitForMessageSubscription(processInstanceId, 'external-decision-received');
    await postToCase(h, `/applications/${id}/external-decision`, { outcome: 'grant', reference: 'REK 2026/777' });
    await waitForProcessInstanceState(processInstanceId, 'COMPLETED');
    expect(await row('decisions', id)).toMatchObject({ decided_by_body: 'REK', outcome: 'grant', external_reference: 'REK 2026/777' });
    expect(await status(id)).toBe('closed');
    await recordPath(process, processInstanceId, 'closed-by-other-body');
  });

  it.each([
    ['a custodian under the § 10 exception', { dataSources: [source('KREFT')] }, { custodianException: true }, 'CUSTODIAN', 'custodian-exception'],
    ['Helsedirektoratet for treatment registers only', { project: { ...research.project, purposeCategory: 'planning' }, dataSources: [source('PASIENTJOURNAL')] }, {}, 'HELSEDIREKTORATET', 'hdir-treatment-only'],
  ])('forwards a case %s decides', async (_name, changes, completeness, body, rule) => {
    const { id, processInstanceId } = await startCase(h, { ...research, ...changes });
    await passCompleteness(processInstanceId, completeness);
    await stepRecorded(id, 'forwarded');
    expect(await h.db('applications').where({ id }).first()).toMatchObject({ status: 'forwarded', deciding_body: body, routing_rule: rule });
    await recordPath(process, processInstanceId, 'forward-application');
  });

  it('warns five working days before the statutory deadline and records the breach when it passes', async () => {
    const { id, processInstanceId } = await startCase(h, { ...research, linkage: { requested: false } });
    await passCompleteness(processInstanceId);
    const assessment = await findUserTask(processInstanceId, 'legal-assessment');
    const deadline = await row('deadlines', id);
    expect(deadline.working_days).toBe(30);
    // The caseworker's task is due at the statutory deadline.
    expect(new Date(assessment.due!).toISOString()).toBe(new Date(deadline.due_at).toISOString());

    const warning = await findTimer(processInstanceId, 'statutory-deadline-near');
    await expectTimerAt(warning, deadline.warn_at, processInstanceId, 'statutoryWarningAt');
    await fireTimer(warning);
    await eventually(async () => (await row('deadlines', id)).warned_at, { what: 'the deadline warning' });
    expect((await row('deadlines', id)).breached_at).toBeNull();
    await waitForElement(processInstanceId, 'deadline-warned');

    const breach = await findTimer(processInstanceId, 'statutory-deadline-passed');
    await expectTimerAt(breach, deadline.due_at, processInstanceId, 'statutoryDeadline');
    await fireTimer(breach);
    await eventually(async () => (await row('deadlines', id)).breached_at, { what: 'the recorded breach' });
    // The case goes on: the assessment is still open.
    expect((await findUserTask(processInstanceId, 'legal-assessment')).id).toBe(assessment.id);
    expect(await caseSteps(h, id)).toEqual(expect.arrayContaining(['statutory-deadline-warned', 'statutory-deadline-breached']));
    await recordPath(process, processInstanceId, 'deadline-breached');
  });
});
