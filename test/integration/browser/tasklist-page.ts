// Tasklist's list and task pages as the browser tests use them: a filter by its name, the
// list narrowed to one case, a task's card with its variables, a task opened and claimed, and
// completed.
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { engine } from '../engine.ts';
import { eventually } from '../harness.ts';

export const filterLink = (page: Page, name: string) => page.getByRole('link', { name: new RegExp(`^${name}\\b`) });

// The list's card of a task, found by the task's name.
export const card = (page: Page, taskName: string) => page.getByRole('listitem').filter({ has: page.getByRole('link', { name: taskName, exact: true }) });

// Narrows the open filter's list to one case with a search on its business key, the
// application id. Not on the reference: the engine outlives the test database, whose
// references start again at 00001, so an older run's case may hold the same one.
export async function searchCase(page: Page, applicationId: string) {
  const search = page.locator('form').filter({ has: page.getByPlaceholder('Søk i oppgavene') });
  await search.getByPlaceholder('Søk i oppgavene').fill(applicationId);
  await search.getByPlaceholder('Søk i oppgavene').press('Enter');
  // A new search looks in the task's name; the user picks another field.
  await search.getByText('Navn', { exact: true }).click();
  await page.getByRole('option', { name: 'Prosessinstansens forretningsnøkkel', exact: true }).click();
}

// Waits until the list shows the task (Tasklist refreshes its list itself; a reload is quicker).
// Its card shows all of the filter's variables without being unfolded (user-styles.css).
export async function showCard(page: Page, taskName: string): Promise<Locator> {
  const found = card(page, taskName);
  await eventually(
    async () => {
      if ((await found.count()) === 1) return true;
      await page.reload();
      await found.first().waitFor({ timeout: 5_000 }).catch(() => undefined);
      return (await found.count()) === 1;
    },
    { timeoutMs: 60_000, what: `Tasklist to list "${taskName}"` },
  );
  return found;
}

// The card's variables as the filter labels them: { Saksnummer: 'HDS-…', … }.
export async function cardVariables(taskCard: Locator): Promise<Record<string, string>> {
  const items = await taskCard.locator('.variable-item').allInnerTexts();
  return Object.fromEntries(items.map((text) => [text.slice(0, text.indexOf(':')).trim(), text.slice(text.indexOf(':') + 1).trim()]));
}

// Opens the task, waits for its form, claims the task and returns once the form is the user's.
export async function openAndClaim(page: Page, taskCard: Locator, taskName: string, formHeading: string) {
  await taskCard.getByRole('link', { name: taskName, exact: true }).click();
  // The form's own heading; the task's name heads the card and the task view as well.
  await page.locator('form').getByRole('heading', { name: formHeading, exact: true }).waitFor();
  await page.getByRole('button', { name: 'Ta oppgaven' }).click();
  await page.getByRole('button', { name: 'Ta oppgaven' }).waitFor({ state: 'detached' });
}

// The task found in a filter with the list narrowed to the case, opened and claimed; returns
// its card's variables.
export async function openFromFilter(page: Page, filter: string, applicationId: string, taskName: string, formHeading: string) {
  await filterLink(page, filter).click();
  await searchCase(page, applicationId);
  const taskCard = await showCard(page, taskName);
  const onCard = await cardVariables(taskCard);
  await openAndClaim(page, taskCard, taskName, formHeading);
  return onCard;
}

// Completes the open task and waits until the engine no longer has it. Not until its card is
// gone: a form sent back with a reason comes back as a new task of the same name, whose card may
// be listed before the old one's is seen to go.
export async function complete(page: Page, taskName: string) {
  const taskId = /[?&]task=([^&]+)/.exec(page.url())?.[1];
  await page.getByRole('button', { name: 'Fullfør', exact: true }).click();
  if (!taskId) {
    await expect.poll(() => card(page, taskName).count(), { timeout: 30_000 }).toBe(0);
    return;
  }
  await expect.poll(async () => (await engine.call<{ id: string }[]>('GET', `/task?taskId=${taskId}`)).length, { timeout: 30_000 }).toBe(0);
}
