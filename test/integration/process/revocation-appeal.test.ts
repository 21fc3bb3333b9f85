// An appeal of a permit's revocation, on the real engine and database: the holder appeals
// through the permit's API; the appeal process (hds-appeal) judges it against the
// revocation's deadline, not the case's decision; a reversal puts the permit back as it was
// and starts the permit process again (permit-reinstated), which tells the custodians; a late
// appeal is dismissed and the permit stays revoked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../auth.ts';
import { recordPath } from '../coverage.ts';
import { assignAndComplete, findTimer, findUserTask, waitForMessageSubscription, waitForProcessInstanceState } from '../engine.ts';
import { eventually, postToCase, startHarness, type Harness } from '../harness.ts';
import { letterOf } from '../letters.ts';
import { approver, caseView, caseworker, processVariable, recordedStep, research } from './case-steps.ts';
import { grantedPermit, permitInstance } from './permit-steps.ts';

const holder = bearer('integrator');

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const dataOrders = (caseId: string) => h.db('custodian_orders').where({ application_id: caseId, kind: 'data-order' }).orderBy('custodian_id');

// A granted permit that an approver revoked, its decision letter sent; the case's data orders
// were sent before, and the revocation stopped them.
async function revokedPermit() {
  const permit = await grantedPermit(h);
  await eventually(async () => (await dataOrders(permit.caseId)).filter((o) => o.state === 'sent').length === 2, { what: 'both data orders to be sent' });
  await waitForMessageSubscription(permit.instance, 'revocation-requested');
  await postToCase(h, `/permits/${permit.permitId}/revocation`, { reason: 'Data ble delt med en forsker utenfor prosjektet.' }, bearer('caseworker', { sub: caseworker }));
  await assignAndComplete(await findUserTask(permit.instance, 'decide-revocation'), approver, { revocationOutcome: 'revoke', revocationNote: 'Vilkår 1 er brutt.' });
  await waitForProcessInstanceState(permit.instance, 'COMPLETED');
  const revocation = await h.db('permit_revocations').where({ permit_id: permit.permitId }).first();
  expect(revocation).toMatchObject({ outcome: 'revoked', permit_state_before: 'active' });
  expect((await dataOrders(permit.caseId)).map((o) => o.state)).toEqual(['stopped', 'stopped']);
  return { ...permit, revocation };
}

// The holder's appeal; the relay starts the appeal process, which registers it.
async function appealRevocation(permitId: string, applicationId: string, payload: object) {
  const res = await h.app.inject({ method: 'POST', url: `/permits/${permitId}/appeals`, payload, headers: holder });
  expect(res.statusCode, res.body).toBe(202);
  await eventually(
    async () => {
      await h.relay.relayDue();
      return h.db('outbox').whereRaw("payload->>'messageId' = ?", [res.json().messageId]).whereNotNull('relayed_at').first();
    },
    { what: 'the appeal to reach the engine' },
  );
  const appeal = await eventually(() => h.db('appeals').where({ application_id: applicationId }).whereNotNull('revocation_id').first(), { what: 'the appeal to be registered' });
  return { answer: res.json(), appeal };
}

const readPermit = async (permitId: string) => (await h.app.inject({ method: 'GET', url: `/permits/${permitId}`, headers: holder })).json();

