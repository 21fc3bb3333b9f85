// Appeals of a decision: reconsidered and reversed by HDS, sent on to Helseklage, or
// dismissed when they come after the appeal period. Appeals carry no fee.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../auth.ts';
import { recordPath } from '../coverage.ts';
import { assignAndComplete, engine, findProcessInstance, findUserTask, waitForMessageSubscription, waitForProcessInstanceState } from '../engine.ts';
import { eventually, postToCase, startCase, startHarness, type Harness } from '../harness.ts';
import { caseView } from './case-steps.ts';
import { letterOf } from '../letters.ts';

const process = 'hds-appeal';
// Any caseworker reconsiders an appeal; here not the one who took the case in.
const caseworker = 'saksbehandler2';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

// A case HDS decided (refused) on 2026-11-02, so it may be appealed until 2026-11-23.
async function decidedCase() {
  const { id } = await startCase(h);
  await h.db('decisions').insert({ application_id: id, decided_by_body: 'HDS', outcome: 'refusal', decided_by: 'beslutter', appeal_deadline: '2026-11-23' });
  // A refused case is closed.
  await h.db('applications').where({ id }).update({ status: 'closed' });
  return id;
}

// The appeal arrives through the API; the relay starts an appeal instance for the case.
async function appeal(applicationId: string, sentOn: string) {
  await postToCase(h, `/applications/${applicationId}/appeals`, { grounds: 'Formålet er innenfor registrenes formål.', sentOn });
  const registered = await eventually(async () => h.db('appeals').where({ application_id: applicationId }).first(), { what: 'the appeal to be registered' });
  expect(await findProcessInstance(registered.process_instance_id)).toMatchObject({ processDefinitionKey: process, businessKey: applicationId });
  return registered;
}

async function stageOfCase(id: string) {
  const view = await caseView(h, id);
  const listed = (await h.app.inject({ method: 'GET', url: `/applications?limit=100`, headers: bearer('caseworker') })).json();
  const item = listed.items.find((i: { id: string }) => i.id === id);
  expect(item && { stage: item.stage, stageName: item.stageName }).toEqual({ stage: view.stage, stageName: view.stageName });
  return { stage: view.stage, stageName: view.stageName };
}

describe('appeal process', { timeout: 120_000 }, () => {
  it('reverses the decision when HDS finds for the appellant', async () => {
    const id = await decidedCase();
    const registered = await appeal(id, '2026-11-20');
    expect(registered.within_deadline).toBe(true);

    const task = await findUserTask(registered.process_instance_id, 'reconsider-decision');
    // The appeal's form shows when it came and when the appeal period ended.
    const shown = await engine.call<Record<string, { value: unknown }>>('GET', `/process-instance/${registered.process_instance_id}/variables`);
    expect({ received: shown.appealReceivedText?.value, deadline: shown.appealDeadlineText?.value }).toEqual({ received: '20.11.2026', deadline: '23.11.2026' });
    // While the appeal is undecided the case is in the appeal stage, as Tasklist's filter names it.
    expect(await stageOfCase(id)).toEqual({ stage: 'appeal', stageName: 'Klagebehandling' });
    await assignAndComplete(task, caseworker, { appealOutcome: 'reverse', appealNotes: 'Nye opplysninger om formålet.' });
    await waitForProcessInstanceState(registered.process_instance_id, 'COMPLETED');
    expect(await stageOfCase(id)).toEqual({ stage: 'closed', stageName: 'Avsluttet' });
    const letter = await letterOf(h, id, 'appeal-reversed');
    expect(letter.text).toContain('mottatt 20.11.2026');
    expect(letter.text).toContain('endrer vedtaket i samsvar med klagen');
    expect(letter.text).toContain('Nye opplysninger om formålet.');

    expect(await h.db('appeals').where({ application_id: id }).first()).toMatchObject({ outcome: 'reversed' });
    expect((await h.db('applications').where({ id }).first()).status).toBe('decision-reversed');
    expect(await h.db('invoices').where({ application_id: id }).first()).toBeUndefined();
    const path = await recordPath(process, registered.process_instance_id, 'decision-reversed');
    expect(path.has('record-reversal') && !path.has('forward-to-helseklage')).toBe(true);
  });

  it('sends an upheld decision to Helseklage and records its decision', async () => {
    const id = await decidedCase();
    const registered = await appeal(id, '2026-11-23'); // the last day counts
    expect(registered.within_deadline).toBe(true);

    await assignAndComplete(await findUserTask(registered.process_instance_id, 'reconsider-decision'), caseworker, {
      appealOutcome: 'uphold',
      appealNotes: 'Vilkårene er ikke oppfylt.',
    });
    await eventually(async () => (await h.db('audit_events').where({ application_id: id }).pluck('step')).some((s: string) => s.startsWith('appeal-forwarded')), {
      what: 'the appeal to go to Helseklage',
    });
    const letter = await letterOf(h, id, 'appeal-to-helseklage');
    expect(letter.text).toContain('Klagen er derfor sendt til Helseklage');
    expect(letter.text).toContain('Vilkårene er ikke oppfylt.');
    await waitForMessageSubscription(registered.process_instance_id, 'helseklage-decision-received');
    await postToCase(h, `/applications/${id}/appeals/helseklage-decision`, { outcome: 'uphold', reference: 'HK 2026/9' });
    await waitForProcessInstanceState(registered.process_instance_id, 'COMPLETED');

    expect(await h.db('appeals').where({ application_id: id }).first()).toMatchObject({ outcome: 'upheld-by-helseklage', helseklage_reference: 'HK 2026/9' });
    // Upheld: the decision stands.
    expect((await h.db('applications').where({ id }).first()).status).not.toBe('decision-reversed');
    const path = await recordPath(process, registered.process_instance_id, 'helseklage-decided');
    expect(path.has('helseklage-decision-received') && !path.has('record-reversal')).toBe(true);
  });

  it('dismisses an appeal made after the appeal period', async () => {
    const id = await decidedCase();
    const registered = await appeal(id, '2026-11-24');
    expect(registered.within_deadline).toBe(false);
    await waitForProcessInstanceState(registered.process_instance_id, 'COMPLETED');
    expect(await h.db('appeals').where({ application_id: id }).first()).toMatchObject({ outcome: 'dismissed' });
    const letter = await letterOf(h, id, 'appeal-dismissed');
    expect(letter.text).toContain('Klagefristen var 23.11.2026. Klagen kom for sent');
    const path = await recordPath(process, registered.process_instance_id, 'appeal-dismissed');
    expect(path.has('reconsider-decision')).toBe(false);
  });
});
