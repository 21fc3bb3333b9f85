// Every path through the application process, on the real engine and database. Each test
// drives one case as caseworkers, applicants and custodians would, then checks the path the
// engine took and what the case file holds. Timers are driven by the engine's clock.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { recordPath } from '../coverage.ts';
import { assignAndComplete, findUserTask, pinClock, publishMessage, resetClock, waitForElement, waitForProcessInstanceState } from '../engine.ts';
import { eventually, postToCase, startCase, startHarness, validSubmission, type Harness } from '../harness.ts';

const caseworker = 'kari.saksbehandler';
const approver = 'ola.beslutter';
const process = 'hds-application';

const source = (registerId: string) => ({ registerId, variables: ['variabel'], period: { startDate: '2010-01-01', endDate: '2024-12-31' } });

// Research on identifiable data from two registers held by two custodians, linked.
const research = { ...validSubmission, dataSources: [source('MFR'), source('BIVIRK')] };

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterEach(async () => resetClock());
afterAll(async () => h?.close());

const row = (table: string, applicationId: string) => h.db(table).where({ application_id: applicationId }).first();
const steps = async (applicationId: string) =>
  (await h.db('audit_events').where({ application_id: applicationId }).orderBy('id').pluck('step')).map((s: string) => s.replace(/:(\d+|[0-9a-f-]{36})$/, ''));
const status = async (id: string) => (await h.db('applications').where({ id }).first()).status;
const oneMinuteAfter = (at: Date | string) => new Date(new Date(at).getTime() + 60_000);

async function passCompleteness(processInstanceKey: string, variables: Record<string, unknown> = {}) {
  await assignAndComplete(await findUserTask(processInstanceKey, 'check-completeness'), caseworker, { isComplete: 'yes', ...variables });
}

async function assess(processInstanceKey: string, recommendation = 'grant', hoursSpent = 3.5) {
  await assignAndComplete(await findUserTask(processInstanceKey, 'legal-assessment'), caseworker, {
    recommendation,
    hoursSpent,
    confidentialityBasis: 'dispensation',
    legalBasisConfirmed: true,
  });
}

async function stepRecorded(applicationId: string, step: string) {
  return eventually(async () => (await steps(applicationId)).includes(step), { what: `audit step ${step}` });
}

