// A permit under EHDS (Regulation (EU) 2025/327 Art. 68(12)), on the real engine and database:
// a decision whose permit would run more than 10 years goes back to the approver with the
// reason and nothing recorded; the holder is reminded before the last day to ask for an
// extension, a month before the end, and the letter names that day; the data are to be deleted
// within 6 months of the end, when the caseworker's follow-up comes, and within 6 months of a
// revocation; a periodic delivery's holders have the 3 months of Art. 60(2), and a late one is
// recorded and followed up; a change application that
// extends the permit by more than 10 years, a second time, or asked later than a month before
// the end goes back to the approver with the reason. The Norwegian permit's life is
// process/permit.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deletionConfirmationDue, permitSchedule } from '../../../domain/permit/permit.ts';
import { deadlineFor } from '../../../domain/rulebook/rulebooks.ts';
import { addCalendarDays, addCalendarMonths, norwegianDate, osloDay } from '../../../domain/working-days.ts';
import { endsOn } from '../../../store/permit/permits.ts';
import { recordPath } from '../coverage.ts';
import { letterOf } from '../letters.ts';
import { bearer } from '../auth.ts';
import { assignAndComplete, engineAs, findTimer, findUserTask, fireTimer, incidents, waitForMessageSubscription, waitForProcessInstanceState, type Job } from '../engine.ts';
import { eventually, postToCase, startCase, startHarness, type Harness } from '../harness.ts';
import { approver, assess, caseRow, caseworker, decide, passCompleteness, passCostEstimate, startEhdsCase, processVariable, recordedStep, research, source, steps } from './case-steps.ts';
import { granting, permitInstance } from './permit-steps.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const iso = (job: Job) => new Date(job.dueDate!).toISOString();
const permitRow = (permitId: string) => h.db('permits').where({ id: permitId }).first();

// A case received under the EHDS pilot (from today), once its rulebook is recorded, taken to
// the approver's decision.
async function ehdsCaseAtDecision(submission: object = research) {
  const started = await startEhdsCase(h, submission);
  await passCompleteness(started.processInstanceId);
  await passCostEstimate(h, started.id);
  await assess(started.processInstanceId);
  return started;
}

// The approver's decision, and the decision task it comes back to with the reason.
async function decisionSentBack(processInstanceId: string, decision: Record<string, unknown>): Promise<string> {
  const first = await findUserTask(processInstanceId, 'make-decision');
  await decide(processInstanceId, decision);
  await eventually(async () => ((await findUserTask(processInstanceId, 'make-decision')).id !== first.id ? true : undefined), { what: 'the decision task again' });
  expect(await incidents(processInstanceId)).toEqual([]);
  expect((await recordPath('hds-application', processInstanceId, 'decision-invalid')).has('decision-merge')).toBe(true);
  return String(await processVariable(processInstanceId, 'decisionProblem'));
}

// An EHDS case granted with the permit ending on `lastDay`, and its permit's process.
async function ehdsPermit(lastDay: string, decision: Record<string, unknown> = {}) {
  const started = await ehdsCaseAtDecision();
  await decide(started.processInstanceId, { ...granting, permitEndDate: lastDay, ...decision });
  const permit = await eventually(() => h.db('permits').where({ application_id: started.id }).first(), { what: `the permit of case ${started.id}` });
  return { ...started, permitId: permit.id as string, instance: await permitInstance(h, started.id) };
}

// A change application to the case `reference`, asking for the project to run to `endDate`,
// taken to the approver's decision.
async function changeAtDecision(reference: string, endDate: string) {
  const change = await startCase(h, { ...research, applicationType: 'change', earlierDecisionReference: reference, project: { ...research.project, period: { startDate: '2025-01-01', endDate } } });
  await passCompleteness(change.processInstanceId);
  await assess(change.processInstanceId);
  return change;
}

