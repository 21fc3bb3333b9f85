// A request for anonymised statistics (EHDS Art. 69) on its own path under both rulebooks, on
// the real engine and database: a caseworker assesses it (sources, purpose, how the output is
// anonymised) and an approver decides it (four eyes; no dispensation, no permit); the answer
// letter; after a grant the custodians are asked for aggregated figures and a caseworker
// checks and releases them by the answer deadline. Each clock is checked by its timer's due
// date: the assessment (EHDS statistics-assessment, 3 months; Norwegian § 19 f) and the answer
// (statistics-answer: EHDS 3 months from the decision; Norwegian 60 working days).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayFor, deadlineFor, type RulebookId } from '../../../domain/rulebook/rulebooks.ts';
import { endOfOsloDay, norwegianDate, osloDay } from '../../../domain/working-days.ts';
import { bearer } from '../auth.ts';
import { recordPath } from '../coverage.ts';
import { assignAndComplete, engine, engineAs, findTimer, findUserTask, fireTimer, incidents, waitForElement, waitForMessageSubscription, waitForProcessInstanceState, type UserTask } from '../engine.ts';
import { letterOf } from '../letters.ts';
import { eventually, postToCase, startCase, startHarness, type Harness } from '../harness.ts';
import { approver, caseRow, caseView, caseworker, passCompleteness, passCostEstimate, processVariable, sourceChoices, startEhdsCase, statisticsRequest, status, steps } from './case-steps.ts';

const process = 'hds-application';
const fhi = bearer('custodian', { custodianId: 'FHI', sub: 'fhi-integrasjon' });
const anonymised = { aggregationLevel: 'Fylke og femårige aldersgrupper', smallCellsSuppressed: true, purposeWithinRegisterPurposes: true };

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const iso = (value: Date | string) => new Date(value).toISOString();
const timerDue = async (processInstanceId: string, activityId: string) => iso((await findTimer(processInstanceId, activityId)).dueDate!);
const answerStats = async (rulebook: RulebookId) => (await h.app.inject({ method: 'GET', url: '/stats', headers: bearer('caseworker') })).json().statisticsAnswers.byRulebook[rulebook];

// A request past the completeness check (and under EHDS the cost estimate), waiting for its
// assessment: the statutory clock is the rulebook's for a statistics request, with no extension.
async function requestInAssessment(rulebook: RulebookId) {
  const started = rulebook === 'ehds' ? await startEhdsCase(h, statisticsRequest) : await startCase(h, statisticsRequest);
  await passCompleteness(started.processInstanceId);
  if (rulebook === 'ehds') await passCostEstimate(h, started.id);
  const task = await findUserTask(started.processInstanceId, 'assess-statistics-request');
  const deadline = await caseRow(h, 'deadlines', started.id);
  const dueAt = endOfOsloDay(dayFor(rulebook, rulebook === 'ehds' ? 'statistics-assessment' : 'decision', deadline.starts_on instanceof Date ? osloDay(deadline.starts_on) : deadline.starts_on));
  expect(deadline.rule).toBe(rulebook === 'ehds' ? 'statistics-assessment' : 'decision');
  expect(iso(deadline.due_at)).toBe(dueAt.toISOString());
  expect(await timerDue(started.processInstanceId, 'statutory-deadline-passed')).toBe(dueAt.toISOString());
  expect(iso(task.due!)).toBe(dueAt.toISOString());
  expect(await processVariable(started.processInstanceId, 'deadlineExtensionOffer')).toBe('');
  expect((await engine.call<{ id: string }>('GET', `/task/${task.id}/deployed-form`)).id).toBe('statistics-assessment');
  return { ...started, task };
}

async function assessRequest(processInstanceId: string, outcome: 'grant' | 'refusal', extra: Record<string, unknown> = anonymised, user = caseworker, task?: UserTask) {
  await assignAndComplete(task ?? (await findUserTask(processInstanceId, 'assess-statistics-request')), user, await sourceChoices(processInstanceId, { outcome, hoursSpent: 2, assessmentNotes: 'Tabellene kan lages uten å røpe enkeltpersoner.', ...extra }));
}