describe('appeal of a revocation', { timeout: 240_000 }, () => {
  it('reinstates the permit when HDS finds for the holder: the same state and period, its process again, and the custodians told', async () => {
    const { caseId, permitId, instance, revocation } = await revokedPermit();
    const statusBefore = (await h.db('applications').where({ id: caseId }).first()).status;
    const { answer, appeal } = await appealRevocation(permitId, caseId, { grounds: 'Forskeren var med i prosjektet, se endringsmelding.' });
    expect(answer.revocationId).toBe(revocation.id);
    expect(appeal).toMatchObject({ revocation_id: revocation.id, within_deadline: true });
    const journaled = await h.db('journal_entries').where({ application_id: caseId, entry_type: 'I', title: 'Klage på vedtak om tilbakekall av tillatelse' }).select('correspondent');
    expect(journaled).toEqual([{ correspondent: `${research.projectLeader.name}, ${research.institution.name}` }]);

    // One appeal per revocation.
    const again = await h.app.inject({ method: 'POST', url: `/permits/${permitId}/appeals`, payload: { grounds: 'En gang til.' }, headers: holder });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('already been appealed');

    // The caseworker sees what the appeal is about, then reverses the revocation.
    const task = await findUserTask(appeal.process_instance_id, 'reconsider-decision');
    const subject = await processVariable(appeal.process_instance_id, 'appealSubjectText');
    expect(subject).toContain('tilbakekall av tillatelse');
    expect(subject).toContain('Data ble delt med en forsker utenfor prosjektet.');
    await assignAndComplete(task, 'saksbehandler2', { appealOutcome: 'reverse', appealNotes: 'Forskeren var meldt inn i prosjektet.' });
    await waitForProcessInstanceState(appeal.process_instance_id, 'COMPLETED');

    const reversed = await letterOf(h, caseId, 'appeal-reversed');
    expect(reversed.text).toContain('på vedtaket om å tilbakekalle tillatelse');
    expect(reversed.text).toContain('opphever vedtaket om tilbakekall');
    expect(reversed.text).toContain('Forskeren var meldt inn i prosjektet.');

    // The permit runs again, in the state it had; the case's own status is untouched.
    const view = await readPermit(permitId);
    expect(view).toMatchObject({ state: 'active', revokedAt: null });
    expect(view.revocations).toEqual([expect.objectContaining({ id: revocation.id, outcome: 'reversed-on-appeal', appealedAt: expect.any(String), reinstatedAt: expect.any(String) })]);
    expect((await h.db('applications').where({ id: caseId }).first()).status).toBe(statusBefore);
    expect((await caseView(h, caseId)).appeals).toEqual([expect.objectContaining({ revocationId: revocation.id, outcome: 'reversed' })]);

    // A new permit process plans the period again, after telling each custodian.
    const again2 = await permitInstance(h, caseId, [instance]);
    await findTimer(again2, 'reminder-due');
    await recordedStep(h, caseId, 'permit-reinstated-active');
    for (const [custodianId, register] of [['FHI', 'MFR'], ['DMP', 'BIVIRK']] as const) {
      const notice = await letterOf(h, caseId, 'custodian-reinstatement', custodianId);
      expect(notice.text).toContain('Tillatelsen gjelder igjen');
      expect(notice.text).toContain(`(${register})`);
      expect(notice.text).not.toContain(custodianId === 'FHI' ? '(BIVIRK)' : '(MFR)');
    }
    const path = await recordPath('hds-permit', again2, 'plan-permit-period');
    expect(path.has('permit-reinstated') && path.has('send-reinstatement-notices')).toBe(true);

    // The notices are orders of their own kind, and the data orders the revocation stopped are
    // open again: FHI delivers and confirms as before the revocation.
    const notices = await h.db('custodian_orders').where({ permit_id: permitId, kind: 'reinstatement' }).orderBy('custodian_id');
    expect(notices.map((o) => [o.custodian_id, o.revocation_id, o.state])).toEqual([['DMP', revocation.id, 'sent'], ['FHI', revocation.id, 'sent']]);
    const letters = await h.db('documents').where({ application_id: caseId, kind: 'custodian-reinstatement' }).orderBy('custodian_id').pluck('id');
    expect((await readPermit(permitId)).revocations[0].reinstatementNotices).toEqual(
      notices.map((o, i) => ({ orderId: Number(o.id), custodianId: o.custodian_id, registerIds: o.register_ids, sentAt: o.sent_at.toISOString(), documentId: letters[i] })),
    );
    expect((await dataOrders(caseId)).map((o) => [o.custodian_id, o.state, o.stopped_at])).toEqual([['DMP', 'sent', null], ['FHI', 'sent', null]]);
    await recordedStep(h, caseId, 'order-reopened-sent:FHI');
    await postToCase(h, `/applications/${caseId}/orders/FHI/delivery`, { analysisEnvironment: 'TSD' }, bearer('custodian', { custodianId: 'FHI' }));
    expect((await dataOrders(caseId)).map((o) => o.state)).toEqual(['sent', 'delivered']);
  });

  it('reinstates the permit when Helseklage reverses a revocation HDS upheld', async () => {
    const { caseId, permitId, instance, revocation } = await revokedPermit();
    const { appeal } = await appealRevocation(permitId, caseId, { grounds: 'Bruddet var en feil hos leverandøren.' });
    await assignAndComplete(await findUserTask(appeal.process_instance_id, 'reconsider-decision'), 'saksbehandler2', { appealOutcome: 'uphold', appealNotes: 'Bruddet er dokumentert.' });
    const forwarded = await letterOf(h, caseId, 'appeal-to-helseklage');
    expect(forwarded.text).toContain('på vedtaket om å tilbakekalle tillatelse');
    // Still revoked while Helseklage decides.
    expect((await readPermit(permitId)).state).toBe('revoked');
    await waitForMessageSubscription(appeal.process_instance_id, 'helseklage-decision-received');
    await postToCase(h, `/applications/${caseId}/appeals/helseklage-decision`, { outcome: 'reverse', reference: 'HK 2026/31' });
    await waitForProcessInstanceState(appeal.process_instance_id, 'COMPLETED');
    expect(await readPermit(permitId)).toMatchObject({ state: 'active', revocations: [expect.objectContaining({ id: revocation.id, outcome: 'reversed-on-appeal' })] });
    await findTimer(await permitInstance(h, caseId, [instance]), 'reminder-due');
    await recordedStep(h, caseId, 'permit-reinstatement-notices-sent');
  });

  it('dismisses an appeal sent after the revocation letter\'s deadline, and the permit stays revoked', async () => {
    const { caseId, permitId, revocation } = await revokedPermit();
    // The letter went out long ago: its deadline has passed.
    await h.db('permit_revocations').where({ id: revocation.id }).update({ appeal_deadline: '2026-01-20' });
    const { appeal } = await appealRevocation(permitId, caseId, { grounds: 'Vi fikk ikke brevet.', sentOn: '2026-01-22' });
    expect(appeal).toMatchObject({ revocation_id: revocation.id, within_deadline: false });
    await waitForProcessInstanceState(appeal.process_instance_id, 'COMPLETED');

    const dismissed = await letterOf(h, caseId, 'appeal-dismissed');
    expect(dismissed.text).toContain('på vedtaket om å tilbakekalle tillatelse');
    expect(dismissed.text).toContain('Klagefristen var 20.01.2026');
    expect(await readPermit(permitId)).toMatchObject({ state: 'revoked', revocations: [expect.objectContaining({ outcome: 'revoked', reinstatedAt: null })] });
  });

  it('takes an appeal only of a revoked permit, from its holder', async () => {
    const { permitId } = await grantedPermit(h);
    const running = await h.app.inject({ method: 'POST', url: `/permits/${permitId}/appeals`, payload: { grounds: 'Ingen grunn.' }, headers: holder });
    expect(running.statusCode).toBe(409);
    expect(running.json().detail).toContain('The permit is active');
    const custodian = await h.app.inject({ method: 'POST', url: `/permits/${permitId}/appeals`, payload: { grounds: 'Ingen grunn.' }, headers: bearer('custodian', { custodianId: 'FHI' }) });
    expect(custodian.statusCode).toBe(403);
    const empty = await h.app.inject({ method: 'POST', url: `/permits/${permitId}/appeals`, payload: { grounds: '' }, headers: holder });
    expect(empty.statusCode).toBe(400);
    expect(await h.db('permit_revocations').where({ permit_id: permitId })).toEqual([]);
  });
});
