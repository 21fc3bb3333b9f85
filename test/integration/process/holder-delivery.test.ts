// The custodians' delivery clock and the user's access under both rulebooks, on the real engine
// and database. Under EHDS (Regulation (EU) 2025/327) a holder delivers within 3 months of the
// order (Art. 60(2)), may have that extended once, is recorded when late (Art. 63(4)), and the
// user gets the data within 2 months of the last delivery (Art. 68(7)); every clock is checked by
// its timer's due date, then fired. A Norwegian case keeps its 60 working days and closes after
// the last delivery.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extendedDueAt } from '../../../domain/order/delivery-clock.ts';
import { deadlineFor } from '../../../domain/rulebook/rulebooks.ts';
import { norwegianDate, osloDay } from '../../../domain/working-days.ts';
import { bearer } from '../auth.ts';
import { recordPath } from '../coverage.ts';
import { letterOf } from '../letters.ts';
import { assignAndComplete, engine, findTimer, findUserTask, fireTimer, incidents, waitForElement, waitForMessageSubscription, waitForProcessInstanceState } from '../engine.ts';
import { eventually, postToCase, startHarness, type Harness } from '../harness.ts';
import { caseView, caseworker, grantedCase as grantedOneSourceCase, processVariable, status, recordedStep, steps } from './case-steps.ts';

const process = 'hds-application';
const fhi = bearer('custodian', { custodianId: 'FHI', sub: 'fhi-integrasjon' });

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const grantedCase = (rulebook: 'ehds' | 'norwegian') => grantedOneSourceCase(h, rulebook);

const timerDue = async (processInstanceId: string, activityId: string) => new Date((await findTimer(processInstanceId, activityId)).dueDate!).toISOString();
const orderOf = (orderId: number) => h.db('custodian_orders').where({ id: orderId }).first();
const dataOrderStats = async () => (await h.app.inject({ method: 'GET', url: '/stats', headers: bearer('caseworker') })).json().orders['data-order'];