async function decideRequest(processInstanceId: string, outcome: 'grant' | 'refusal', extra: Record<string, unknown> = {}) {
  const task = await findUserTask(processInstanceId, 'decide-statistics-request');
  expect((await engine.call<{ id: string }>('GET', `/task/${task.id}/deployed-form`)).id).toBe('statistics-decision');
  await assignAndComplete(task, approver, await sourceChoices(processInstanceId, { outcome, decisionNotes: 'Forespørselen er vurdert etter art. 69.', ...extra }));
}

// The same task back with a reason: a new task instance, the problem set, no incident.
async function backWith(processInstanceId: string, taskKey: string, previous: UserTask, variable: string) {
  const again = await eventually(async () => {
    const next = await findUserTask(processInstanceId, taskKey);
    return next.id !== previous.id && next;
  }, { what: `${taskKey} back with its reason` });
  expect(await incidents(processInstanceId)).toEqual([]);
  return { task: again, problem: String(await processVariable(processInstanceId, variable)) };
}

// After a grant: the order to FHI, the custodian's delivery, and the release task due at the answer deadline.
async function deliveredRequest(id: string, processInstanceId: string, rulebook: RulebookId) {
  const decision = await eventually(() => caseRow(h, 'decisions', id), { what: 'the decision' });
  const answerDue = deadlineFor(rulebook, 'statistics-answer', new Date(decision.decided_at));
  const answer = await eventually(() => caseRow(h, 'statistics_answers', id), { what: 'the answer deadline' });
  expect(answer).toMatchObject({ rulebook, rule: 'statistics-answer', due_at: answerDue, released_at: null, late_at: null });
  expect(await h.db('permits').where({ application_id: id }).first()).toBeUndefined();
  const order = await eventually(() => h.db('custodian_orders').where({ application_id: id, custodian_id: 'FHI', kind: 'data-order' }).whereNotNull('sent_at').first(), { what: 'the order to FHI' });
  const orderLetter = await letterOf(h, id, 'custodian-order', 'FHI');
  expect(orderLetter.text).toContain('Helsedataservice har innvilget en forespørsel om anonymisert statistikk');
  expect(orderLetter.text).toContain('aggregerte, anonymiserte tall (Fylke og femårige aldersgrupper)');
  expect(orderLetter.text).not.toContain('Personer med tilgang');
  expect((await caseView(h, id)).deadlines.statisticsAnswer).toMatchObject({ rule: 'statistics-answer', dueAt: answerDue.toISOString(), releasedAt: null, lateAt: null });
  await waitForMessageSubscription(processInstanceId, 'delivery-confirmed');
  await postToCase(h, `/orders/${order.id}/delivery`, {}, fhi);
  const task = await findUserTask(processInstanceId, 'release-statistics');
  expect(iso(task.due!)).toBe(answerDue.toISOString());
  expect(await timerDue(processInstanceId, 'statistics-answer-late')).toBe(answerDue.toISOString());
  expect((await engine.call<{ id: string }>('GET', `/task/${task.id}/deployed-form`)).id).toBe('statistics-release');
  expect(await processVariable(processInstanceId, 'statisticsAnswerDueText')).toBe(norwegianDate(osloDay(answerDue)));
  expect(await status(h, id)).toBe('awaiting-delivery');
  return { task, answerDue };
}

