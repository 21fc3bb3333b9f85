// The follow-ups of the cost estimate before an EHDS decision in Tasklist, in a real browser: when
// the custodians' estimates are late, and again when the applicant's answer is, a caseworker
// finds the task in the filter "Kostnadsoverslag" with the case's reference, institution and
// due day on its card; the form shows who was asked and the due days; completing it with a note
// ends the follow-up while the process waits on for the estimates or the answer. Screenshots go
// to test-results/browser/.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it, onTestFailed } from 'vitest';
import { findTimer, fireTimer, flowNodes, openUserTasks } from '../engine.ts';
import { eventually } from '../harness.ts';
import { answerCostEstimate, caseworker, costEstimateInstance, giveCostEstimates, passCompleteness, processVariable, research, startEhdsCase } from '../process/case-steps.ts';
import { browserHarness, screenshots, signIn } from './chromium.ts';
import { cardVariables, complete, filterLink, openAndClaim, searchCase, showCard } from './tasklist-page.ts';

const lateEstimates = 'Følg opp manglende kostnadsoverslag';
const lateAnswer = 'Følg opp manglende svar på kostnadsoverslaget';

const session = browserHarness();
// The caseworker's Tasklist, signed in by the test.
let page: Page;

const field = (label: string) => page.getByLabel(label, { exact: true });
// A required field's label ends in an asterisk.
const notes = () => page.getByLabel(/^Oppfølging/);

// The follow-up in the filter, its card, and the form opened and claimed.
async function openFollowUp(applicationId: string, taskName: string) {
  await filterLink(page, 'Kostnadsoverslag').click();
  await searchCase(page, applicationId);
  const taskCard = await showCard(page, taskName);
  const onCard = await cardVariables(taskCard);
  await openAndClaim(page, taskCard, taskName, 'Kostnadsoverslag før vedtak (EHDS)');
  return onCard;
}

// Completed with a note: the follow-up's branch ends; the process waits on where it was.
async function completeFollowUp(calledId: string, taskName: string, note: string, endEvent: string) {
  await notes().fill(note);
  await notes().press('Tab');
  await complete(page, taskName);
  await eventually(async () => ((await flowNodes(calledId)).some((n) => n.activityId === endEvent && n.endTime) ? true : undefined), { what: `${endEvent} reached` });
  expect(await processVariable(calledId, 'followUpNotes')).toBe(note);
}

describe('the cost estimate follow-ups in Tasklist', { timeout: 300_000 }, () => {
  it('lists a late estimate and a late answer under Kostnadsoverslag, shows the case and the due days, and ends each follow-up on completion', async () => {
    page = await signIn(session.browser, { app: 'tasklist', user: caseworker, signedIn: 'Siri Saksbehandler', viewport: { width: 1600, height: 2600 } });
    onTestFailed(async () => {
      await page.screenshot({ path: path.join(screenshots, 'cost-estimate-follow-up-failed.png') });
    });
    const { id, reference, processInstanceId } = await startEhdsCase(session.h, research);
    await passCompleteness(processInstanceId);
    const called = await costEstimateInstance(processInstanceId);
    await fireTimer(await findTimer(called.id, 'cost-estimates-late'));

    const estimatesDue = String(await processVariable(called.id, 'costEstimatesDueText'));
    expect(await openFollowUp(id, lateEstimates)).toMatchObject({ Saksnummer: reference, Institusjon: `${research.institution.name} (org.nr. ${research.institution.organisationNumber})`, 'Frist for overslag': estimatesDue });
    await page.getByText('En frist i kostnadsoverslaget er ute').waitFor();
    expect(await field('Saksnummer').inputValue()).toBe(reference);
    expect(await field('Registerforvaltere som er bedt om overslag').inputValue()).toBe('Direktoratet for medisinske produkter, Folkehelseinstituttet');
    expect(await field('Frist for registerforvalternes overslag').inputValue()).toBe(estimatesDue);
    // The applicant has no estimate to answer yet: no answer's due day.
    expect(await field('Frist for søkers svar').count()).toBe(0);
    await page.screenshot({ path: path.join(screenshots, 'cost-estimate-follow-up-01-estimates.png') });
    await completeFollowUp(called.id, lateEstimates, 'Ringt DMP: overslaget kommer i morgen.', 'cost-estimates-followed-up');
    // Still waiting for the estimates.
    expect((await openUserTasks(processInstanceId)).map((t) => t.taskDefinitionKey)).not.toContain('legal-assessment');

    // The estimates come, the estimate goes to the applicant, whose answer is late.
    await giveCostEstimates(session.h, id);
    await fireTimer(await findTimer(called.id, 'cost-estimate-answer-late'));
    const answerDue = String(await processVariable(called.id, 'costEstimateAnswerDueText'));
    await openFollowUp(id, lateAnswer);
    expect(await field('Frist for søkers svar').inputValue()).toBe(answerDue);
    await page.screenshot({ path: path.join(screenshots, 'cost-estimate-follow-up-02-answer.png') });
    await completeFollowUp(called.id, lateAnswer, 'Søkeren svarer innen en uke.', 'cost-estimate-answer-followed-up');

    // The answer still comes through the API, and the case goes on to the assessment.
    await answerCostEstimate(session.h, id, 'accept');
    await eventually(async () => ((await openUserTasks(processInstanceId)).some((t) => t.taskDefinitionKey === 'legal-assessment') ? true : undefined), { what: 'the assessment' });
  });
});
