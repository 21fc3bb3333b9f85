// What caseworkers, approvers and the case file do in the process tests, shared by the
// tests of each path through the application process.
import { expect } from 'vitest';
import { bearer } from '../auth.ts';
import { assignAndComplete, engine, findUserTask, waitForMessageSubscription, type HistoricProcessInstance } from '../engine.ts';
import { osloDay } from '../../../domain/working-days.ts';
import { eventually, postToCase, startCase, validSubmission, type Harness } from '../harness.ts';

export const caseworker = 'saksbehandler';
export const secondCaseworker = 'saksbehandler2';
export const approver = 'beslutter';

export const source = (registerId: string, variables = ['variabel']) => ({ registerId, variables, period: { startDate: '2010-01-01', endDate: '2024-12-31' } });

// Research on identifiable data from two registers held by two custodians, linked.
export const research = { ...validSubmission, dataSources: [source('MFR'), source('BIVIRK')] };

// A request for anonymised statistics from one register, not linked.
export const statisticsRequest = {
  ...research,
  applicationType: 'anonymous-statistics',
  project: { ...research.project, purposeCategory: 'statistics' },
  dataKind: 'anonymous',
  legalBasis: undefined,
  rekReference: undefined,
  dataSources: [source('MFR', ['svangerskapsdiabetes', 'fødselsår'])],
  linkage: { requested: false },
};

export async function processVariable(processInstanceId: string, name: string) {
  return (await engine.call<{ value: unknown }>('GET', `/process-instance/${processInstanceId}/variables/${name}`)).value;
}

export async function passCompleteness(processInstanceId: string, variables: Record<string, unknown> = {}, user = caseworker) {
  await assignAndComplete(await findUserTask(processInstanceId, 'check-completeness'), user, { isComplete: 'yes', ...variables });
}

// The source slots the forms show (prepare-assessment fills them), by register id.
export async function sourceSlots(processInstanceId: string): Promise<Map<string, number>> {
  const variables = await engine.call<Record<string, { value: unknown }>>('GET', `/process-instance/${processInstanceId}/variables`);
  const slots = new Map<string, number>();
  for (const [name, { value }] of Object.entries(variables)) {
    const slot = /^source(\d+)RegisterId$/.exec(name);
    if (slot && typeof value === 'string' && value) slots.set(value, Number(slot[1]));
  }
  return slots;
}

// What a caseworker submits on the assessment or decision form for a whole outcome: every
// source refused with a reason (refusal), or left as filled in (grant); a dispensation ticks
// every source's box. Other variables go as given.
export async function sourceChoices(processInstanceId: string, { outcome, dispensationGranted, ...rest }: Record<string, unknown>) {
  const choices: Record<string, unknown> = { ...rest };
  for (const slot of (await sourceSlots(processInstanceId)).values()) {
    if (outcome === 'refusal') Object.assign(choices, { [`source${slot}Decision`]: 'refused', [`source${slot}Reason`]: 'Vilkårene for tilgang er ikke oppfylt.' });
    if (dispensationGranted !== undefined) choices[`source${slot}Dispensation`] = dispensationGranted;
  }
  return choices;
}

export async function assess(processInstanceId: string, recommendation = 'grant', hoursSpent: unknown = 3.5, user = caseworker) {
  const task = await findUserTask(processInstanceId, 'legal-assessment');
  await assignAndComplete(task, user, await sourceChoices(processInstanceId, {
    outcome: recommendation,
    hoursSpent,
    confidentialityBasis: 'dispensation',
    legalBasisConfirmed: true,
  }));
}

export async function decide(processInstanceId: string, variables: Record<string, unknown>, user = approver) {
  const task = await findUserTask(processInstanceId, 'make-decision');
  await assignAndComplete(task, user, await sourceChoices(processInstanceId, variables));
}

// The audit steps of a case in order, without the external task id or custodian some steps end in.
export async function steps(h: Harness, applicationId: string): Promise<string[]> {
  const recorded: string[] = await h.db('audit_events').where({ application_id: applicationId }).orderBy('id').pluck('step');
  return recorded.map((s) => s.replace(/:(\d+|[0-9a-f-]{36})$/, ''));
}

export async function recordedStep(h: Harness, applicationId: string, step: string) {
  return eventually(async () => (await steps(h, applicationId)).includes(step), { what: `audit step ${step}` });
}

// The latest audit event whose step is `step` or starts with `step:`.
export function auditEvent(h: Harness, applicationId: string, step: string) {
  return h.db('audit_events').where({ application_id: applicationId }).where((q) => q.where('step', step).orWhere('step', 'like', `${step}:%`)).orderBy('id', 'desc').first();
}

export async function status(h: Harness, id: string): Promise<string> {
  return (await h.db('applications').where({ id }).first()).status;
}

export function caseRow(h: Harness, table: string, applicationId: string) {
  return h.db(table).where({ application_id: applicationId }).first();
}

