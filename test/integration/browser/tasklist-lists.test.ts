// Tasklist's lists tell the truth, in a real browser (Debian's chromium driven by
// playwright-core; CHROMIUM_PATH names another build): a list is sorted by the statutory
// deadline, earliest first, and its header says so; a user's click on another sort changes the
// order, and the choice stays when Tasklist is opened again (deadline-sorting.js); a card shows,
// without unfolding, the case reference, the institution in full, the sources and the deadline
// (user-styles.css, application.yml's hds.access.filters), also on the completeness check,
// which is due at the preliminary answer's date (forvaltningsloven § 11 a). Screenshots go to
// test-results/screenshots/.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preliminaryAnswerAt } from '../../../domain/deadlines.ts';
import { norwegianDate, osloDay } from '../../../domain/working-days.ts';
import { deployResources } from '../../../platform/deploy.ts';
import { engine, findUserTask } from '../engine.ts';
import { eventually, startCase, startHarness, testConfig, validSubmission, type Harness } from '../harness.ts';
import { launchChromium, signIn } from './chromium.ts';

const webapps = `${testConfig().engine.url}/operaton/app`;
const screenshots = path.resolve('test-results/screenshots');
const dayMs = 24 * 3600 * 1000;

// The legal assessment as the case model names it (so it is listed in "Saksbehandling"),
// due at the deadline the instance is started with, and named after the instance, so that the
// list shows which is which (caseworkers read the variables of the case models' instances only).
const model = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="list-check-definitions" targetNamespace="http://helsedata.no/bpmn/test">
  <bpmn:process id="list-check" name="Lister i Tasklist (test)" isExecutable="true" camunda:historyTimeToLive="P1D">
    <bpmn:startEvent id="started" />
    <bpmn:sequenceFlow id="to-assessment" sourceRef="started" targetRef="legal-assessment" />
    <bpmn:userTask id="legal-assessment" name="\${taskName}" camunda:candidateGroups="saksbehandler" camunda:dueDate="\${due}" />
    <bpmn:sequenceFlow id="to-end" sourceRef="legal-assessment" targetRef="ended" />
    <bpmn:endEvent id="ended" />
  </bpmn:process>