describe('application process', { timeout: 180_000 }, () => {
  it('grants with dispensation, invoices, orders from each custodian and closes when all have delivered', async () => {
    const { id, processInstanceKey } = await startCase(h, research);
    await passCompleteness(processInstanceKey);
    await assess(processInstanceKey);
    await assignAndComplete(await findUserTask(processInstanceKey, 'make-decision'), approver, {
      outcome: 'grant',
      dispensationGranted: true,
      conditions: 'Data slettes ved prosjektslutt.',
    });

    await waitForElement(processInstanceKey, 'send-custodian-order', 'COMPLETED');
    const orders = await eventually(async () => {
      const sent = await h.db('custodian_orders').where({ application_id: id }).whereNotNull('sent_at').orderBy('custodian_id');
      return sent.length === 2 ? sent : undefined;
    }, { what: 'both orders to be sent' });
    expect(orders.map((o) => [o.custodian_id, o.register_ids])).toEqual([['DMP', ['BIVIRK']], ['FHI', ['MFR']]]);

    // The custodians deliver in the opposite order of the orders.
    await postToCase(h, `/applications/${id}/orders/FHI/delivery`, { analysisEnvironment: 'TSD' });
    await stepRecorded(id, 'delivered:FHI');
    expect(await status(id)).toBe('awaiting-delivery');
    await postToCase(h, `/applications/${id}/orders/DMP/delivery`, { analysisEnvironment: 'TSD' });
    await waitForProcessInstanceState(process, processInstanceKey, 'COMPLETED');

    const application = await h.db('applications').where({ id }).first();
    expect(application).toMatchObject({ status: 'closed', deciding_body: 'HDS', routing_rule: 'central-register' });
    expect(await row('deadlines', id)).toMatchObject({ working_days: 60 }); // linked sources
    expect(await row('assessments', id)).toMatchObject({ assessed_by: caseworker, recommendation: 'grant', hours_spent: '3.50' });
    expect(await row('decisions', id)).toMatchObject({ decided_by_body: 'HDS', decided_by: approver, outcome: 'grant', dispensation_granted: true });
    expect((await row('decisions', id)).letter_sent_at).not.toBeNull();
    // Several sources: NOK 3,000 plus 4 started hours at NOK 1,155.
    expect(await row('invoices', id)).toMatchObject({ base_fee_nok: 3000, hourly_rate_nok: 1155, hours_billed: 4, amount_nok: 7620, exemption: null });
    expect(await h.db('custodian_orders').where({ application_id: id }).whereNull('delivered_at')).toEqual([]);
    const trail = await steps(id);
    expect(trail.slice(0, 10)).toEqual([
      'received', 'registered', 'routed', 'rek-checked', 'statutory-clock-started',
      'assessed', 'decided', 'decision-letter-sent', 'invoiced', 'orders-created',
    ]);
    expect(trail.slice(10, 12).sort()).toEqual(['order-sent:DMP', 'order-sent:FHI']);
    expect(trail.slice(12)).toEqual(['delivery-confirmed', 'delivered:FHI', 'delivery-confirmed', 'delivered:DMP', 'closed']);

    const path = await recordPath(process, processInstanceKey, 'case-closed');
    for (const element of ['determine-jurisdiction', 'check-rek-requirement', 'case-handling', 'determine-fee', 'custodian-hand-off', 'flow-granted']) {
      expect(path.has(element), element).toBe(true);
    }
    expect(path.has('request-supplement')).toBe(false);
  });

  it('sends a decision the assessor made back to the approvers, then closes a refusal with its fee', async () => {
    const { id, processInstanceKey } = await startCase(h, research);
    await passCompleteness(processInstanceKey);
    await assess(processInstanceKey, 'refusal', 1);
    await assignAndComplete(await findUserTask(processInstanceKey, 'make-decision'), caseworker, { outcome: 'refusal' });
    await stepRecorded(id, 'decision-refused-four-eyes');
    expect(await row('decisions', id)).toBeUndefined();

    await assignAndComplete(await findUserTask(processInstanceKey, 'make-decision'), approver, { outcome: 'refusal' });
    await waitForProcessInstanceState(process, processInstanceKey, 'COMPLETED');
    expect(await row('decisions', id)).toMatchObject({ decided_by: approver, outcome: 'refusal' });
    expect(await row('invoices', id)).toMatchObject({ amount_nok: 3000 + 1155 });
    expect(await h.db('custodian_orders').where({ application_id: id })).toEqual([]);
    expect(await status(id)).toBe('decided');

    const path = await recordPath(process, processInstanceKey, 'closed-refused');
    expect(path.has('same-person') && path.has('flow-same-person') && path.has('flow-refused')).toBe(true);
  });

  it('asks for what is missing and assesses the application again when the applicant supplies it', async () => {
    const { id, processInstanceKey } = await startCase(h, research);
    await assignAndComplete(await findUserTask(processInstanceKey, 'check-completeness'), caseworker, {
      isComplete: 'no',
      missingItems: 'Variabelliste for MFR',
    });
    await stepRecorded(id, 'supplement-requested');
    expect(await status(id)).toBe('awaiting-supplement');
    const request = await h.db('audit_events').where({ application_id: id }).where('step', 'like', 'supplement-requested:%').first();
    expect(request.detail.missing).toBe('Variabelliste for MFR');

    await postToCase(h, `/applications/${id}/supplements`, { note: 'Variabelliste vedlagt' });
    await passCompleteness(processInstanceKey);
    await findUserTask(processInstanceKey, 'legal-assessment');
    expect(await status(id)).toBe('in-assessment');

    const path = await recordPath(process, processInstanceKey, 'start-statutory-clock');
    expect(path.has('supplement-received') && path.has('flow-supplement-received')).toBe(true);
  });

  it('rejects the application when nothing arrives within 10 working days and 5 more after a reminder', async () => {
    const { id, processInstanceKey } = await startCase(h, research);
    await assignAndComplete(await findUserTask(processInstanceKey, 'check-completeness'), caseworker, { isComplete: 'no', missingItems: 'Protokoll' });
    await stepRecorded(id, 'supplement-requested');
    const request = await h.db('audit_events').where({ application_id: id }).where('step', 'like', 'supplement-requested:%').first();

    await pinClock(oneMinuteAfter(request.detail.dueAt));
    await stepRecorded(id, 'supplement-reminded');
    const reminder = await h.db('audit_events').where({ application_id: id }).where('step', 'like', 'supplement-reminded:%').first();
    expect(new Date(reminder.detail.dueAt).getTime()).toBeGreaterThan(new Date(request.detail.dueAt).getTime());

    await pinClock(oneMinuteAfter(reminder.detail.dueAt));
    await waitForProcessInstanceState(process, processInstanceKey, 'COMPLETED');
    expect(await status(id)).toBe('rejected');
    const rejected = await h.db('audit_events').where({ application_id: id, step: 'rejected' }).first();
    expect(rejected.detail.appealDeadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await recordPath(process, processInstanceKey, 'application-rejected');
  });

  it('takes a supplement that arrives after the reminder', async () => {
    const { id, processInstanceKey } = await startCase(h, research);
    await assignAndComplete(await findUserTask(processInstanceKey, 'check-completeness'), caseworker, { isComplete: 'no', missingItems: 'Samtykkeskjema' });
    await stepRecorded(id, 'supplement-requested');
    const request = await h.db('audit_events').where({ application_id: id }).where('step', 'like', 'supplement-requested:%').first();
    await pinClock(oneMinuteAfter(request.detail.dueAt));
    await stepRecorded(id, 'supplement-reminded');

    await publishMessage('supplement-received', id, { supplementNote: 'Samtykkeskjema vedlagt' });
    await passCompleteness(processInstanceKey);
    await findUserTask(processInstanceKey, 'legal-assessment');
    const path = await recordPath(process, processInstanceKey, 'start-statutory-clock');
    expect(path.has('supplement-received-after-reminder') && path.has('flow-supplement-after-reminder')).toBe(true);
    expect(path.has('reject-application')).toBe(false);
  });

  it('assesses a change application like a new one, from the completeness check', async () => {
    const { id, processInstanceKey } = await startCase(h, { ...research, applicationType: 'change', earlierDecisionReference: 'HDS-2025-00042' });
    await passCompleteness(processInstanceKey);
    await findUserTask(processInstanceKey, 'legal-assessment');
    expect(await h.db('applications').where({ id }).first()).toMatchObject({ status: 'in-assessment', deciding_body: 'HDS' });
    const path = await recordPath(process, processInstanceKey, 'start-statutory-clock');
    expect(path.has('flow-type-assess') && !path.has('flow-type-update')).toBe(true);
  });

  it('asks for REK approval when a research application lacks it', async () => {
    const { id, processInstanceKey } = await startCase(h, { ...research, dataKind: 'indirectly-identifiable', rekReference: undefined });
    await passCompleteness(processInstanceKey);
    await stepRecorded(id, 'supplement-requested');
    const request = await h.db('audit_events').where({ application_id: id }).where('step', 'like', 'supplement-requested:%').first();
    expect(request.detail.missing).toBe('Forhåndsgodkjenning fra REK');
    expect(await status(id)).toBe('awaiting-supplement');
    const path = await recordPath(process, processInstanceKey, 'request-supplement');
    expect(path.has('flow-rek-missing')).toBe(true);
  });

  it('forwards a case REK decides and closes it with REK\'s decision', async () => {
    const { id, processInstanceKey } = await startCase(h, { ...research, dataSources: [source('NDR')] });
    await passCompleteness(processInstanceKey);
    await stepRecorded(id, 'forwarded');
    expect(await h.db('applications').where({ id }).first()).toMatchObject({ status: 'forwarded', deciding_body: 'REK', routing_rule: 'rek-research' });

    await postToCase(h, `/applications/${id}/external-decision`, { outcome: 'grant', reference: 'REK 2026/777' });
    await waitForProcessInstanceState(process, processInstanceKey, 'COMPLETED');
    expect(await row('decisions', id)).toMatchObject({ decided_by_body: 'REK', outcome: 'grant', external_reference: 'REK 2026/777' });
    expect(await status(id)).toBe('closed');
    await recordPath(process, processInstanceKey, 'closed-by-other-body');
  });

  it.each([
    ['a custodian under the § 10 exception', { dataSources: [source('KREFT')] }, { custodianException: true }, 'CUSTODIAN', 'custodian-exception'],
    ['Helsedirektoratet for treatment registers only', { project: { ...research.project, purposeCategory: 'planning' }, dataSources: [source('PASIENTJOURNAL')] }, {}, 'HELSEDIREKTORATET', 'hdir-treatment-only'],
  ])('forwards a case %s decides', async (_name, changes, completeness, body, rule) => {
    const { id, processInstanceKey } = await startCase(h, { ...research, ...changes });
    await passCompleteness(processInstanceKey, completeness);
    await stepRecorded(id, 'forwarded');
    expect(await h.db('applications').where({ id }).first()).toMatchObject({ status: 'forwarded', deciding_body: body, routing_rule: rule });
    await recordPath(process, processInstanceKey, 'forward-application');
  });

  it('warns five working days before the statutory deadline and records the breach when it passes', async () => {
    const { id, processInstanceKey } = await startCase(h, { ...research, linkage: { requested: false } });
    await passCompleteness(processInstanceKey);
    await findUserTask(processInstanceKey, 'legal-assessment');
    const deadline = await row('deadlines', id);
    expect(deadline.working_days).toBe(30);

    await pinClock(oneMinuteAfter(deadline.warn_at));
    await eventually(async () => (await row('deadlines', id)).warned_at, { what: 'the deadline warning' });
    expect((await row('deadlines', id)).breached_at).toBeNull();

    await pinClock(oneMinuteAfter(deadline.due_at));
    await eventually(async () => (await row('deadlines', id)).breached_at, { what: 'the recorded breach' });
    // The case goes on: the assessment is still open.
    await findUserTask(processInstanceKey, 'legal-assessment');
    await recordPath(process, processInstanceKey, 'record-deadline-breach');
  });

  it('sends a data update straight to the custodian, without an HDS fee, and escalates a late delivery', async () => {
    const { id, processInstanceKey } = await startCase(h, {
      ...research,
      applicationType: 'data-update',
      earlierDecisionReference: 'HDS-2025-00042',
      dataSources: [source('MFR'), source('NPR')],
    });
    await stepRecorded(id, 'order-sent:FHI');
    const [order] = await h.db('custodian_orders').where({ application_id: id });
    expect(order).toMatchObject({ custodian_id: 'FHI', register_ids: ['MFR', 'NPR'] }); // one order per custodian

    await pinClock(oneMinuteAfter(order.due_at));
    const followUp = await findUserTask(processInstanceKey, 'follow-up-delivery');
    await assignAndComplete(followUp, caseworker, { followUpNotes: 'Forvalter lover levering neste uke.' });
    await publishMessage('delivery-confirmed', `${id}/FHI`, { analysisEnvironment: 'SAFE' });
    await waitForProcessInstanceState(process, processInstanceKey, 'COMPLETED');

    expect(await status(id)).toBe('closed');
    expect(await row('invoices', id)).toBeUndefined();
    expect(await row('assessments', id)).toBeUndefined();
    const path = await recordPath(process, processInstanceKey, 'case-closed');
    expect(path.has('flow-type-update') && path.has('follow-up-delivery')).toBe(true);
  });
});