describe('a permit under EHDS', { timeout: 300_000 }, () => {
  it('runs at most 10 years, reminds before the last day to ask for an extension, and gives 6 months to delete the data', async () => {
    const { id, processInstanceId } = await ehdsCaseAtDecision();
    // The project starts 1 January 2025: ten years run to 1 January 2035.
    const problem = await decisionSentBack(processInstanceId, { ...granting, permitEndDate: '2035-01-02' });
    expect(problem).toBe('En tillatelse kan gjelde i høyst 10 år (forordning (EU) 2025/327 art. 68 nr. 12). Tillatelsen starter 01.01.2025 og kan gjelde til og med 01.01.2035, ikke til 02.01.2035. Sett en tidligere sluttdato. Ingenting er registrert.');
    expect(await caseRow(h, 'decisions', id)).toBeUndefined();
    expect(await h.db('permits').where({ application_id: id }).first()).toBeUndefined();
    expect(await steps(h, id)).toContain('decision-returned');

    // Within the limit: decided, and the permit's process plans the EHDS reminder.
    await decide(processInstanceId, { ...granting, permitEndDate: '2030-03-31' });
    const permit = await eventually(() => h.db('permits').where({ application_id: id }).first(), { what: 'the permit' });
    const instance = await permitInstance(h, id);
    const schedule = permitSchedule('2030-03-31', 'ehds');
    // The last day to ask is 28 February 2030; the reminder comes 30 days before it.
    expect(schedule.extensionRequestBy).toBe('2030-02-28');
    const reminder = await findTimer(instance, 'reminder-due');
    expect(iso(reminder)).toBe(schedule.reminderAt.toISOString());
    expect(iso(reminder)).not.toBe(permitSchedule('2030-03-31', 'norwegian').reminderAt.toISOString());
    await fireTimer(reminder);
    const reminderLetter = await letterOf(h, id, 'permit-expiry-reminder');
    expect(reminderLetter.text).toContain('endringssøknad om forlengelse senest 28.02.2030, 1 måned før perioden er ute (forordning (EU) 2025/327 art. 68 nr. 12)');

    const end = await findTimer(instance, 'period-ended');
    expect(iso(end)).toBe(schedule.endsAt.toISOString());
    await fireTimer(end);
    // Six months after 31 March 2030: the end of 30 September 2030, not 20 working days.
    const late = await findTimer(instance, 'deletion-confirmation-late');
    expect(iso(late)).toBe(deletionConfirmationDue('ehds', '2030-03-31', new Date()).toISOString());
    expect(iso(late)).toBe('2030-09-30T21:59:59.999Z');
    expect(await processVariable(instance, 'deletionConfirmationDueText')).toBe('30.09.2030');
    const deletionLetter = await letterOf(h, id, 'permit-deletion-request');
    expect(deletionLetter.text).toContain('Dataene skal slettes senest 6 måneder etter at tillatelsen utløp, det vil si innen 30.09.2030 (forordning (EU) 2025/327 art. 68 nr. 12).');
    expect(await permitRow(permit.id)).toMatchObject({ state: 'expired' });
    await fireTimer(late);
    await findUserTask(instance, 'follow-up-deletion');
  });

  it('extends once by up to 10 years: a longer extension and a second one go back to the approver', async () => {
    const { reference, permitId } = await ehdsPermit('2029-12-31');

    // Ten years from 31 December 2029 end on 31 December 2039.
    const first = await changeAtDecision(reference, '2040-01-01');
    const tooLong = await decisionSentBack(first.processInstanceId, granting);
    expect(tooLong).toBe('Tillatelsen kan forlenges med høyst 10 år (forordning (EU) 2025/327 art. 68 nr. 12): fra 31.12.2029 til senest 31.12.2039, ikke til 01.01.2040. Avslå forlengelsen, eller behold sluttdatoen 31.12.2029. Ingenting er registrert.');
    expect(await caseRow(h, 'decisions', first.id)).toBeUndefined();
    expect(await permitRow(permitId)).toMatchObject({ version: 1 });
    // The approver grants a shorter extension instead.
    await decide(first.processInstanceId, { ...granting, permitEndDate: '2031-06-30' });
    await eventually(async () => (await permitRow(permitId)).version === 2 || undefined, { what: 'the permit to be extended' });
    expect(await permitRow(permitId)).toMatchObject({ state: 'extended' });

    const second = await changeAtDecision(reference, '2032-06-30');
    const again = await decisionSentBack(second.processInstanceId, granting);
    expect(again).toBe('Tillatelsen er allerede forlenget én gang, og kan bare forlenges én gang (forordning (EU) 2025/327 art. 68 nr. 12). Avslå forlengelsen, eller behold sluttdatoen 30.06.2031. Ingenting er registrert.');
    // Refused: the permit keeps its end.
    await decide(second.processInstanceId, { outcome: 'refusal' });
    await recordedStep(h, second.id, 'decided');
    expect(await caseRow(h, 'decisions', second.id)).toMatchObject({ outcome: 'refusal' });
    expect(await permitRow(permitId)).toMatchObject({ version: 2 });
    expect(endsOn(await permitRow(permitId))).toBe('2031-06-30');
  });

  it('refuses an extension asked for later than a month before the end', async () => {
    // The permit ends in 20 days: a request today is late.
    const lastDay = addCalendarDays(osloDay(new Date()), 20);
    const { reference, permitId } = await ehdsPermit(lastDay);
    const change = await changeAtDecision(reference, '2031-06-30');
    const problem = await decisionSentBack(change.processInstanceId, granting);
    const requestBy = permitSchedule(lastDay, 'ehds').extensionRequestBy!;
    expect(problem).toBe(
      `Søknaden om forlengelse kom ${norwegianDate(osloDay(new Date()))}, men måtte komme senest 1 måned før tillatelsen utløper ${norwegianDate(lastDay)}, det vil si innen ${norwegianDate(requestBy)} (forordning (EU) 2025/327 art. 68 nr. 12). Avslå forlengelsen, eller behold sluttdatoen ${norwegianDate(lastDay)}. Ingenting er registrert.`,
    );
    expect(await caseRow(h, 'decisions', change.id)).toBeUndefined();
    expect(await permitRow(permitId)).toMatchObject({ version: 1, state: 'active' });
    // Not an extension: the approver may keep the end and grant the rest of the change.
    await decide(change.processInstanceId, { ...granting, permitEndDate: lastDay });
    await eventually(async () => (await permitRow(permitId)).version === 2 || undefined, { what: 'the permit to be amended' });
    expect(await permitRow(permitId)).toMatchObject({ state: 'active' });
  });

  it('gives the holder of a revoked permit 6 months to delete the data, as its end would', async () => {
    const { id, permitId, instance } = await ehdsPermit('2030-03-31');
    await waitForMessageSubscription(instance, 'revocation-requested');
    await postToCase(h, `/permits/${permitId}/revocation`, { reason: 'Data ble delt med en person uten tilgang.' }, bearer('caseworker', { sub: caseworker }));
    await assignAndComplete(await findUserTask(instance, 'decide-revocation'), approver, { revocationOutcome: 'revoke' });
    await waitForProcessInstanceState(instance, 'COMPLETED');
    const revokedOn = osloDay(new Date());
    const deleteBy = norwegianDate(osloDay(deletionConfirmationDue('ehds', revokedOn, new Date())));
    // Six calendar months from the revocation's day, not 20 working days.
    expect(deleteBy).toBe(norwegianDate(addCalendarMonths(revokedOn, 6)));
    const letter = await letterOf(h, id, 'permit-revocation-decision');
    expect(letter.text.replace(/\s+/g, ' ')).toContain(`Dataene skal slettes senest 6 måneder etter at tillatelsen ble tilbakekalt, det vil si innen ${deleteBy} (forordning (EU) 2025/327 art. 68 nr. 12)`);
  });

  it("gives a periodic delivery's holders 3 months, records the late one and has a caseworker follow it up", async () => {
    const { id, permitId, instance } = await ehdsPermit('2030-03-31', { periodicDeliveries: true });
    await waitForMessageSubscription(instance, 'delivery-requested');
    await postToCase(h, `/permits/${permitId}/delivery-requests`, { dataSources: [source('MFR'), source('BIVIRK')] }, bearer('integrator'));
    const orders = await eventually(async () => {
      const found = await h.db('custodian_orders').where({ permit_id: permitId, kind: 'periodic-delivery', state: 'sent' }).orderBy('custodian_id');
      return found.length === 2 ? found : undefined;
    }, { what: 'the periodic delivery orders' });
    // Each order has the holders' deadline, 3 months from the request, as a data order has.
    const due = deadlineFor('ehds', 'holder-delivery', new Date(orders[0].sent_at)).toISOString();
    expect(orders.map((o) => [o.custodian_id, new Date(o.due_at).toISOString(), o.due_rule])).toEqual([
      ['DMP', due, 'holder-delivery'],
      ['FHI', due, 'holder-delivery'],
    ]);
    const letter = await letterOf(h, id, 'custodian-delivery-order', 'FHI');
    expect(letter!.text).toContain(`Frist for utlevering: ${norwegianDate(osloDay(new Date(due)))} (3 måneder fra bestillingen, forordning (EU) 2025/327 art. 60 nr. 2).`);
    const timer = await findTimer(instance, 'periodic-delivery-due');
    expect(iso(timer)).toBe(due);
    // DMP delivers in time, FHI does not.
    const dmp = await h.app.inject({ method: 'POST', url: `/orders/${orders[0].id}/delivery`, payload: {}, headers: bearer('custodian', { custodianId: 'DMP' }) });
    expect(dmp.statusCode, dmp.body).toBe(200);
    await fireTimer(timer);
    const followUp = await findUserTask(instance, 'follow-up-periodic-delivery');
    const late = await h.db('custodian_orders').where({ permit_id: permitId, kind: 'periodic-delivery' }).orderBy('custodian_id');
    expect(late.map((o) => [o.custodian_id, o.state, o.late_at !== null])).toEqual([
      ['DMP', 'delivered', false],
      ['FHI', 'sent', true],
    ]);
    expect(await steps(h, id)).toEqual(expect.arrayContaining([expect.stringMatching(/^order-late:periodic-delivery:.+:FHI$/)]));
    // Caseworkers find it in Tasklist's filter Utlevering, beside the data orders' follow-ups.
    const [deliveries] = await engineAs(caseworker).call<{ id: string }[]>('GET', '/filter?name=Utlevering');
    const listed = await engineAs(caseworker).call<{ id: string }[]>('POST', `/filter/${deliveries!.id}/list`, {});
    expect(listed.map((t) => t.id)).toContain(followUp.id);
    await assignAndComplete(followUp, caseworker, { followUpNotes: 'FHI leverer innen to uker.' });
    const path = await recordPath('hds-permit', instance, 'periodic-delivery-followed-up');
    for (const element of ['periodic-clock-gateway', 'periodic-delivery-due', 'record-late-periodic-delivery', 'periodic-late-gateway', 'follow-up-periodic-delivery']) expect(path.has(element), element).toBe(true);

    // A second request delivered in time ends without a follow-up.
    await postToCase(h, `/permits/${permitId}/delivery-requests`, { dataSources: [source('BIVIRK')] }, bearer('integrator'));
    const second = await eventually(async () => h.db('custodian_orders').where({ permit_id: permitId, kind: 'periodic-delivery', state: 'sent', custodian_id: 'DMP' }).first(), { what: 'the second order' });
    await h.app.inject({ method: 'POST', url: `/orders/${second.id}/delivery`, payload: {}, headers: bearer('custodian', { custodianId: 'DMP' }) });
    await fireTimer(await findTimer(instance, 'periodic-delivery-due'));
    await recordPath('hds-permit', instance, 'periodic-delivered-in-time');
  });
});