// The case as a caseworker reads it over the API.
export async function caseView(h: Harness, id: string) {
  const res = await h.app.inject({ method: 'GET', url: `/applications/${id}`, headers: bearer('caseworker') });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

// Under EHDS, the cost estimate before the assessment: every custodian asked gives its
// estimate over the API, and the last one's message reaches the engine.
export async function giveCostEstimates(h: Harness, applicationId: string, amountNok = 25_000) {
  const requests = await eventually(async () => {
    const rows = await h.db('cost_estimate_requests').where({ application_id: applicationId }).orderBy('custodian_id');
    return rows.length > 0 ? rows : undefined;
  }, { what: `the cost estimate requests of ${applicationId}` });
  let messageId: string | null = null;
  for (const request of requests) {
    const res = await h.app.inject({
      method: 'POST',
      url: `/applications/${applicationId}/cost-estimates/${request.custodian_id}`,
      payload: { amountNok, description: `Uttrekk fra ${request.register_ids.join(', ')}` },
      headers: bearer('custodian', { custodianId: request.custodian_id }),
    });
    expect(res.statusCode, res.body).toBe(200);
    messageId = res.json().messageId;
  }
  expect(messageId).not.toBeNull();
  await eventually(
    async () => {
      await h.relay.relayDue();
      return h.db('outbox').whereRaw("payload->>'messageId' = ?", [messageId]).whereNotNull('relayed_at').first();
    },
    { what: `the estimates' message ${messageId} to reach the engine`, intervalMs: 500 },
  );
  return requests;
}

// The applicant's answer to the cost estimate, once it has been sent.
export async function answerCostEstimate(h: Harness, applicationId: string, answer: 'accept' | 'withdraw') {
  await eventually(() => caseRow(h, 'cost_estimates', applicationId), { what: `the cost estimate of ${applicationId} to be sent` });
  await postToCase(h, `/applications/${applicationId}/cost-estimate/answer`, { answer });
}

// A case received under the EHDS pilot (from today), once its rulebook is recorded: the
// registering worker reads the setting, so it holds until then.
export async function startEhdsCase(h: Harness, submission: object = research) {
  globalThis.process.env.HDS_EHDS_PILOT_FROM = osloDay(new Date());
  try {
    const started = await startCase(h, submission);
    await eventually(async () => (await h.db('applications').where({ id: started.id }).first()).rulebook === 'ehds' || undefined, { what: `the rulebook of ${started.id}` });
    return started;
  } finally {
    delete globalThis.process.env.HDS_EHDS_PILOT_FROM;
  }
}

// Under EHDS, the cost estimate between the complete application and the assessment: every
// custodian gives its estimate and the applicant accepts (process/cost-estimate.test.ts).
// The hds-cost-estimate instance an EHDS case's process called.
export const costEstimateInstance = (processInstanceId: string) =>
  eventually(async () => {
    const [called] = await engine.call<HistoricProcessInstance[]>('GET', `/history/process-instance?superProcessInstanceId=${processInstanceId}&processDefinitionKey=hds-cost-estimate`);
    return called;
  }, { what: `the cost estimate of instance ${processInstanceId}` });

export async function passCostEstimate(h: Harness, applicationId: string) {
  await giveCostEstimates(h, applicationId);
  await answerCostEstimate(h, applicationId, 'accept');
}

// One source (MFR at FHI), not linked.
export const oneSource = { ...research, dataSources: [source('MFR')], linkage: { requested: false } };

// A granted case with one order to FHI, sent and waiting for the delivery; under the EHDS pilot
// from today, or Norwegian. The completeness check submits `completeness` besides its yes.
export async function grantedCase(h: Harness, rulebook: 'ehds' | 'norwegian', submission: object = oneSource, completeness: Record<string, unknown> = {}) {
  const started = rulebook === 'ehds' ? await startEhdsCase(h, submission) : await startCase(h, submission);
  await passCompleteness(started.processInstanceId, completeness);
  if (rulebook === 'ehds') await passCostEstimate(h, started.id);
  await assess(started.processInstanceId);
  await decide(started.processInstanceId, { outcome: 'grant', dispensationGranted: true });
  const order = await eventually(() => h.db('custodian_orders').where({ application_id: started.id, custodian_id: 'FHI', kind: 'data-order' }).whereNotNull('sent_at').first(), { what: 'the order to FHI to be sent' });
  await waitForMessageSubscription(started.processInstanceId, 'delivery-confirmed');
  return { ...started, order };
}

// Under EHDS, an order's hds-fee-agreement instance, started through the outbox.
export const feeAgreementInstance = (h: Harness, applicationId: string) =>
  eventually(async () => {
    await h.relay.relayDue();
    const [started] = await engine.call<HistoricProcessInstance[]>('GET', `/history/process-instance?processDefinitionKey=hds-fee-agreement&processInstanceBusinessKey=${applicationId}`);
    return started;
  }, { what: `the fee agreement of ${applicationId}`, intervalMs: 500 });
