// Statistics instead of a refusal (EHDS Art. 68(3)) on the real engine and database: the approver
// refuses every source and offers anonymised statistics; the refusal is recorded and published
// and its letter tells the offer and the last day to accept (rule statistics-instead-of-refusal);
// the applicant answers through the API. Accepted, the case becomes a request for anonymised
// statistics and goes on to the orders and the answer deadline from the acceptance; declined or
// unanswered (the timer by its due date), the case closes as refused. Under the Norwegian rules
// the offer is hidden and refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deadlineFor } from '../../../domain/rulebook/rulebooks.ts';
import { norwegianDate, osloDay } from '../../../domain/working-days.ts';
import { bearer } from '../auth.ts';
import { recordPath } from '../coverage.ts';
import { assignAndComplete, findTimer, findUserTask, fireTimer, incidents, waitForMessageSubscription, waitForProcessInstanceState, type UserTask } from '../engine.ts';
import { letterOf } from '../letters.ts';
import { eventually, postToCase, startCase, startHarness, type Harness } from '../harness.ts';
import { approver, assess, caseRow, caseView, caseworker, passCompleteness, passCostEstimate, processVariable, research, sourceChoices, startEhdsCase, status } from './case-steps.ts';

const process = 'hds-application';
const offered = 'Antall fødsler med svangerskapsdiabetes per fylke og år.';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const iso = (value: Date | string) => new Date(value).toISOString();
const answerUrl = (id: string) => `/applications/${id}/statistics-offer/answer`;
const answer = (id: string, value: string) => h.app.inject({ method: 'POST', url: answerUrl(id), payload: { answer: value }, headers: bearer('integrator') });

async function assessedForRefusal(rulebook: 'ehds' | 'norwegian') {
  const started = rulebook === 'ehds' ? await startEhdsCase(h, research) : await startCase(h, research);
  await passCompleteness(started.processInstanceId);
  if (rulebook === 'ehds') await passCostEstimate(h, started.id);
  await assess(started.processInstanceId, 'refusal');
  return { ...started, task: await findUserTask(started.processInstanceId, 'make-decision') };
}

// The same task back with a reason, and no incident.
async function backWith(processInstanceId: string, previous: UserTask) {
  const again = await eventually(async () => {
    const next = await findUserTask(processInstanceId, 'make-decision');
    return next.id !== previous.id && next;
  }, { what: 'the decision task back with its reason' });
  expect(await incidents(processInstanceId)).toEqual([]);
  return { task: again, problem: String(await processVariable(processInstanceId, 'decisionProblem')) };
}

// An EHDS case refused with the offer: recorded, published, the letter, the timer.
async function refusedWithOffer() {
  const { id, processInstanceId, task } = await assessedForRefusal('ehds');
  expect(await processVariable(processInstanceId, 'statisticsOfferAvailable')).toBe(true);
  await assignAndComplete(task, approver, await sourceChoices(processInstanceId, { outcome: 'refusal', offerStatistics: true, statisticsOfferText: offered }));
  const decision = await eventually(() => caseRow(h, 'decisions', id), { what: 'the refusal' });
  expect(decision.outcome).toBe('refusal');
  const dueAt = deadlineFor('ehds', 'statistics-instead-of-refusal', new Date(decision.decided_at));
  expect(await caseRow(h, 'statistics_offers', id)).toMatchObject({ offered_text: offered, offered_by: approver, answer_due_at: dueAt, answer: null });
  await waitForMessageSubscription(processInstanceId, 'statistics-offer-answered');
  expect(iso((await findTimer(processInstanceId, 'statistics-offer-expired')).dueDate!)).toBe(dueAt.toISOString());
  expect(await caseRow(h, 'decision_publications', id)).toBeTruthy();
  const letter = await letterOf(h, id, 'decision');
  expect(letter.text).toContain('Helsedataservice har avslått søknaden');
  expect(letter.text).toContain(`anonymisert statistikk i stedet (forordning (EU) 2025/327 art. 68 nr. 3): ${offered}`);
  expect(letter.text).toContain(`senest ${norwegianDate(osloDay(dueAt))} (10 virkedager fra vedtaket)`);
  expect((await caseView(h, id)).statisticsOffer).toEqual({ offered, answerDueAt: dueAt.toISOString(), answer: null, answeredAt: null });
  expect(await status(h, id)).toBe('decided');
  return { id, processInstanceId, dueAt };
}