describe('a request for anonymised statistics', { timeout: 300_000 }, () => {
  it('under EHDS: 3 months to assess it, four eyes, no dispensation, the answer letter, 3 months more to answer, a late answer recorded, then released after the disclosure control', async () => {
    const assessor = 'allrounder';
    const { id, processInstanceId, task: assessment } = await requestInAssessment('ehds');

    // A grant needs the aggregation and small cells suppressed: back to the form.
    await assessRequest(processInstanceId, 'grant', { smallCellsSuppressed: false, aggregationLevel: '' }, assessor, assessment);
    const returned = await backWith(processInstanceId, 'assess-statistics-request', assessment, 'assessmentProblem');
    expect(returned.problem).toMatch(/^Skriv aggregeringsnivået .* Kryss av for at små celler skjermes/);
    await assessRequest(processInstanceId, 'grant', anonymised, assessor, returned.task);

    // The engine refuses the assessor the decision; one completed past it goes back (four eyes).
    const decision = await findUserTask(processInstanceId, 'decide-statistics-request');
    expect(await processVariable(processInstanceId, 'assessmentChecklistText')).toContain('Aggregeringsnivå: Fylke og femårige aldersgrupper');
    await expect(assignAndComplete(decision, assessor, {})).rejects.toThrow(/fire øyne-prinsippet/);
    await engineAs('demo').call('POST', `/task/${decision.id}/complete`, { variables: {} });
    const fourEyes = await backWith(processInstanceId, 'decide-statistics-request', decision, 'decisionProblem');
    expect(fourEyes.problem).toMatch(/^Vedtaket må fattes av en beslutter som har tatt oppgaven, og ikke av den som gjorde vurderingen av forespørselen \(/);

    // A dispensation set by a client is refused: anonymous output needs none.
    await assignAndComplete(fourEyes.task, approver, await sourceChoices(processInstanceId, { outcome: 'grant', dispensationGranted: true }));
    const dispensation = await backWith(processInstanceId, 'decide-statistics-request', fourEyes.task, 'decisionProblem');
    expect(dispensation.problem).toMatch(/^En forespørsel om anonymisert statistikk gir ingen dispensasjon/);
    expect(await caseRow(h, 'decisions', id)).toBeUndefined();
    await decideRequest(processInstanceId, 'grant', { dispensationGranted: false });

    const { task, answerDue } = await deliveredRequest(id, processInstanceId, 'ehds');
    expect(await caseRow(h, 'decisions', id)).toMatchObject({ outcome: 'grant', dispensation_granted: false, decided_by: approver });
    expect(await caseRow(h, 'invoices', id)).toMatchObject({ base_fee_nok: 1500, hours_billed: 2, amount_nok: 1500 + 2 * 1155 });
    expect(await caseRow(h, 'decision_publications', id)).toBeTruthy();
    const letter = await letterOf(h, id, 'decision');
    expect(letter.row.template).toBe('statistics-decision');
    expect(letter.text).toContain('Helsedataservice har innvilget forespørselen om anonymisert statistikk.');
    expect(letter.text).toContain(`senest ${norwegianDate(osloDay(answerDue))} (3 måneder fra denne avgjørelsen, forordning (EU) 2025/327 art. 69 nr. 4)`);
    expect(letter.text).not.toMatch(/personvernforordningen|helsepersonelloven § 29|Tillatelsen gjelder/);

    // The answer deadline passes: recorded and counted, and the task stays open.
    const lateBefore = (await answerStats('ehds')).late;
    await fireTimer(await findTimer(processInstanceId, 'statistics-answer-late'));
    await waitForElement(processInstanceId, 'statistics-answer-late-recorded');
    expect((await caseRow(h, 'statistics_answers', id)).late_at).not.toBeNull();
    expect((await answerStats('ehds')).late).toBe(lateBefore + 1);
    expect((await findUserTask(processInstanceId, 'release-statistics')).id).toBe(task.id);

    // Completed without the disclosure control: back with the reason; then released.
    await assignAndComplete(task, caseworker, { disclosureControlConfirmed: false, statisticsReleasedText: '' });
    const release = await backWith(processInstanceId, 'release-statistics', task, 'statisticsReleaseProblem');
    expect(release.problem).toMatch(/^Kryss av for at røpingskontrollen er gjort/);
    await assignAndComplete(release.task, caseworker, { disclosureControlConfirmed: true, statisticsReleasedText: 'Tre tabeller i Excel, sendt 10.12.2026.' });
    await waitForProcessInstanceState(processInstanceId, 'COMPLETED');
    expect(await status(h, id)).toBe('statistics-delivered');
    expect(await caseRow(h, 'statistics_answers', id)).toMatchObject({ released_by: caseworker, released_text: 'Tre tabeller i Excel, sendt 10.12.2026.' });
    expect((await caseView(h, id)).stage).toBe('closed');
    expect((await steps(h, id)).slice(-5)).toEqual(['delivery-confirmed', 'order-delivered:FHI', 'statistics-answer-late', 'statistics-release-returned', 'statistics-released']);

    const path = await recordPath(process, processInstanceId, 'statistics-delivered');
    for (const element of [
      'statistics-gateway', 'prepare-statistics-assessment', 'statistics-assessment-merge', 'assess-statistics-request', 'record-statistics-assessment', 'statistics-assessment-invalid',
      'statistics-decision-merge', 'decide-statistics-request', 'record-statistics-decision', 'statistics-same-person', 'statistics-decision-invalid', 'plan-statistics-answer', 'statistics-request-decided',
      'release-statistics-merge', 'release-statistics', 'statistics-answer-late', 'record-late-statistics-answer', 'statistics-answer-late-recorded',
      'record-statistics-release', 'statistics-release-invalid',
    ]) {
      expect(path.has(element), element).toBe(true);
    }
    for (const element of ['legal-assessment', 'make-decision', 'check-dispensation', 'create-permit', 'plan-user-access']) expect(path.has(element), element).toBe(false);
  });

  it('under the Norwegian rules: § 19 f to decide it, 60 working days to answer, released in time', async () => {
    const { id, processInstanceId } = await requestInAssessment('norwegian');
    await assessRequest(processInstanceId, 'grant');
    await decideRequest(processInstanceId, 'grant');
    const { task, answerDue } = await deliveredRequest(id, processInstanceId, 'norwegian');
    const letter = await letterOf(h, id, 'decision');
    expect(letter.text).toContain(`senest ${norwegianDate(osloDay(answerDue))} (60 virkedager fra denne avgjørelsen, HDS' egen frist)`);
    expect(letter.text).not.toContain('forordning (EU) 2025/327');

    await assignAndComplete(task, caseworker, { disclosureControlConfirmed: true, statisticsReleasedText: 'To tabeller som CSV.' });
    await waitForProcessInstanceState(processInstanceId, 'COMPLETED');
    expect(await status(h, id)).toBe('statistics-delivered');
    expect((await caseRow(h, 'statistics_answers', id)).late_at).toBeNull();
    expect((await caseView(h, id)).deadlines.statisticsAnswer.releasedAt).not.toBeNull();
    const path = await recordPath(process, processInstanceId, 'statistics-delivered');
    expect(path.has('record-late-statistics-answer')).toBe(false);
  });

  it.each<RulebookId>(['ehds', 'norwegian'])('refused under the %s rules: the answer gives the reasons and the right to appeal, and the case closes without orders', async (rulebook) => {
    const { id, processInstanceId } = await requestInAssessment(rulebook);
    await assessRequest(processInstanceId, 'refusal', { aggregationLevel: '', smallCellsSuppressed: false });
    await decideRequest(processInstanceId, 'refusal');
    await waitForProcessInstanceState(processInstanceId, 'COMPLETED');
    expect(await status(h, id)).toBe('closed');
    expect(await caseRow(h, 'decisions', id)).toMatchObject({ outcome: 'refusal' });
    expect(await caseRow(h, 'statistics_answers', id)).toBeUndefined();
    expect(await h.db('custodian_orders').where({ application_id: id })).toEqual([]);
    expect(await caseRow(h, 'decision_publications', id)).toBeTruthy();
    expect((await caseView(h, id)).deadlines.statisticsAnswer).toBeNull();
    const letter = await letterOf(h, id, 'decision');
    expect(letter.row.template).toBe('statistics-decision');
    expect(letter.text).toContain('Helsedataservice har avslått forespørselen om anonymisert statistikk.');
    expect(letter.text).toContain('Begrunnelse for avslag: Vilkårene for tilgang er ikke oppfylt.');
    expect(letter.text).toContain('Du kan klage på avgjørelsen innen tre uker');
    expect(letter.text).not.toMatch(/personvernforordningen|helsepersonelloven § 29|senest/);
    if (rulebook === 'ehds') expect(letter.text).toContain('forordning (EU) 2025/327 artikkel 69');
    else expect(letter.text).not.toContain('forordning (EU) 2025/327');
    const path = await recordPath(process, processInstanceId, 'closed-refused');
    for (const element of ['statistics-request-decided', 'close-refused-case']) expect(path.has(element), element).toBe(true);
  });
});
