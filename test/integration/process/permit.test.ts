// The permit's life after the decision, on the real engine and database: a granted decision
// creates the permit and starts its process (hds-permit); the holder is reminded before the
// end and asked to confirm deletion at the end, and a caseworker follows up when no
// confirmation comes; a granted change application extends the permit, a refused one leaves it
// to end as planned; a revocation is decided by an approver other than the caseworker who
// asked for it and sends the custodians stop orders; and a permit that allows repeated
// deliveries takes the holder's request for the next one without a new decision. The orders
// reach each custodian as letters naming its own registers only, once each. A message the
// process no longer waits for when the relay sends it (the period ended, the permit was
// closed) lapses instead of being retried for ever.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appealDeadline, rules, workingDaysAfter } from '../../../domain/deadlines.ts';
import { permitSchedule } from '../../../domain/permit/permit.ts';
import { norwegianDate, osloDay } from '../../../domain/working-days.ts';
import { queueCaseMessage } from '../../../store/case/messages.ts';
import type { WorkerContext } from '../../../workers/declaration.ts';
import orderPeriodicDelivery from '../../../workers/order/order-periodic-delivery.ts';
import sendStopOrders from '../../../workers/order/send-stop-orders.ts';
import { bearer } from '../auth.ts';
import { recordPath } from '../coverage.ts';
import { letterOf } from '../letters.ts';
import { assignAndComplete, engine, findTimer, findUserTask, fireTimer, waitForMessageSubscription, waitForProcessInstanceState, type Job } from '../engine.ts';
import { eventually, log, postToCase, startCase, startHarness, type Harness } from '../harness.ts';
import { insertPermit } from '../permit-fixtures.ts';
import { approver, assess, auditEvent, caseworker, decide, passCompleteness, processVariable, recordedStep, research, source, steps } from './case-steps.ts';
import { granting, grantedPermit as grantedPermitOf } from './permit-steps.ts';

const process = 'hds-permit';
const holder = bearer('integrator');

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const grantedPermit = (decision: Record<string, unknown> = {}) => grantedPermitOf(h, decision);

// A change application to a granted case, decided by HDS.
async function changeApplication(earlierReference: string, endDate: string, outcome: 'grant' | 'refusal', changes: object = {}) {
  const change = await startCase(h, { ...research, applicationType: 'change', earlierDecisionReference: earlierReference, project: { ...research.project, period: { startDate: '2025-01-01', endDate } }, ...changes });
  await passCompleteness(change.processInstanceId);
  await assess(change.processInstanceId, outcome);
  await decide(change.processInstanceId, outcome === 'grant' ? granting : { outcome });
  return change;
}

const permitRow = (permitId: string) => h.db('permits').where({ id: permitId }).first();

// External tasks are at-least-once: a job run again by hand, as after a lost completion.
const jobAgain = (processInstanceId: string) =>
  ({ db: h.db, log, now: () => new Date(), userTasks: { completedBy: async () => undefined, nameOf: async (id: string) => id }, timers: { move: async () => false }, task: { id: 'again', processInstanceId, retries: 5 } }) satisfies WorkerContext;

// The letters of a kind a case holds, and the deliveries the outbox has for them.
async function sentLetters(caseId: string, kind: string) {
  const ids = await h.db('documents').where({ application_id: caseId, kind }).orderBy('custodian_id').pluck('id');
  const deliveries = await h.db('outbox').where({ command: 'deliver-document' }).whereRaw("payload->>'documentId' = any(?)", [ids]).count('* as n');
  return { ids, deliveries: Number(deliveries[0]!.n) };
}
const iso = (job: Job) => new Date(job.dueDate!).toISOString();