</bpmn:definitions>
`);

// An institution whose name is longer than a card is wide.
const institution = 'Oslo universitetssykehus HF, Avdeling for kreftforskning og molekylær medisin, Institutt for klinisk epidemiologi';

let h: Harness;
let browser: Browser;
const started: string[] = [];
const run = Date.now().toString(36);

// Three cases started in this order, with deadlines in another: the latest first.
const cases = [
  { name: `Listetest ${run} A`, dueInDays: 12 },
  { name: `Listetest ${run} B`, dueInDays: 4 },
  { name: `Listetest ${run} C`, dueInDays: 8 },
];
const byDeadline = [cases[1]!, cases[2]!, cases[0]!].map((c) => c.name);
const oldestFirst = cases.map((c) => c.name);
const newestFirst = [...oldestFirst].reverse();

beforeAll(async () => {
  await mkdir(screenshots, { recursive: true });
  await deployResources(engine, [{ name: 'list-check.bpmn', content: model }], 'list-check');
  for (const c of cases) {
    const due = new Date(Date.now() + c.dueInDays * dayMs);
    const { id } = await engine.call<{ id: string }>('POST', '/process-definition/key/list-check/start', {
      businessKey: c.name,
      variables: { due: { value: due.toISOString().replace('Z', '+0000'), type: 'String' }, taskName: { value: c.name, type: 'String' } },
    });
    started.push(id);
    // Created one after the other, so that "newest first" has one answer.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  h = await startHarness();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
  for (const id of started) await engine.call('DELETE', `/process-instance/${id}?skipCustomListeners=true`).catch(() => undefined);
});

const shoot = (page: Page, name: string) => page.screenshot({ path: path.join(screenshots, `${name}.png`) });

const logIn = (user: string) => signIn(browser, { app: 'tasklist', user, signedIn: 'Mine oppgaver', viewport: { width: 1600, height: 1400 } });

const openFilter = (page: Page, name: string) => page.getByRole('link', { name: new RegExp(`^${name}\\b`) }).click();

// The list header's sorting: what it sorts by and which way.
async function headerSorting(page: Page) {
  const choice = page.locator('[cam-sorting-choices] li.sorting-choice').first();
  const by = (await choice.locator('.sort-by').innerText()).trim();
  const ascending = await choice.locator('.sort-direction').evaluate((el) => el.classList.contains('glyphicon-menu-up'));
  return { by, ascending, choices: await page.locator('[cam-sorting-choices] li.sorting-choice').count() };
}

// The sorting Tasklist's address holds, which is what it asks the engine for.
const addressSorting = (page: Page) => JSON.parse(new URLSearchParams(new URL(page.url()).hash.split('?')[1]).get('sorting') ?? 'null');

// The tasks of this test's cases in the order the list shows them.
async function listedReferences(page: Page): Promise<string[]> {
  const names = await page.locator('.tasks-list li.task h4.task').allInnerTexts();
  return names.map((name) => name.trim()).filter((name) => name.startsWith(`Listetest ${run} `));
}

async function waitForOrder(page: Page, expected: string[]) {
  await eventually(
    async () => {
      const listed = await listedReferences(page);
      return JSON.stringify(listed) === JSON.stringify(expected) ? listed : undefined;
    },
    { timeoutMs: 30_000, what: `the list to show ${expected.join(', ')} in that order` },
  ).catch(async (error) => {
    await shoot(page, 'list-order-failed');
    throw new Error(`${(error as Error).message}; listed: ${(await listedReferences(page)).join(', ')}`);
  });
}

// A card's facts as the filter labels them, each with whether it shows whole without the card
// being unfolded: inside the card's visible part and not cut.
async function collapsedFacts(taskCard: Locator): Promise<Record<string, { text: string; whole: boolean }>> {
  return taskCard.locator('.task-card-details').evaluate((details) => {
    const box = details.getBoundingClientRect();
    const facts: Record<string, { text: string; whole: boolean }> = {};
    for (const item of details.querySelectorAll<HTMLElement>('.variable-item')) {
      const label = item.querySelector<HTMLElement>('.variable-label')!.innerText.replace(/:\s*$/, '').trim();
      const value = item.querySelector<HTMLElement>('.variable-value')!;
      const valueBox = value.getBoundingClientRect();
      const inside = valueBox.height > 0 && valueBox.top >= box.top && valueBox.bottom <= box.bottom + 0.5;
      facts[label] = { text: value.innerText.trim(), whole: inside && value.scrollWidth <= value.clientWidth + 1 && value.scrollHeight <= value.clientHeight + 1 };
    }
    return facts;
  });
}

describe("Tasklist's lists", () => {
  it('sort by the deadline and say so, and keep a sort the user chooses', async () => {
    const page = await logIn('saksbehandler');
    await openFilter(page, 'Saksbehandling');
    // The engine outlives the test database and holds other tests' tasks, which may be older
    // than these: a search on the tasks' names keeps the list to this test's (Tasklist keeps a
    // search while the sort changes).
    await page.getByPlaceholder('Søk i oppgavene').fill(`Listetest ${run}`);
    await page.getByPlaceholder('Søk i oppgavene').press('Enter');
    await waitForOrder(page, byDeadline);
    expect(await headerSorting(page)).toEqual({ by: 'Frist', ascending: true, choices: 1 });
    expect(addressSorting(page)).toEqual([{ sortBy: 'dueDate', sortOrder: 'asc' }]);
    await shoot(page, 'list-by-deadline');

    // Another sort, chosen in the header: by creation (in the direction shown), then newest first.
    await page.locator('[cam-sorting-choices] li.sorting-choice .sort-by').click();
    await page.locator('[cam-sorting-choices] li.sorting-choice .dropdown-menu').getByText('Opprettet', { exact: true }).click();
    await waitForOrder(page, oldestFirst);
    expect(await headerSorting(page)).toEqual({ by: 'Opprettet', ascending: true, choices: 1 });
    await page.locator('[cam-sorting-choices] li.sorting-choice .sort-direction').click();
    await waitForOrder(page, newestFirst);
    expect(await headerSorting(page)).toEqual({ by: 'Opprettet', ascending: false, choices: 1 });
    expect(addressSorting(page)).toEqual([{ sortBy: 'created', sortOrder: 'desc' }]);
    await shoot(page, 'list-by-creation');

    // Tasklist opened again, from its plain address: the user's choice stays.
    await page.goto(`${webapps}/tasklist/default/`);
    await openFilter(page, 'Saksbehandling');
    await waitForOrder(page, newestFirst);
    expect(await headerSorting(page)).toEqual({ by: 'Opprettet', ascending: false, choices: 1 });
    // And another filter keeps it as well.
    await openFilter(page, 'Mine oppgaver');
    expect(await headerSorting(page)).toEqual({ by: 'Opprettet', ascending: false, choices: 1 });
  });

  it('show reference, institution, sources and deadline on a card without unfolding it, a completeness check too', async () => {
    const { id, reference, processInstanceId } = await startCase(h, { ...validSubmission, institution: { ...validSubmission.institution, name: institution } });
    started.push(processInstanceId);
    // The completeness check is due when the applicant must have an answer (§ 11 a).
    const task = await findUserTask(processInstanceId, 'check-completeness');
    const [received] = await h.db('applications').where({ id }).pluck('received_at');
    const answerBy = preliminaryAnswerAt(new Date(received));
    expect(Date.parse((await engine.call<{ due: string | null }>('GET', `/task/${task.id}`)).due ?? '')).toBe(answerBy.getTime());

    const page = await logIn('saksbehandler');
    await openFilter(page, 'Kompletthetsvurdering');
    // Narrowed to this case by its business key, the application id (the engine may hold
    // other runs' cases).
    const search = page.locator('form').filter({ has: page.getByPlaceholder('Søk i oppgavene') });
    await search.getByPlaceholder('Søk i oppgavene').fill(id);
    await search.getByPlaceholder('Søk i oppgavene').press('Enter');
    await search.getByText('Navn', { exact: true }).click();
    await page.getByRole('option', { name: 'Prosessinstansens forretningsnøkkel', exact: true }).click();
    const taskCard = page.locator('.tasks-list li.task').filter({ hasText: reference });
    await taskCard.waitFor();
    const facts = await collapsedFacts(taskCard);
    expect(Object.keys(facts)).toEqual(['Saksnummer', 'Institusjon', 'Datakilder', 'Frist for svar (fvl. § 11 a)']);
    expect(facts.Saksnummer).toEqual({ text: reference, whole: true });
    expect(facts.Institusjon).toEqual({ text: expect.stringContaining(institution), whole: true });
    expect(facts.Datakilder).toEqual({ text: expect.stringMatching(/\(MFR\): 2 variabler.*\n.*\(NPR\): 2 variabler/), whole: true });
    expect(facts['Frist for svar (fvl. § 11 a)']).toEqual({ text: norwegianDate(osloDay(answerBy)), whole: true });
    await taskCard.screenshot({ path: path.join(screenshots, 'card-completeness.png') });
    await shoot(page, 'list-completeness');
  });
});
