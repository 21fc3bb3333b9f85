// Tasklist in Norwegian bokmål for every user, in a real browser (Debian's chromium driven by
// playwright-core; CHROMIUM_PATH names another build) that asks for English: a caseworker's task
// page, from login to a form sent with a required field empty, shows none of Operaton's or the
// form renderer's English, and offers no way to move the statutory deadline. An approver who
// assessed the case is told at once, in Norwegian, why they cannot take the decision (four
// eyes, engine/…/FourEyes.java). Screenshots go to test-results/browser/.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployResources } from '../../../platform/deploy.ts';
import { engine, engineAs, findUserTask } from '../engine.ts';
import { testConfig } from '../harness.ts';
import { launchChromium, signIn } from './chromium.ts';

const webapps = `${testConfig().engine.url}/operaton/app`;
const screenshots = path.resolve('test-results/browser');

// What Tasklist and the form renderer say in English (issue 19), none of which may show.
const english = ['Claim', 'Complete', 'Save', 'Set due date', 'Set follow-up date', 'Add Comment', 'Field is required', 'Field must have', 'An error happened', 'Due in', 'Created', 'Username', 'Password', 'Log in', 'Filter Tasks', 'History', 'Form'];

// The two tasks as the case model names them, each with a form of one required field and one
// number that may not be negative, due at the statutory deadline.
const form = Buffer.from(JSON.stringify({
  id: 'norwegian-check',
  type: 'default',
  schemaVersion: 16,
  components: [
    { type: 'text', id: 'heading', text: '# Vurdering (test)' },
    { type: 'textfield', id: 'note', key: 'note', label: 'Begrunnelse', validate: { required: true } },
    { type: 'number', id: 'hours', key: 'hoursSpent', label: 'Timer brukt', validate: { min: 0 } },
  ],
}));
const task = (id: string, name: string, group: string) =>
  `<bpmn:userTask id="${id}" name="${name}" camunda:candidateGroups="${group}" camunda:formRef="norwegian-check" camunda:formRefBinding="deployment" camunda:dueDate="\${due}" />`;
const model = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="norwegian-check-definitions" targetNamespace="http://helsedata.no/bpmn/test">
  <bpmn:process id="norwegian-check" name="Norsk Tasklist (test)" isExecutable="true" camunda:historyTimeToLive="P1D">
    <bpmn:startEvent id="started" />
    <bpmn:sequenceFlow id="to-assessment" sourceRef="started" targetRef="legal-assessment" />
    ${task('legal-assessment', 'Juridisk vurdering (norsk test)', 'saksbehandler')}
    <bpmn:sequenceFlow id="to-decision" sourceRef="legal-assessment" targetRef="make-decision" />
    ${task('make-decision', 'Fatt vedtak (norsk test)', 'beslutter')}
    <bpmn:sequenceFlow id="to-end" sourceRef="make-decision" targetRef="ended" />
    <bpmn:endEvent id="ended" />
  </bpmn:process>
</bpmn:definitions>
`);

let browser: Browser;
const started: string[] = [];

beforeAll(async () => {
  await mkdir(screenshots, { recursive: true });
  await deployResources(engine, [{ name: 'norwegian-check.bpmn', content: model }, { name: 'norwegian-check.form', content: form }], 'norwegian-check');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  for (const id of started) await engine.call('DELETE', `/process-instance/${id}?skipCustomListeners=true`).catch(() => undefined);
});

async function startCase() {
  const due = new Date(Date.now() + 40 * 24 * 3600 * 1000).toISOString().replace('Z', '+0000');
  const { id } = await engine.call<{ id: string }>('POST', '/process-definition/key/norwegian-check/start', {
    businessKey: `norwegian-check-${Date.now()}`,
    variables: { due: { value: due, type: 'String' } },
  });
  started.push(id);
  return id;
}

// A browser that prefers English, as an unconfigured one does.
const logIn = (user: string) => signIn(browser, { app: 'tasklist', user, signedIn: 'Mine oppgaver', viewport: { width: 1600, height: 1400 }, locale: 'en-US' });

const openTask = (page: Page, taskId: string) => page.goto(`${webapps}/tasklist/default/#/?task=${taskId}`);

// The English of the list above that the page's visible text holds, as whole words.
async function englishOn(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText();
  return english.filter((phrase) => new RegExp(`(^|[^\\p{L}])${phrase}([^\\p{L}]|$)`, 'u').test(text));
}

describe('Tasklist in Norwegian', () => {
  it('shows a caseworker a task page, its form and its validation in bokmål, with no way to move the deadline', async () => {
    const id = await startCase();
    const assessment = await findUserTask(id, 'legal-assessment');
    const page = await logIn('saksbehandler');
    await openTask(page, assessment.id);
    await page.getByRole('button', { name: 'Ta oppgaven' }).click();
    // The renderer checks a field as it is left; Tasklist keeps Fullfør off until all are valid.
    await page.getByLabel('Begrunnelse').fill('utkast');
    await page.getByLabel('Begrunnelse').fill('');
    await page.getByLabel('Timer brukt').fill('-1');
    await page.getByLabel('Timer brukt').press('Tab');
    await page.getByText('Feltet må fylles ut.').waitFor();
    await page.getByText('Verdien må være minst 0.').waitFor();
    expect(await page.getByRole('button', { name: 'Fullfør', exact: true }).isDisabled()).toBe(true);
    await page.getByText('om en måned').first().waitFor();
    await page.screenshot({ path: path.join(screenshots, 'norwegian-task-page.png') });
    expect(await englishOn(page)).toEqual([]);
    // Nothing offers to change the deadline or make a free task (user-styles.css).
    expect(await page.getByText('Sett frist').isVisible()).toBe(false);
    expect(await page.getByText('Opprett oppgave').isVisible()).toBe(false);
    await page.locator('[cam-tasklist-task-meta] .due-date').click({ force: true });
    expect(await page.locator('[cam-tasklist-task-meta] .due-date input').count()).toBe(0);
    // Nor a link to the instance in Cockpit, which caseworkers do not reach.
    expect(await page.locator('.instance-link').isVisible()).toBe(false);
    // Nor to hand it back, which the engine would refuse (TASK_WORK, not TASK_ASSIGN).
    expect(await page.locator('[cam-tasklist-task-meta] .unclaim').isVisible()).toBe(false);
    // Nothing was sent: the task is still the caseworker's.
    expect((await engine.call<{ assignee: string }>('GET', `/task/${assessment.id}`)).assignee).toBe('saksbehandler');
  });

  it('tells an approver who assessed the case, at once, why they cannot take the decision', async () => {
    const id = await startCase();
    const assessment = await findUserTask(id, 'legal-assessment');
    await engineAs('allrounder').call('POST', `/task/${assessment.id}/claim`, { userId: 'allrounder' });
    await engineAs('allrounder').call('POST', `/task/${assessment.id}/complete`, { variables: {} });
    const decision = await findUserTask(id, 'make-decision');
    const page = await logIn('allrounder');
    await openTask(page, decision.id);
    await page.getByRole('button', { name: 'Ta oppgaven' }).click();
    await page.getByText('Du vurderte saken selv og kan ikke fatte vedtaket (fire øyne-prinsippet). En annen beslutter må ta oppgaven.').waitFor();
    await page.screenshot({ path: path.join(screenshots, 'four-eyes-refusal.png') });
    expect(await englishOn(page)).toEqual([]);
    expect((await engine.call<{ assignee: string | null }>('GET', `/task/${decision.id}`)).assignee).toBeNull();
  });
});