describe('the holders\' delivery clock and the user\'s access', { timeout: 240_000 }, () => {
  it('under EHDS: 3 months from the order, one extension moving the timer, a late holder recorded, then the user\'s access within 2 months of the delivery', async () => {
    const { id, processInstanceId, order } = await grantedCase('ehds');
    const orderId = Number(order.id);

    // 3 months from the body's request (Art. 60(2)), set when the order was sent.
    const dueAt = deadlineFor('ehds', 'holder-delivery', new Date(order.sent_at));
    expect(order).toMatchObject({ due_rule: 'holder-delivery', state: 'sent' });
    expect(new Date(order.due_at).toISOString()).toBe(dueAt.toISOString());
    expect(await timerDue(processInstanceId, 'delivery-late')).toBe(dueAt.toISOString());
    const letter = await letterOf(h, id, 'custodian-order', 'FHI');
    expect(letter.text).toContain(`Frist for utlevering: ${norwegianDate(osloDay(dueAt))} (3 måneder fra bestillingen, forordning (EU) 2025/327 art. 60 nr. 2)`);
    expect(letter.text).toContain('kan dere én gang be om å få fristen forlenget med inntil 3 måneder');

    // The custodian asks for 2 more months: the order's deadline moves, and so does the timer.
    await waitForMessageSubscription(processInstanceId, 'delivery-extended');
    await postToCase(h, `/orders/${orderId}/extension`, { months: 2, reason: 'Koblingen tar lengre tid enn ventet.' }, fhi);
    const newDueAt = extendedDueAt(dueAt, 2);
    expect(new Date((await orderOf(orderId)).due_at).toISOString()).toBe(newDueAt.toISOString());
    await eventually(async () => (await timerDue(processInstanceId, 'delivery-late')) === newDueAt.toISOString(), { what: 'the delivery-late timer to run to the new deadline' });
    // The deadline is the custodian's hand-off's own, not the case's.
    await expect(processVariable(processInstanceId, 'deliveryDueAt')).rejects.toThrow(/does not exist/);
    await waitForMessageSubscription(processInstanceId, 'delivery-confirmed');
    expect(await h.db('order_extensions').where({ order_id: orderId }).first()).toMatchObject({ months: 2, requested_by: 'fhi-integrasjon' });

    // The deadline passes: the late holder is recorded (Art. 63(4)) and a caseworker follows up.
    const lateBefore = (await dataOrderStats()).late;
    await fireTimer(await findTimer(processInstanceId, 'delivery-late'));
    const followUp = await findUserTask(processInstanceId, 'follow-up-delivery');
    const late = await orderOf(orderId);
    expect(late.late_at).not.toBeNull();
    expect(late.state).toBe('sent');
    expect(await recordedStep(h, id, 'order-late:FHI')).toBeTruthy();
    expect((await dataOrderStats()).late).toBe(lateBefore + 1);
    await assignAndComplete(followUp, caseworker, { followUpNotes: 'FHI leverer innen to uker.' });
    await waitForElement(processInstanceId, 'delivery-followed-up');

    // Every holder has delivered: the user's access is due 2 months later (Art. 68(7)).
    await postToCase(h, `/orders/${orderId}/delivery`, { analysisEnvironment: 'TSD' }, fhi);
    const task = await findUserTask(processInstanceId, 'make-data-available');
    const delivered = await orderOf(orderId);
    const accessDue = deadlineFor('ehds', 'user-access', new Date(delivered.delivered_at));
    expect(await h.db('user_access').where({ application_id: id }).first()).toMatchObject({ delivered_at: delivered.delivered_at, due_at: accessDue, given_at: null, late_at: null });
    expect(new Date(task.due!).toISOString()).toBe(accessDue.toISOString());
    expect(await timerDue(processInstanceId, 'user-access-late')).toBe(accessDue.toISOString());
    // The form shows the last delivery and the due date.
    expect((await engine.call<{ id: string }>('GET', `/task/${task.id}/deployed-form`)).id).toBe('user-access');
    expect(await processVariable(processInstanceId, 'userAccessDueText')).toBe(norwegianDate(osloDay(accessDue)));
    expect(await processVariable(processInstanceId, 'lastDeliveryText')).toBe(norwegianDate(osloDay(new Date(delivered.delivered_at))));
    expect(await status(h, id)).toBe('awaiting-delivery');
    expect((await caseView(h, id)).userAccess).toEqual({ deliveredAt: new Date(delivered.delivered_at).toISOString(), dueAt: accessDue.toISOString(), givenAt: null, lateAt: null });

    // The due date passes: recorded, and the task stays open.
    await fireTimer(await findTimer(processInstanceId, 'user-access-late'));
    await waitForElement(processInstanceId, 'user-access-late-recorded');
    expect((await h.db('user_access').where({ application_id: id }).first()).late_at).not.toBeNull();
    expect((await findUserTask(processInstanceId, 'make-data-available')).id).toBe(task.id);

    // Completed without confirming: back to the form with the reason, no incident.
    await assignAndComplete(task, caseworker, { userAccessGiven: false });
    const again = await eventually(async () => {
      const next = await findUserTask(processInstanceId, 'make-data-available');
      return next.id !== task.id && next;
    }, { what: 'the user-access task back with its reason' });
    expect(await processVariable(processInstanceId, 'userAccessProblem')).toMatch(/^Kryss av for at dataene er gjort tilgjengelige for brukeren/);
    expect(await incidents(processInstanceId)).toEqual([]);
    expect((await h.db('user_access').where({ application_id: id }).first()).given_at).toBeNull();

    await assignAndComplete(again, caseworker, { userAccessGiven: true, userAccessNote: 'Dataene ligger i prosjektområdet p123 i TSD.' });
    await waitForProcessInstanceState(processInstanceId, 'COMPLETED');
    expect(await status(h, id)).toBe('closed');
    const access = await h.db('user_access').where({ application_id: id }).first();
    expect(access).toMatchObject({ given_by: caseworker, note: 'Dataene ligger i prosjektområdet p123 i TSD.' });
    expect(access.given_at).not.toBeNull();
    expect((await steps(h, id)).slice(-7)).toEqual(['delivery-confirmed', 'order-delivered:FHI', 'user-access-planned', 'user-access-late', 'user-access-returned', 'user-access-given', 'closed']);

    const path = await recordPath(process, processInstanceId, 'case-closed');
    for (const element of ['await-delivery-merge', 'delivery-extended', 'late-rulebook-gateway', 'record-late-delivery', 'late-merge', 'access-rulebook-gateway', 'plan-user-access', 'user-access-merge', 'make-data-available', 'record-user-access', 'user-access-invalid', 'user-access-late', 'record-late-user-access', 'access-merge']) {
      expect(path.has(element), element).toBe(true);
    }
  });

  it('under the Norwegian rules: 60 working days, no extension, no late holder recorded, and the case closes after the last delivery', async () => {
    const { id, processInstanceId, order } = await grantedCase('norwegian');
    const orderId = Number(order.id);
    const dueAt = deadlineFor('norwegian', 'custodian-delivery', new Date(order.sent_at));
    expect(order.due_rule).toBe('custodian-delivery');
    expect(new Date(order.due_at).toISOString()).toBe(dueAt.toISOString());
    expect(await timerDue(processInstanceId, 'delivery-late')).toBe(dueAt.toISOString());
    const letter = await letterOf(h, id, 'custodian-order', 'FHI');
    expect(letter.text).toContain(`Frist for utlevering: ${norwegianDate(osloDay(dueAt))} (60 virkedager fra bestillingen, HDS' egen frist)`);
    expect(letter.text).not.toContain('forlenget');

    const refused = await h.app.inject({ method: 'POST', url: `/orders/${orderId}/extension`, payload: { months: 1, reason: 'Trenger mer tid.' }, headers: fhi });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().type).toBe('https://helsedata.no/problems/not-in-rulebook');

    await fireTimer(await findTimer(processInstanceId, 'delivery-late'));
    await assignAndComplete(await findUserTask(processInstanceId, 'follow-up-delivery'), caseworker, { followUpNotes: 'Purret.' });
    await waitForElement(processInstanceId, 'delivery-followed-up');
    expect((await orderOf(orderId)).late_at).toBeNull();

    await postToCase(h, `/orders/${orderId}/delivery`, { analysisEnvironment: 'TSD' }, fhi);
    await waitForProcessInstanceState(processInstanceId, 'COMPLETED');
    expect(await status(h, id)).toBe('closed');
    expect(await h.db('user_access').where({ application_id: id }).first()).toBeUndefined();
    expect((await caseView(h, id)).userAccess).toBeNull();
    expect((await steps(h, id)).slice(-3)).toEqual(['delivery-confirmed', 'order-delivered:FHI', 'closed']);

    const path = await recordPath(process, processInstanceId, 'case-closed');
    for (const element of ['late-rulebook-gateway', 'late-merge', 'access-rulebook-gateway', 'access-merge']) expect(path.has(element), element).toBe(true);
    for (const element of ['record-late-delivery', 'plan-user-access', 'delivery-extended']) expect(path.has(element), element).toBe(false);
  });
});