describe('statistics instead of a refusal', { timeout: 300_000 }, () => {
  it('accepted: the case becomes a request for anonymised statistics, orders every source and is answered within 3 months of the acceptance', async () => {
    const { id, processInstanceId, task } = await assessedForRefusal('ehds');
    // Only instead of a refusal: a grant with an offer goes back.
    // The caseworker proposed a refusal: the approver grants both sources instead.
    await assignAndComplete(task, approver, { source1Decision: 'granted', source2Decision: 'granted', offerStatistics: true, statisticsOfferText: offered });
    const back = await backWith(processInstanceId, task);
    expect(back.problem).toMatch(/^Anonymisert statistikk kan bare tilbys i stedet for avslag/);
    expect(await processVariable(processInstanceId, 'offerStatistics')).toBe(true);
    expect(await caseRow(h, 'decisions', id)).toBeUndefined();
    await assignAndComplete(back.task, approver, await sourceChoices(processInstanceId, { outcome: 'refusal', offerStatistics: true, statisticsOfferText: offered }));
    const decision = await eventually(() => caseRow(h, 'decisions', id), { what: 'the refusal' });
    await waitForMessageSubscription(processInstanceId, 'statistics-offer-answered');
    expect(decision.outcome).toBe('refusal');

    await postToCase(h, answerUrl(id), { answer: 'accept' });
    const twice = await answer(id, 'decline');
    expect(twice.statusCode).toBe(409);
    expect(twice.json().detail).toMatch(/^The offer of anonymised statistics was answered \(accept\) on \d{4}-\d{2}-\d{2}T[\d:.]+Z; it is answered once$/);

    const orders = await eventually(async () => {
      const rows = await h.db('custodian_orders').where({ application_id: id, kind: 'data-order' }).whereNotNull('sent_at').orderBy('custodian_id');
      return rows.length === 2 && rows;
    }, { what: 'orders to both custodians' });
    expect(orders.map((o) => [o.custodian_id, o.register_ids])).toEqual([['DMP', ['BIVIRK']], ['FHI', ['MFR']]]);
    const offer = await caseRow(h, 'statistics_offers', id);
    expect(offer).toMatchObject({ answer: 'accept' });
    expect(offer.answered_by).toBeTruthy();
    const answerDue = deadlineFor('ehds', 'statistics-answer', new Date(offer.answered_at));
    expect(await caseRow(h, 'statistics_answers', id)).toMatchObject({ rule: 'statistics-answer', due_at: answerDue });
    const view = await caseView(h, id);
    expect(view.applicationType).toBe('anonymous-statistics');
    expect(view.applicationTypeChanges).toEqual([
      { from: 'new', to: 'anonymous-statistics', fromDataKind: 'identifiable', toDataKind: 'anonymous', reason: expect.stringMatching(/godtok tilbudet om anonymisert statistikk/), changedAt: expect.any(String) },
    ]);
    expect(view.decision.outcome).toBe('refusal');
    expect(view.statisticsOffer).toMatchObject({ answer: 'accept' });
    expect((await letterOf(h, id, 'custodian-order', 'DMP')).text).toContain('forespørsel om anonymisert statistikk');

    for (const order of orders) await postToCase(h, `/orders/${order.id}/delivery`, {}, bearer('custodian', { custodianId: order.custodian_id }));
    const release = await findUserTask(processInstanceId, 'release-statistics');
    expect(iso(release.due!)).toBe(answerDue.toISOString());
    await assignAndComplete(release, caseworker, { disclosureControlConfirmed: true, statisticsReleasedText: 'Tabell per fylke og år, sendt som CSV.' });
    await waitForProcessInstanceState(processInstanceId, 'COMPLETED');
    expect(await status(h, id)).toBe('statistics-delivered');
    const path = await recordPath(process, processInstanceId, 'statistics-delivered');
    for (const element of ['statistics-offer-gateway', 'await-statistics-offer-answer', 'statistics-offer-answered', 'statistics-offer-answer-gateway', 'convert-to-statistics-request', 'orders-merge', 'release-statistics']) {
      expect(path.has(element), element).toBe(true);
    }
    for (const element of ['close-refused-case', 'create-permit']) expect(path.has(element), element).toBe(false);
  });

  it('declined: the refusal stands and the case closes as refused', async () => {
    const { id, processInstanceId } = await refusedWithOffer();
    await postToCase(h, answerUrl(id), { answer: 'decline' });
    await waitForProcessInstanceState(processInstanceId, 'COMPLETED');
    expect(await status(h, id)).toBe('closed');
    expect(await caseRow(h, 'statistics_offers', id)).toMatchObject({ answer: 'decline' });
    expect(await h.db('custodian_orders').where({ application_id: id })).toEqual([]);
    expect((await caseView(h, id)).applicationType).toBe('new');
    const path = await recordPath(process, processInstanceId, 'closed-refused');
    for (const element of ['statistics-offer-answered', 'statistics-offer-refused-merge', 'refusal-merge', 'close-refused-case']) expect(path.has(element), element).toBe(true);
  });

  it('unanswered: after the last day the API refuses the answer, and the timer closes the case as refused', async () => {
    const { id, processInstanceId } = await refusedWithOffer();
    await h.db('statistics_offers').where({ application_id: id }).update({ answer_due_at: new Date(Date.now() - 60_000) });
    const late = await answer(id, 'accept');
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toMatch(/^The last day to answer the offer of anonymised statistics was \d{4}-\d{2}-\d{2}; the refusal stands$/);
    expect((await caseRow(h, 'statistics_offers', id)).answer).toBeNull();

    await fireTimer(await findTimer(processInstanceId, 'statistics-offer-expired'));
    await waitForProcessInstanceState(processInstanceId, 'COMPLETED');
    expect(await status(h, id)).toBe('closed');
    const path = await recordPath(process, processInstanceId, 'closed-refused');
    for (const element of ['statistics-offer-expired', 'statistics-offer-refused-merge', 'refusal-merge']) expect(path.has(element), element).toBe(true);
    expect(path.has('statistics-offer-answered')).toBe(false);
  });

  it('under the Norwegian rules: no offer on the form, one set anyway goes back, and there is no offer to answer', async () => {
    const { id, processInstanceId, task } = await assessedForRefusal('norwegian');
    expect(await processVariable(processInstanceId, 'statisticsOfferAvailable')).toBe(false);
    await assignAndComplete(task, approver, await sourceChoices(processInstanceId, { outcome: 'refusal', offerStatistics: true, statisticsOfferText: offered }));
    const back = await backWith(processInstanceId, task);
    expect(back.problem).toMatch(/^Anonymisert statistikk i stedet for avslag kan bare tilbys i saker etter EHDS-forordningen/);
    await assignAndComplete(back.task, approver, await sourceChoices(processInstanceId, { outcome: 'refusal', offerStatistics: false }));
    await waitForProcessInstanceState(processInstanceId, 'COMPLETED');
    expect(await status(h, id)).toBe('closed');
    expect(await caseRow(h, 'statistics_offers', id)).toBeUndefined();
    expect((await letterOf(h, id, 'decision')).text).not.toContain('anonymisert statistikk');
    const none = await answer(id, 'accept');
    expect(none.statusCode).toBe(409);
    expect(none.json().detail).toMatch(/no anonymised statistics were offered instead of a refusal/);
    expect((await recordPath(process, processInstanceId, 'closed-refused')).has('await-statistics-offer-answer')).toBe(false);
  });
});