async function readPermit(permitId: string, headers = holder) {
  const res = await h.app.inject({ method: 'GET', url: `/permits/${permitId}`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

// Fires the reminder, then the end of the period: the permit waits for the deletion to be confirmed.
async function runToEnd(instance: string, caseId: string, endsOn: string) {
  const { reminderAt, endsAt } = permitSchedule(endsOn);
  const reminder = await findTimer(instance, 'reminder-due');
  expect(iso(reminder)).toBe(reminderAt.toISOString());
  await fireTimer(reminder);
  await recordedStep(h, caseId, `permit-letter:expiry-reminder:${endsOn}`);
  const end = await findTimer(instance, 'period-ended');
  expect(iso(end)).toBe(endsAt.toISOString());
  await fireTimer(end);
  await recordedStep(h, caseId, `permit-letter:deletion-request:${endsOn}`);
}

describe('the permit process', { timeout: 240_000 }, () => {
  it('creates the permit from the decision, reminds the holder, and closes it when the holder confirms the deletion', async () => {
    const { caseId, reference, caseInstance, permitId, instance } = await grantedPermit();
    expect(await permitRow(permitId)).toMatchObject({
      reference,
      state: 'active',
      version: 1,
      institution_name: 'Folkehelseinstituttet',
      project_leader_name: 'Kari Nordmann',
      project_title: research.project.title,
      analysis_environment: 'TSD',
      conditions: 'Data slettes ved prosjektslutt.',
      periodic_deliveries: false,
      deciding_body: 'HDS',
      submitted_by: 'test-integrator',
    });
    expect(await h.db('permit_sources').where({ permit_id: permitId }).orderBy('register_id').pluck('register_id')).toEqual(['BIVIRK', 'MFR']);
    expect(await processVariable(instance, 'permitId')).toBe(permitId);
    // The case goes on to its custodians' orders after the permit.
    const casePath = await recordPath('hds-application', caseInstance, 'create-permit');
    expect(casePath.has('create-permit')).toBe(true);
    await recordedStep(h, caseId, 'orders-created');
    const trail = await steps(h, caseId);
    // After the decision letter (which follows the invoice), before the orders.
    expect(trail.indexOf('permit-created')).toBe(trail.indexOf('decision-letter-sent') + 1);
    expect(trail.indexOf('permit-created')).toBeLessThan(trail.indexOf('orders-created'));

    await runToEnd(instance, caseId, '2029-12-31');
    expect(await permitRow(permitId)).toMatchObject({ state: 'expired' });
    expect(await readPermit(permitId)).toMatchObject({ state: 'expired', stateName: 'Utløpt, venter på bekreftet sletting' });

    await waitForMessageSubscription(instance, 'deletion-confirmed');
    await postToCase(h, `/permits/${permitId}/deletion-confirmation`, { outcome: 'deleted', note: 'Slettet fra TSD 2. januar.' }, holder);
    await waitForProcessInstanceState(instance, 'COMPLETED');
    expect(await permitRow(permitId)).toMatchObject({ state: 'closed' });
    expect((await readPermit(permitId)).deletionConfirmations).toEqual([
      { confirmedAs: 'holder', custodianId: null, outcome: 'deleted', note: 'Slettet fra TSD 2. januar.', confirmedAt: expect.any(String), lapsedAt: null },
    ]);

    const path = await recordPath(process, instance, 'permit-closed');
    for (const element of ['permit-granted', 'period-merge', 'permit-period', 'period-started', 'plan-permit-period', 'reminder-due', 'send-expiry-reminder', 'period-ended', 'period-over', 'expire-permit', 'await-deletion', 'deletion-wait-started', 'deletion-confirmed', 'close-merge', 'close-permit']) {
      expect(path.has(element), element).toBe(true);
    }
    expect(path.has('follow-up-deletion')).toBe(false);
    // The public register's history of the permit: active from its decision, then each change.
    const { decided_at } = await h.db('decisions').where({ application_id: caseId }).first('decided_at');
    const history = await h.db('permit_state_changes').where({ permit_id: permitId }).orderBy(['changed_at', 'id']).select('state', 'changed_at');
    expect(history.map((c) => c.state)).toEqual(['active', 'expired', 'closed']);
    expect(history[0].changed_at).toEqual(decided_at);
  });

  it('gives a caseworker the follow-up when no confirmation comes, and closes the permit on what the caseworker records', async () => {
    const { caseId, permitId, instance } = await grantedPermit();
    await runToEnd(instance, caseId, '2029-12-31');
    const late = await findTimer(instance, 'deletion-confirmation-late');
    expect(iso(late)).toBe(new Date(String(await processVariable(instance, 'deletionConfirmationDueAt'))).toISOString());
    await fireTimer(late);

    const task = await findUserTask(instance, 'follow-up-deletion');
    expect(await processVariable(instance, 'applicationReference')).toMatch(/^HDS-\d{4}-\d{5,}$/);
    await assignAndComplete(task, caseworker, { deletionFollowUpOutcome: 'returned', deletionFollowUpNote: 'Innehaveren bekreftet retur i brev.' });
    await waitForProcessInstanceState(instance, 'COMPLETED');
    expect(await permitRow(permitId)).toMatchObject({ state: 'closed' });
    expect(await h.db('permit_deletion_confirmations').where({ permit_id: permitId }).first()).toMatchObject({ confirmed_as: 'caseworker', confirmed_by: caseworker, outcome: 'returned' });

    const path = await recordPath(process, instance, 'permit-closed');
    for (const element of ['deletion-confirmation-late', 'follow-up-deletion', 'deletion-followed-up', 'record-deletion-follow-up', 'close-permit']) expect(path.has(element), element).toBe(true);
    expect(path.has('deletion-confirmed')).toBe(false);
  });

  it("ends the caseworker's follow-up when a custodian reports the data deleted from the analysis environment", async () => {
    const { caseId, permitId, instance } = await grantedPermit();
    await runToEnd(instance, caseId, '2029-12-31');
    await fireTimer(await findTimer(instance, 'deletion-confirmation-late'));
    await findUserTask(instance, 'follow-up-deletion');
    await postToCase(h, `/permits/${permitId}/deletion-confirmation`, { outcome: 'deleted' }, bearer('custodian', { custodianId: 'FHI' }));
    await waitForProcessInstanceState(instance, 'COMPLETED');
    expect(await h.db('permit_deletion_confirmations').where({ permit_id: permitId }).first()).toMatchObject({ confirmed_as: 'custodian', custodian_id: 'FHI', outcome: 'deleted' });
    const path = await recordPath(process, instance, 'permit-closed');
    expect(path.has('deletion-confirmed') && path.has('follow-up-deletion')).toBe(true);
    expect(path.has('record-deletion-follow-up')).toBe(false);
  });

  it('extends the permit by a granted change application, keeping its history, and plans the new end', async () => {
    const { caseId, reference, permitId, instance } = await grantedPermit();
    await fireTimer(await findTimer(instance, 'reminder-due'));
    await findTimer(instance, 'period-ended');

    // The change also names a new project leader.
    const projectLeader = { name: 'Ola Hansen', email: 'ola.hansen@example.no' };
    const change = await changeApplication(reference, '2031-06-30', 'grant', { projectLeader });
    await eventually(async () => (await permitRow(permitId)).version === 2, { what: 'the permit to be amended' });
    expect(await permitRow(permitId)).toMatchObject({ state: 'extended', application_id: caseId });
    expect(await h.db('permits').where({ application_id: change.id }).first()).toBeUndefined();
    expect(await h.db('permits').where({ reference }).count('* as n')).toEqual([{ n: '1' }]);
    const { history } = await readPermit(permitId);
    expect(history.map((v: { version: number; reference: string; terms: { period: object } }) => [v.version, v.reference, v.terms.period])).toEqual([
      [1, reference, { startDate: '2025-01-01', endDate: '2029-12-31' }],
      [2, change.reference, { startDate: '2025-01-01', endDate: '2031-06-30' }],
    ]);
    await recordedStep(h, change.id, 'permit-amended');
    expect((await recordPath('hds-application', change.processInstanceId, 'create-permit')).has('create-permit')).toBe(true);
    // The change's decision letter is the extension's: the earlier decision, the old and the new end.
    const extension = await letterOf(h, change.id, 'decision');
    expect(extension.row).toMatchObject({ template: 'extension-grant', title: 'Vedtak om forlengelse av tillatelse' });
    expect(extension.text).toContain(`endring av vedtak ${reference} av ${norwegianDate(osloDay(new Date()))}`);
    expect(extension.text).toContain('Tillatelsen forlenges fra 31.12.2029 til og med 30.06.2031.');

    // The permit process plans the period again, from the new end.
    const reminder = await eventually(async () => {
      await h.relay.relayDue();
      const job = await findTimer(instance, 'reminder-due');
      return iso(job) === permitSchedule('2031-06-30').reminderAt.toISOString() ? job : undefined;
    }, { what: 'the reminder of the new end' });
    await fireTimer(reminder);
    await recordedStep(h, caseId, 'permit-letter:expiry-reminder:2031-06-30');
    // The holder's letters go to the project leader the permit names now.
    const newReminder = await h.db('documents').where({ application_id: caseId, step: 'permit-expiry-reminder:2031-06-30' }).first();
    expect(newReminder).toMatchObject({ recipient_email: projectLeader.email, recipient_name: `${projectLeader.name}, ${research.institution.name}` });
    expect(iso(await findTimer(instance, 'period-ended'))).toBe(permitSchedule('2031-06-30').endsAt.toISOString());

    const path = await recordPath(process, instance, 'amended-during-period');
    expect(path.has('amended-during-period')).toBe(true);
  });

  it('lets a permit end as planned when its extension is refused, and starts it again when an extension is granted after the end', async () => {
    const { caseId, reference, permitId, instance } = await grantedPermit();
    const refused = await changeApplication(reference, '2031-06-30', 'refusal');
    await waitForProcessInstanceState(refused.processInstanceId, 'COMPLETED');
    expect(await permitRow(permitId)).toMatchObject({ state: 'active', version: 1 });
    expect(iso(await findTimer(instance, 'reminder-due'))).toBe(permitSchedule('2029-12-31').reminderAt.toISOString());
    expect((await recordPath('hds-application', refused.processInstanceId, 'closed-refused')).has('create-permit')).toBe(false);
    // The refusal names the decision that still stands and the permit's end, and none of a grant's text.
    const refusal = await letterOf(h, refused.id, 'decision');
    expect(refusal.row).toMatchObject({ template: 'change-refusal', title: 'Vedtak om avslag på endringssøknad' });
    expect(refusal.text).toContain(`Helsedataservice har avslått søknaden om endring av vedtak ${reference} av ${norwegianDate(osloDay(new Date()))}.`);
    expect(refusal.text).toContain(`Vedtak ${reference} gjelder uendret`);
    expect(refusal.text).toContain('Tillatelsen løper fortsatt til og med 31.12.2029');
    for (const wrong of ['Vedtak om tilgang til helsedata', 'ingen særskilte vilkår', 'Registerforvalterne fakturerer', 'MFR: avslått']) expect(refusal.text).not.toContain(wrong);

    await runToEnd(instance, caseId, '2029-12-31');
    expect(await permitRow(permitId)).toMatchObject({ state: 'expired' });

    // An extension granted after the end brings the permit back into its period.
    await waitForMessageSubscription(instance, 'permit-amended');
    await changeApplication(reference, '2032-12-31', 'grant');
    await eventually(async () => (await permitRow(permitId)).version === 2, { what: 'the permit to be amended' });
    expect(await permitRow(permitId)).toMatchObject({ state: 'extended' });
    await eventually(async () => {
      await h.relay.relayDue();
      const job = await findTimer(instance, 'reminder-due');
      return iso(job) === permitSchedule('2032-12-31').reminderAt.toISOString();
    }, { what: 'the period planned again' });
    const path = await recordPath(process, instance, 'amended-after-end');
    expect(path.has('amended-after-end') && path.has('deletion-wait-started')).toBe(true);
  });

  it('revokes a permit on an approver\'s decision, never on the requesting caseworker\'s, and orders the custodians to stop', async () => {
    const { caseId, permitId, instance } = await grantedPermit();
    // The case's own data orders are out and wait for the custodians' deliveries.
    const dataOrders = () => h.db('custodian_orders').where({ application_id: caseId, kind: 'data-order' }).orderBy('custodian_id');
    await eventually(async () => (await dataOrders()).filter((o) => o.state === 'sent').length === 2, { what: 'both data orders to be sent' });
    const requester = bearer('caseworker', { sub: 'allrounder' });
    await waitForMessageSubscription(instance, 'revocation-requested');
    await postToCase(h, `/permits/${permitId}/revocation`, { reason: 'Data ble koblet med et register tillatelsen ikke omfatter.' }, requester);
    const again = await h.app.inject({ method: 'POST', url: `/permits/${permitId}/revocation`, payload: { reason: 'En gang til' }, headers: requester });
    expect(again.statusCode).toBe(409);

    // The caseworker who asked may not decide (allrounder is also an approver): the engine
    // refuses them the task at once.
    const asked = await findUserTask(instance, 'decide-revocation');
    await expect(assignAndComplete(asked, 'allrounder', { revocationOutcome: 'revoke', revocationNote: 'Vilkår 2 er brutt.' })).rejects.toThrow(/Du ba selv om tilbakekallet/);
    // A decision no approver is named for (completed unclaimed through the engine's API) goes
    // back to the approvers after the fact.
    await engine.call('POST', `/task/${asked.id}/complete`, { variables: { revocationOutcome: { value: 'revoke', type: 'String' } } });
    await recordedStep(h, caseId, 'permit-revocation-refused-four-eyes');
    expect(await permitRow(permitId)).toMatchObject({ state: 'active' });
    const task = await findUserTask(instance, 'decide-revocation');
    expect(await processVariable(instance, 'revocationReason')).toBe('Data ble koblet med et register tillatelsen ikke omfatter.');
    await assignAndComplete(task, approver, { revocationOutcome: 'revoke', revocationNote: 'Vilkår 2 er brutt.' });
    await waitForProcessInstanceState(instance, 'COMPLETED');

    expect(await permitRow(permitId)).toMatchObject({ state: 'revoked' });
    const revocation = await h.db('permit_revocations').where({ permit_id: permitId }).first();
    expect(revocation).toMatchObject({ outcome: 'revoked', requested_by: 'allrounder', decided_by: approver, decision_note: 'Vilkår 2 er brutt.' });
    const stopOrders = await h.db('custodian_orders').where({ permit_id: permitId, kind: 'stop' }).orderBy('custodian_id');
    expect(stopOrders.map((o) => [o.custodian_id, o.register_ids, o.state])).toEqual([['DMP', ['BIVIRK'], 'sent'], ['FHI', ['MFR'], 'sent']]);

    // The data orders still open were stopped with the revocation: FHI's confirmation is refused
    // naming the permit's state, by either path, and nothing is written; the case does not close.
    expect((await dataOrders()).map((o) => [o.custodian_id, o.state])).toEqual([['DMP', 'stopped'], ['FHI', 'stopped']]);
    const fhiOrder = (await dataOrders()).find((o) => o.custodian_id === 'FHI');
    const custodianFhi = bearer('custodian', { custodianId: 'FHI' });
    const caseFile = async () => ({
      status: (await h.db('applications').where({ id: caseId }).first()).status,
      journal: await h.db('journal_entries').where({ application_id: caseId }).count('* as n'),
      outbox: await h.db('outbox').where({ application_id: caseId }).count('* as n'),
      steps: await steps(h, caseId),
      order: await h.db('custodian_orders').where({ id: fhiOrder.id }).first(),
    });
    const before = await caseFile();
    for (const url of [`/applications/${caseId}/orders/FHI/delivery`, `/orders/${fhiOrder.id}/delivery`]) {
      const late = await h.app.inject({ method: 'POST', url, payload: { analysisEnvironment: 'TSD' }, headers: custodianFhi });
      expect(late.statusCode, url).toBe(409);
      expect(late.json().detail).toBe('The permit is revoked: no delivery is confirmed under it');
    }
    expect(await caseFile()).toEqual(before);
    expect(before.status).toBe('awaiting-delivery');
    // FHI's list shows the stopped order with its state, not among those waiting for it, and the stop order.
    const listed = async (query: string) => (await h.app.inject({ method: 'GET', url: `/orders?limit=100&${query}`, headers: custodianFhi })).json().items as { orderId: number; kind: string; state: string }[];
    expect((await listed('delivered=false')).map((o) => o.orderId)).not.toContain(Number(fhiOrder.id));
    expect((await listed('kind=data-order')).find((o) => o.orderId === Number(fhiOrder.id))).toMatchObject({ state: 'stopped' });
    expect((await listed('kind=stop')).find((o) => o.orderId === Number(stopOrders[1].id))).toMatchObject({ kind: 'stop', state: 'sent' });

    // Each custodian's stop order is a letter to its order address, naming only its registers.
    const [dmpStop, fhiStop] = await Promise.all(['DMP', 'FHI'].map((custodian) => letterOf(h, caseId, 'custodian-stop-order', custodian)));
    expect([dmpStop!, fhiStop!].map((l) => [l.row.step, l.row.recipient_kind, l.row.recipient_email, l.row.title])).toEqual([
      [`custodian-stop-order:${revocation.id}:DMP`, 'custodian', 'datautlevering@dmp.no', 'Stoppordre – tilbakekall av tillatelse'],
      [`custodian-stop-order:${revocation.id}:FHI`, 'custodian', 'datautlevering@fhi.no', 'Stoppordre – tilbakekall av tillatelse'],
    ]);
    for (const stop of [dmpStop!, fhiStop!]) {
      expect(stop.text).toContain(`Helsedataservice har ${norwegianDate(osloDay(revocation.decided_at))} tilbakekalt tillatelsen`);
      expect(stop.text).toContain('ved Folkehelseinstituttet');
      expect(stop.text).toContain(revocation.reason);
      expect(stop.text).toContain('Stans alle utleveringer etter tillatelsen');
      expect(stop.text).toContain("Steng innehaverens tilgang til dataene i TSD");
    }
    expect(dmpStop!.text).toContain('System for bivirkningsrapportering (BIVIRK)');
    expect(dmpStop!.text).not.toContain('MFR');
    expect(fhiStop!.text).toContain('Medisinsk fødselsregister (MFR)');
    expect(fhiStop!.text).not.toContain('BIVIRK');

    const { revocations } = await readPermit(permitId);
    expect(revocations).toEqual([expect.objectContaining({ outcome: 'revoked', appealDeadline: appealDeadline(osloDay(new Date())) })]);
    expect(revocations[0].stopOrders).toEqual([
      { orderId: Number(stopOrders[0].id), custodianId: 'DMP', registerIds: ['BIVIRK'], sentAt: expect.any(String), documentId: dmpStop!.row.id },
      { orderId: Number(stopOrders[1].id), custodianId: 'FHI', registerIds: ['MFR'], sentAt: expect.any(String), documentId: fhiStop!.row.id },
    ]);
    // The custodian opens its own letter from the permit, not the other custodian's.
    const fhi = bearer('custodian', { custodianId: 'FHI' });
    expect((await h.app.inject({ method: 'GET', url: `/applications/${caseId}/documents/${fhiStop!.row.id}`, headers: fhi })).statusCode).toBe(200);
    expect((await h.app.inject({ method: 'GET', url: `/applications/${caseId}/documents/${dmpStop!.row.id}`, headers: fhi })).statusCode).toBe(404);

    // The job again sends no second letter.
    const stopLetters = await sentLetters(caseId, 'custodian-stop-order');
    expect(stopLetters).toEqual({ ids: [dmpStop!.row.id, fhiStop!.row.id], deliveries: 2 });
    await sendStopOrders.handler({ applicationId: caseId, permitId, revocationId: revocation.id }, jobAgain(instance));
    expect(await sentLetters(caseId, 'custodian-stop-order')).toEqual(stopLetters);
    expect(await h.db('custodian_orders').where({ permit_id: permitId, kind: 'stop' }).orderBy('custodian_id')).toEqual(stopOrders);
    const letter = await h.db('audit_events').where({ application_id: caseId, step: `permit-letter:revocation-decision:${revocation.id}` }).first();
    expect(letter.detail).toMatchObject({ recipient: 'holder', reason: revocation.reason, appealDeadline: appealDeadline(osloDay(new Date())) });
    const revoked = await letterOf(h, caseId, 'permit-revocation-decision');
    expect(revoked.text).toContain('tilbakekaller tillatelsen');
    expect(revoked.text).toContain(`innen ${norwegianDate(appealDeadline(osloDay(new Date())))}`);
    // The approver's reasons beside the caseworker's grounds, the legal basis, the deadline to
    // delete or return the data, and who prepared and who decided.
    for (const fact of [
      'Faktum: Data ble koblet med et register tillatelsen ikke omfatter.',
      'Hovedhensyn: Vilkår 2 er brutt.',
      'helseregisterloven §§ 19 og 19 a til 19 h',
      `slettes eller leveres tilbake innen ${norwegianDate(osloDay(workingDaysAfter(new Date(), rules.permitDeletionConfirmationWorkingDays)))}`,
      'Saken er forberedt av: Alf Allround',
      'Vedtaket er fattet av: Bente Beslutter',
      'Helsedataservice, Postboks 220 Skøyen, 0213 Oslo',
    ]) {
      expect(revoked.text, fact).toContain(fact);
    }

    const path = await recordPath(process, instance, 'permit-revoked');
    for (const element of ['revocation-requested', 'revocation-merge', 'decide-revocation', 'record-revocation-decision', 'revocation-same-person', 'revocation-gateway', 'send-stop-orders', 'send-revocation-letter']) {
      expect(path.has(element), element).toBe(true);
    }
    expect(path.has('expire-permit')).toBe(false);
  });

  it('keeps a permit whose revocation the approver refuses, and plans its period again', async () => {
    const { permitId, instance } = await grantedPermit();
    await waitForMessageSubscription(instance, 'revocation-requested');
    await postToCase(h, `/permits/${permitId}/revocation`, { reason: 'Mistanke om publisering av persondata.' }, bearer('caseworker', { sub: caseworker }));
    await assignAndComplete(await findUserTask(instance, 'decide-revocation'), approver, { revocationOutcome: 'refuse', revocationNote: 'Ikke dokumentert.' });
    await eventually(async () => (await h.db('permit_revocations').where({ permit_id: permitId }).first()).outcome === 'refused', { what: 'the refusal' });
    expect(iso(await findTimer(instance, 'reminder-due'))).toBe(permitSchedule('2029-12-31').reminderAt.toISOString());
    expect(await permitRow(permitId)).toMatchObject({ state: 'active' });
    expect(await h.db('custodian_orders').where({ permit_id: permitId, kind: 'stop' })).toEqual([]);
    expect(await h.db('custodian_orders').where({ permit_id: permitId, state: 'stopped' })).toEqual([]);
    const path = await recordPath(process, instance, 'revocation-gateway');
    expect(path.has('send-stop-orders')).toBe(false);
  });

  it('orders the next delivery of a permit that allows repeated deliveries without a new decision, and refuses one beyond the permit', async () => {
    const { caseId, permitId, instance } = await grantedPermit({ periodicDeliveries: true, permitEndDate: '2028-06-30' });
    expect(await permitRow(permitId)).toMatchObject({ periodic_deliveries: true });
    expect(await readPermit(permitId)).toMatchObject({ periodicDeliveries: true, period: { startDate: '2025-01-01', endDate: '2028-06-30' } });
    const decisionsBefore = await h.db('decisions').count('* as n');

    await waitForMessageSubscription(instance, 'delivery-requested');
    const within = {
      dataSources: [
        { ...source('MFR'), period: { startDate: '2025-01-01', endDate: '2025-12-31' } },
        { ...source('BIVIRK'), period: { startDate: '2024-01-01', endDate: '2024-06-30' } },
      ],
    };
    await postToCase(h, `/permits/${permitId}/delivery-requests`, within, holder);
    const ordered = await eventually(async () => {
      const request = await h.db('permit_delivery_requests').where({ permit_id: permitId }).whereNotNull('outcome').first();
      return request;
    }, { what: 'the delivery request to be checked' });
    expect(ordered).toMatchObject({ outcome: 'ordered', reason: null });
    // The Norwegian rules set a periodic delivery no deadline.
    expect(await h.db('custodian_orders').where({ request_id: ordered.id }).orderBy('custodian_id').select('kind', 'state', 'custodian_id', 'register_ids', 'due_at')).toEqual([
      { kind: 'periodic-delivery', state: 'sent', custodian_id: 'DMP', register_ids: ['BIVIRK'], due_at: null },
      { kind: 'periodic-delivery', state: 'sent', custodian_id: 'FHI', register_ids: ['MFR'], due_at: null },
    ]);

    // Each custodian is asked by letter for its own sources only, with the permit's conditions.
    const [dmpOrder, fhiOrder] = await Promise.all(['DMP', 'FHI'].map((custodian) => letterOf(h, caseId, 'custodian-delivery-order', custodian)));
    expect([dmpOrder!, fhiOrder!].map((l) => [l.row.step, l.row.recipient_kind, l.row.recipient_email, l.row.title])).toEqual([
      [`custodian-delivery-order:${ordered.id}:DMP`, 'custodian', 'datautlevering@dmp.no', 'Bestilling av ny utlevering innenfor tillatelse'],
      [`custodian-delivery-order:${ordered.id}:FHI`, 'custodian', 'datautlevering@fhi.no', 'Bestilling av ny utlevering innenfor tillatelse'],
    ]);
    expect(fhiOrder!.text).toContain('Medisinsk fødselsregister (MFR), periode 01.01.2025 – 31.12.2025: variabel');
    expect(fhiOrder!.text).not.toContain('BIVIRK');
    expect(dmpOrder!.text).toContain('System for bivirkningsrapportering (BIVIRK), periode 01.01.2024 – 30.06.2024: variabel');
    expect(dmpOrder!.text).not.toContain('MFR');
    for (const order of [dmpOrder!, fhiOrder!]) {
      expect(order.text).toContain('Folkehelseinstituttet, prosjektleder Kari Nordmann');
      expect(order.text).toContain('Data slettes ved prosjektslutt.');
      expect(order.text).toContain('Dataene utleveres til TSD');
      expect(order.text).toContain('det trengs ikke noe nytt vedtak');
      expect(order.text).not.toContain('Frist for utlevering');
    }
    const journal = (await h.app.inject({ method: 'GET', url: `/applications/${caseId}/journal`, headers: bearer('caseworker') })).json().items;
    expect(journal.filter((entry: { documentId: string }) => entry.documentId === fhiOrder!.row.id)).toEqual([
      expect.objectContaining({ entryType: 'U', correspondent: 'Folkehelseinstituttet', accessCode: 'U', exemptionBasis: 'Offl. § 13 jf. helseregisterloven § 17' }),
    ]);
    const orderLetters = await sentLetters(caseId, 'custodian-delivery-order');
    expect(orderLetters).toEqual({ ids: [dmpOrder!.row.id, fhiOrder!.row.id], deliveries: 2 });
    await orderPeriodicDelivery.handler({ applicationId: caseId, permitId, deliveryRequestId: ordered.id }, jobAgain(instance));
    expect(await sentLetters(caseId, 'custodian-delivery-order')).toEqual(orderLetters);
    expect((await readPermit(permitId)).deliveryRequests[0].orders.map((o: { custodianId: string; documentId: string }) => [o.custodianId, o.documentId])).toEqual([
      ['DMP', dmpOrder!.row.id],
      ['FHI', fhiOrder!.row.id],
    ]);

    await postToCase(h, `/permits/${permitId}/delivery-requests`, { dataSources: [source('MFR', ['variabel', 'ny-variabel']), source('KREFT')] }, holder);
    const refused = await eventually(async () => h.db('permit_delivery_requests').where({ permit_id: permitId, outcome: 'refused' }).first(), { what: 'the refusal' });
    expect(refused.reason.split('\n')).toEqual([
      'Nye variabler fra Medisinsk fødselsregister (MFR): ny-variabel',
      'Ny datakilde som vedtaket ikke omfatter: Kreftregisteret (KREFT)',
    ]);
    const letter = await h.db('audit_events').where({ application_id: caseId, step: `permit-letter:delivery-refusal:${refused.id}` }).first();
    expect(letter.detail).toMatchObject({ recipient: 'holder', refusalReasons: refused.reason });
    const refusal = await letterOf(h, caseId, 'permit-delivery-refusal');
    expect(refusal.text).toContain('Ny datakilde som vedtaket ikke omfatter: Kreftregisteret (KREFT)');
    expect(await h.db('decisions').count('* as n')).toEqual(decisionsBefore);
    // The permit's period runs on beside the deliveries.
    expect(iso(await findTimer(instance, 'reminder-due'))).toBe(permitSchedule('2028-06-30').reminderAt.toISOString());

    const path = await recordPath(process, instance, 'delivery-refused');
    for (const element of ['periodic-delivery', 'delivery-requested', 'check-delivery-request', 'delivery-gateway', 'order-periodic-delivery', 'delivery-ordered', 'refuse-delivery-request']) {
      expect(path.has(element), element).toBe(true);
    }
  });
});

describe('messages that reach the permit process after it stopped waiting for them', { timeout: 240_000 }, () => {
  const outboxRow = (messageId: string) => h.db('outbox').whereRaw("payload->>'messageId' = ?", [messageId]).first();
  const post = async (url: string, payload: object, headers: Record<string, string>) => {
    const res = await h.app.inject({ method: 'POST', url, payload, headers });
    expect(res.statusCode, res.body).toBe(202);
    return res.json();
  };
  const revoke = (permitId: string) => post(`/permits/${permitId}/revocation`, { reason: 'Data delt med en tredjepart.' }, bearer('caseworker', { sub: caseworker }));

  // Relays until the message's row is relayed or has lapsed; a row to retry is made due at once
  // instead of after its back-off.
  function relayUntilSettled(messageId: string) {
    return eventually(
      async () => {
        await h.db('outbox').whereRaw("payload->>'messageId' = ?", [messageId]).whereNull('relayed_at').whereNull('lapsed_at').update({ next_attempt_at: h.db.fn.now() });
        await h.relay.relayDue();
        const row = await outboxRow(messageId);
        return row.relayed_at || row.lapsed_at ? row : undefined;
      },
      { what: `message ${messageId} to be relayed or to lapse`, intervalMs: 500 },
    );
  }

  it("lets a revocation lapse when the period ends before the relay sends it, and then answers on the permit's state", async () => {
    const { caseId, permitId, instance } = await grantedPermit();
    await waitForMessageSubscription(instance, 'revocation-requested');
    const { messageId, revocationId } = await revoke(permitId);

    // The period ends before the relay gets to the request: its timer falls due now.
    await fireTimer(await findTimer(instance, 'reminder-due'));
    const end = await findTimer(instance, 'period-ended');
    await engine.call('PUT', `/job/${end.id}/duedate`, { duedate: new Date().toISOString().replace('Z', '+0000') });
    await eventually(async () => (await permitRow(permitId)).state === 'expired', { what: 'the permit to expire' });

    const row = await relayUntilSettled(messageId);
    expect(row).toMatchObject({ relayed_at: null, attempts: 1, lapse_reason: 'The permit is expired: its process no longer waits for revocation-requested' });
    expect(row.lapsed_at).toBeInstanceOf(Date);
    expect(row.last_error).toContain('No process definition or execution matches');
    expect(await h.db('permit_revocations').where({ id: revocationId }).first()).toMatchObject({ outcome: 'lapsed', decided_by: null, decided_at: null });
    expect(await auditEvent(h, caseId, `permit-message-lapsed:${messageId}`)).toMatchObject({ actor: 'system', detail: { permitId, message: 'revocation-requested', state: 'expired' } });
    expect((await readPermit(permitId, bearer('caseworker'))).revocations).toEqual([expect.objectContaining({ id: revocationId, outcome: 'lapsed' })]);

    // Settled, not retried.
    await h.db('outbox').where({ id: row.id }).update({ next_attempt_at: h.db.fn.now() });
    await h.relay.relayDue();
    expect(await outboxRow(messageId)).toMatchObject({ attempts: 1, relayed_at: null });

    // The lapsed request holds no place: a new one is refused for the permit's state.
    const again = await h.app.inject({ method: 'POST', url: `/permits/${permitId}/revocation`, payload: { reason: 'Igjen' }, headers: bearer('caseworker', { sub: caseworker }) });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toBe('The permit is expired: only a permit whose period runs can be revoked');
    const path = await recordPath(process, instance, 'expire-permit');
    expect(path.has('decide-revocation')).toBe(false);
  });

  it('lets a deletion confirmation lapse once another has closed the permit, and a delivery request once the process has ended', async () => {
    const { caseId, permitId, instance } = await grantedPermit({ periodicDeliveries: true, permitEndDate: '2028-06-30' });
    await waitForMessageSubscription(instance, 'delivery-requested');
    const delivery = await post(`/permits/${permitId}/delivery-requests`, { dataSources: [source('MFR')] }, holder);
    // The relay gets to the request only after the process has ended (as after an engine outage).
    await h.db('outbox').whereRaw("payload->>'messageId' = ?", [delivery.messageId]).update({ next_attempt_at: new Date(Date.now() + 3_600_000) });

    await runToEnd(instance, caseId, '2028-06-30');
    await waitForMessageSubscription(instance, 'deletion-confirmed');
    // Both are queued while the permit waits; the first the relay sends closes it.
    const byHolder = await post(`/permits/${permitId}/deletion-confirmation`, { outcome: 'deleted' }, holder);
    const byCustodian = await post(`/permits/${permitId}/deletion-confirmation`, { outcome: 'deleted' }, bearer('custodian', { custodianId: 'FHI' }));
    expect((await relayUntilSettled(byHolder.messageId)).relayed_at).toBeInstanceOf(Date);
    await waitForProcessInstanceState(instance, 'COMPLETED');
    expect(await permitRow(permitId)).toMatchObject({ state: 'closed' });
    expect(await relayUntilSettled(byCustodian.messageId)).toMatchObject({ relayed_at: null, lapse_reason: 'The permit is closed: its process no longer waits for deletion-confirmed' });

    expect(await relayUntilSettled(delivery.messageId)).toMatchObject({ relayed_at: null, attempts: 1, lapse_reason: 'The permit is closed: its process no longer waits for delivery-requested' });
    for (const { messageId } of [byCustodian, delivery]) expect(await auditEvent(h, caseId, `permit-message-lapsed:${messageId}`)).toBeDefined();

    const view = await readPermit(permitId);
    expect(view.deletionConfirmations).toEqual([
      expect.objectContaining({ confirmedAs: 'holder', lapsedAt: null }),
      expect.objectContaining({ confirmedAs: 'custodian', custodianId: 'FHI', lapsedAt: expect.any(String) }),
    ]);
    expect(view.deliveryRequests).toEqual([expect.objectContaining({ id: delivery.deliveryRequestId, outcome: 'lapsed', orders: [] })]);

    // A granted change's amendment, queued by create-permit just as the permit closed.
    const amended = await h.db.transaction((tx) => queueCaseMessage(tx, { applicationId: caseId, name: 'permit-amended', variables: {}, actor: 'system' }));
    expect(await relayUntilSettled(amended.messageId)).toMatchObject({ relayed_at: null, lapse_reason: 'The permit is closed: its process no longer waits for permit-amended' });
  });

  it('keeps retrying a message while the permit runs and its process does not wait yet, and lets it lapse once the permit has ended', async () => {
    // A permit whose process has not started: its case's own commands are not relayed.
    const permit = await insertPermit(h, { submittedBy: 'test-integrator' });
    await h.db('outbox').where({ application_id: permit.applicationId }).whereNull('relayed_at').update({ relayed_at: h.db.fn.now(), last_error: 'discarded: the permit fixture has no process' });
    const { messageId, revocationId } = await revoke(permit.id);

    const retried = await eventually(
      async () => {
        await h.relay.relayDue();
        const row = await outboxRow(messageId);
        return row.attempts > 0 ? row : undefined;
      },
      { what: `message ${messageId} to be tried`, intervalMs: 500 },
    );
    expect(retried).toMatchObject({ attempts: 1, relayed_at: null, lapsed_at: null, lapse_reason: null });
    expect(retried.last_error).toContain('No process definition or execution matches');
    expect(await h.db('permit_revocations').where({ id: revocationId }).first()).toMatchObject({ outcome: null });

    await h.db('permits').where({ id: permit.id }).update({ state: 'expired' });
    expect(await relayUntilSettled(messageId)).toMatchObject({ attempts: 2, lapse_reason: 'The permit is expired: its process no longer waits for revocation-requested' });
    expect(await h.db('permit_revocations').where({ id: revocationId }).first()).toMatchObject({ outcome: 'lapsed' });
  });
});
