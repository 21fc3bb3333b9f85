// The publication of a decision in Tasklist, in a real browser: the caseworker finds the task in
// the filter "Publisering" with the case's reference, outcome and last day on its card; the form
// shows what the decision refused and when it must be published; public reasons that name the
// project leader come back to the form with the reason at its top; edited, they are published,
// and the register of decisions shows them. A screenshot goes to test-results/browser/ (with
// UPDATE_DOCS_SCREENSHOTS=true also to docs/publication-task.png, which the README shows).
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { engine } from '../engine.ts';
import { eventually, startCase, validSubmission } from '../harness.ts';
import { assess, decide, passCompleteness, research, sourceSlots } from '../process/case-steps.ts';
import { browserHarness, screenshots, signIn } from './chromium.ts';
import { cardVariables, complete, filterLink, openAndClaim, searchCase, showCard } from './tasklist-page.ts';

const readme = path.resolve('docs/publication-task.png');
const taskName = 'Publiser vedtaket';

const session = browserHarness();

const reasonsField = (page: Page) => page.getByLabel('Offentlig begrunnelse', { exact: true });

describe('publishing a decision in Tasklist', { timeout: 300_000 }, () => {
  it('lists the task under Publisering, sends reasons naming a person back with the reason, and publishes the edited reasons', async () => {
    const { id, reference, processInstanceId } = await startCase(session.h, research);
    await passCompleteness(processInstanceId);
    await assess(processInstanceId);
    const slot = await sourceSlots(processInstanceId);
    await decide(processInstanceId, { [`source${slot.get('BIVIRK')}Decision`]: 'refused', [`source${slot.get('BIVIRK')}Reason`]: 'Ikke nødvendig for formålet.' });
    await eventually(async () => {
      await session.h.relay.relayDue();
      return (await engine.call<unknown[]>('GET', `/history/process-instance?processDefinitionKey=hds-publication&processInstanceBusinessKey=${id}`)).length > 0;
    }, { what: 'the publication process' });
    const { due_at: dueAt } = await session.h.db('decision_publications').where({ application_id: id }).first();
    const lastDay = new Intl.DateTimeFormat('nb-NO', { timeZone: 'Europe/Oslo', day: '2-digit', month: '2-digit', year: 'numeric' }).format(dueAt);

    const page = await signIn(session.browser, { app: 'tasklist', user: 'saksbehandler', signedIn: 'Mine oppgaver', viewport: { width: 1600, height: 2600 } });
    await filterLink(page, 'Publisering').click();
    await searchCase(page, id);
    const taskCard = await showCard(page, taskName);
    expect(await cardVariables(taskCard)).toMatchObject({ Saksnummer: reference, Utfall: 'Delvis innvilget', 'Publiseres senest': lastDay });

    await openAndClaim(page, taskCard, taskName, 'Publiser vedtaket');
    expect(await page.getByLabel('Avslått i vedtaket (publiseres uten de interne begrunnelsene)', { exact: true }).inputValue()).toBe('System for bivirkningsrapportering (BIVIRK): hele kilden');
    expect(await page.getByLabel('Publiseres senest', { exact: true }).inputValue()).toBe(lastDay);
    await reasonsField(page).fill(`${validSubmission.projectLeader.name} trenger ikke bivirkningsdata.`);
    await complete(page, taskName);

    // Back, with the reason at the top of the form and the text as the caseworker left it.
    const again = await showCard(page, taskName);
    await openAndClaim(page, again, taskName, 'Publiser vedtaket');
    expect(await page.getByLabel('Må rettes før vedtaket kan publiseres', { exact: true }).inputValue()).toContain(`Offentlig begrunnelse: Navn på en person i søknaden («${validSubmission.projectLeader.name}»)`);
    await page.screenshot({ path: path.join(screenshots, 'publication-task.png') });
    if (process.env.UPDATE_DOCS_SCREENSHOTS === 'true') await copyFile(path.join(screenshots, 'publication-task.png'), readme);
    const reasons = 'Bivirkningsdata er ikke nødvendige for å besvare forskningsspørsmålet.';
    await reasonsField(page).fill(reasons);
    await complete(page, taskName);

    const published = await eventually(() => session.h.db('decision_publications').where({ application_id: id }).whereNotNull('published_at').first(), { what: 'the publication' });
    expect(published).toMatchObject({ public_reasons: reasons, published_by: 'saksbehandler' });
    const register = await session.h.app.inject({ method: 'GET', url: '/public/decisions?limit=100' });
    expect(register.json().items.find((d: { reference: string }) => d.reference === reference)).toMatchObject({ outcomeName: 'Delvis innvilget', publicReasons: reasons });
    await page.close();
  });
});
