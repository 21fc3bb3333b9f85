// The decision clock and the completion window under EHDS (Regulation (EU) 2025/327), on the
// real engine and database: 2 months for a public body with a public-health mandate (art. 68
// nr. 6), the one extension a caseworker asks for in the assessment form (art. 68 nr. 4), which
// moves both timers and tells the applicant why, its refusals back to the form, and the 4 weeks
// an incomplete application gets (art. 67–68). Each timer is checked by its job's due date.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayFor, deadlineFor } from '../../../domain/rulebook/rulebooks.ts';
import { addCalendarMonths, endOfOsloDay, norwegianDate, osloDay } from '../../../domain/working-days.ts';
import { recordPath } from '../coverage.ts';
import { letterOf } from '../letters.ts';
import { assignAndComplete, findTimer, findUserTask, fireTimer, flowNodes, waitForProcessInstanceState } from '../engine.ts';
import { eventually, startCase, startHarness, type Harness } from '../harness.ts';
import { caseRow, caseView, caseworker, passCompleteness, passCostEstimate, processVariable, recordedStep, research, startEhdsCase, status } from './case-steps.ts';

const process = 'hds-application';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const ehdsCase = (submission: object = research) => startEhdsCase(h, submission);

const publicHealthBody = { ...research, institution: { ...research.institution, publicHealthMandate: true } };
const reasons = 'Søknaden kobler fire registre, og registerforvalterne må avklare koblingsnøklene før vi kan ta stilling.';

const timerDue = async (processInstanceId: string, activityId: string) => new Date((await findTimer(processInstanceId, activityId)).dueDate!).toISOString();
const deadlineOf = (id: string) => eventually(() => caseRow(h, 'deadlines', id), { what: `the statutory deadline of ${id}` });
const visits = async (processInstanceId: string, activityId: string) => (await flowNodes(processInstanceId)).filter((n) => n.activityId === activityId).length;

// The caseworker asks for the extension in the assessment form, as Tasklist submits it.
async function askForExtension(processInstanceId: string, months: unknown, why: unknown) {
  await assignAndComplete(await findUserTask(processInstanceId, 'legal-assessment'), caseworker, { extendDeadline: true, extensionMonths: months, extensionReasons: why });
}

// A refused extension comes back to the assessment form with the reason, and changes nothing.
async function expectRefused(id: string, processInstanceId: string, reason: RegExp) {
  const returnedBefore = await visits(processInstanceId, 'extension-invalid');
  await eventually(async () => (await visits(processInstanceId, 'extension-invalid')) > returnedBefore, { what: 'the extension to come back' });
  await findUserTask(processInstanceId, 'legal-assessment');
  expect(await processVariable(processInstanceId, 'extensionProblem')).toMatch(reason);
  await recordedStep(h, id, 'deadline-extension-returned');
  expect(await status(h, id)).toBe('in-assessment');
}

describe('the decision clock under EHDS', { timeout: 180_000 }, () => {
  it('gives a public body with a public-health mandate 2 months under EHDS, and the Norwegian period otherwise', async () => {
    const today = osloDay(new Date());
    const ehds = await ehdsCase(publicHealthBody);
    await passCompleteness(ehds.processInstanceId);
    const deadline = await deadlineOf(ehds.id);
    expect(deadline).toMatchObject({ rule: 'decision-public-health', period: 2, period_unit: 'months', working_days: null });
    const due = endOfOsloDay(dayFor('ehds', 'decision-public-health', today)).toISOString();
    expect(new Date(deadline.due_at).toISOString()).toBe(due);
    expect(await timerDue(ehds.processInstanceId, 'statutory-deadline-passed')).toBe(due);
    expect(await timerDue(ehds.processInstanceId, 'statutory-deadline-near')).toBe(deadlineFor('ehds', 'decision-warning', new Date(due)).toISOString());
    expect((await caseView(h, ehds.id)).deadlines.statutory).toMatchObject({ rule: 'decision-public-health', basis: '2 måneder fra komplett søknad (forordning (EU) 2025/327 art. 68 nr. 6)', extension: null });
    expect(await processVariable(ehds.processInstanceId, 'statutoryPeriodText')).toMatch(/^EHDS \(forordning \(EU\) 2025\/327\): 2 måneder, fordi søkeren er et offentlig organ med mandat innen folkehelse,/);
    expect((await letterOf(h, ehds.id, 'acknowledgement')).text).toContain('skal vi fatte vedtak innen 2 måneder (forordning (EU) 2025/327 art. 68 nr. 6)');
    // The 2-month clock fires at its date like any other.
    await fireTimer(await findTimer(ehds.processInstanceId, 'statutory-deadline-passed'));
    await eventually(async () => (await deadlineOf(ehds.id)).breached_at, { what: 'the recorded breach' });

    // A Norwegian case ignores the mandate: 60 working days for linked sources.
    const norwegian = await startCase(h, publicHealthBody);
    await passCompleteness(norwegian.processInstanceId);
    expect(await deadlineOf(norwegian.id)).toMatchObject({ rule: 'decision-linked', working_days: 60 });
    await recordPath(process, ehds.processInstanceId, 'deadline-breached');
  });

  it('extends the deadline once, with reasons told in a letter, and moves both timers and the tasks\' due dates', async () => {
    const { id, processInstanceId } = await ehdsCase();
    await passCompleteness(processInstanceId);
    await passCostEstimate(h, id);
    await findUserTask(processInstanceId, 'legal-assessment');
    const before = await deadlineOf(id);
    expect(await processVariable(processInstanceId, 'deadlineExtensionOffer')).toBe(
      'Fristen for vedtak kan forlenges én gang, med inntil 3 måneder, når saken krever det (forordning (EU) 2025/327 art. 68 nr. 4). Søkeren får brev med den nye fristen og begrunnelsen.',
    );

    // More than the rule allows, and no reasons: back to the form, nothing recorded.
    await askForExtension(processInstanceId, 4, reasons);
    await expectRefused(id, processInstanceId, /^Forlengelsen må være et helt antall måneder fra 1 til 3 \(forordning \(EU\) 2025\/327 art\. 68 nr\. 4\)\.$/);
    await askForExtension(processInstanceId, 2, ' ');
    await expectRefused(id, processInstanceId, /^Skriv begrunnelsen for forlengelsen\./);
    expect(await caseRow(h, 'deadline_extensions', id)).toBeUndefined();
    expect(new Date((await deadlineOf(id)).due_at).toISOString()).toBe(new Date(before.due_at).toISOString());

    await askForExtension(processInstanceId, 2, reasons);
    const newDue = endOfOsloDay(addCalendarMonths(osloDay(new Date(before.due_at)), 2)).toISOString();
    const newWarning = deadlineFor('ehds', 'decision-warning', new Date(newDue)).toISOString();
    const assessment = await eventually(async () => {
      const task = await findUserTask(processInstanceId, 'legal-assessment');
      return new Date(task.due!).toISOString() === newDue ? task : undefined;
    }, { what: 'the assessment task back with the new due date' });
    expect(await caseRow(h, 'deadline_extensions', id)).toMatchObject({ rule: 'decision-extension', period: 2, period_unit: 'months', reasons, extended_by: caseworker });
    expect(new Date((await deadlineOf(id)).due_at).toISOString()).toBe(newDue);
    // Both clocks moved, and the variables the forms and the tasks read with them.
    expect(await timerDue(processInstanceId, 'statutory-deadline-passed')).toBe(newDue);
    expect(await timerDue(processInstanceId, 'statutory-deadline-near')).toBe(newWarning);
    expect(await processVariable(processInstanceId, 'statutoryDeadline')).toBe(newDue);
    expect(await processVariable(processInstanceId, 'statutoryWarningAt')).toBe(newWarning);
    expect(await processVariable(processInstanceId, 'statutoryDeadlineText')).toBe(norwegianDate(osloDay(new Date(newDue))));
    expect(await processVariable(processInstanceId, 'deadlineExtensionOffer')).toBe('');
    expect(await processVariable(processInstanceId, 'extendDeadline')).toBe(false);
    expect(await processVariable(processInstanceId, 'deadlineExtensionText')).toMatch(/^Fristen ble forlenget \d{2}\.\d{2}\.\d{4} av Siri Saksbehandler med 2 måneder, fra /);
    // The applicant is told the new date and why.
    const letter = await letterOf(h, id, 'deadline-extension');
    expect(letter.row.title).toBe('Forlengelse av fristen for vedtak');
    expect(letter.text).toContain(
      `Fristen for å fatte vedtak i saken er forlenget med 2 måneder, fra ${norwegianDate(osloDay(new Date(before.due_at)))} til ${norwegianDate(osloDay(new Date(newDue)))} (forordning (EU) 2025/327 art. 68 nr. 4).`,
    );
    expect(letter.text).toContain(reasons);
    expect((await caseView(h, id)).deadlines.statutory).toMatchObject({
      rule: 'decision',
      dueAt: newDue,
      extension: { rule: 'decision-extension', period: 2, unit: 'months', basis: '2 måneder fra fristen som gjaldt (forordning (EU) 2025/327 art. 68 nr. 4)', reasons, extendedBy: caseworker, previousDueAt: new Date(before.due_at).toISOString() },
    });

    // Once only: a second extension comes back with the reason.
    expect(assessment.id).toBeDefined();
    await askForExtension(processInstanceId, 1, reasons);
    await expectRefused(id, processInstanceId, /^Fristen er allerede forlenget én gang, og kan ikke forlenges igjen/);
    expect(await h.db('documents').where({ application_id: id, kind: 'deadline-extension' })).toHaveLength(1);

    // The caseworker unticks the extension and completes the assessment; the decision task is
    // due at the new deadline.
    await assignAndComplete(await findUserTask(processInstanceId, 'legal-assessment'), caseworker, { extendDeadline: false, hoursSpent: 2, confidentialityBasis: 'dispensation', legalBasisConfirmed: true });
    expect(new Date((await findUserTask(processInstanceId, 'make-decision')).due!).toISOString()).toBe(newDue);
    // The moved warning fires.
    await fireTimer(await findTimer(processInstanceId, 'statutory-deadline-near'));
    await eventually(async () => (await deadlineOf(id)).warned_at, { what: 'the warning before the new deadline' });

    const path = await recordPath(process, processInstanceId, 'deadline-warned');
    expect(path.has('record-deadline-extension') && path.has('extension-invalid') && path.has('record-assessment')).toBe(true);
    expect(await visits(processInstanceId, 'record-deadline-extension')).toBe(4);
  });

  it('extends a public-health body\'s deadline by 1 month at most, and never a Norwegian case\'s', async () => {
    const publicHealth = await ehdsCase(publicHealthBody);
    await passCompleteness(publicHealth.processInstanceId);
    await passCostEstimate(h, publicHealth.id);
    await askForExtension(publicHealth.processInstanceId, 2, reasons);
    await expectRefused(publicHealth.id, publicHealth.processInstanceId, /^Forlengelsen må være et helt antall måneder fra 1 til 1 \(forordning \(EU\) 2025\/327 art\. 68 nr\. 6\)\.$/);
    const before = await deadlineOf(publicHealth.id);
    await askForExtension(publicHealth.processInstanceId, 1, reasons);
    const newDue = endOfOsloDay(addCalendarMonths(osloDay(new Date(before.due_at)), 1)).toISOString();
    await eventually(async () => (await caseRow(h, 'deadline_extensions', publicHealth.id)) ?? undefined, { what: 'the extension' });
    expect(await caseRow(h, 'deadline_extensions', publicHealth.id)).toMatchObject({ rule: 'decision-public-health-extension', period: 1 });
    await eventually(async () => (await timerDue(publicHealth.processInstanceId, 'statutory-deadline-passed')) === newDue, { what: 'the moved deadline timer' });

    // Norwegian rules: no extension, whatever the form is made to send.
    const norwegian = await startCase(h, research);
    await passCompleteness(norwegian.processInstanceId);
    await findUserTask(norwegian.processInstanceId, 'legal-assessment');
    expect(await processVariable(norwegian.processInstanceId, 'deadlineExtensionOffer')).toBe('');
    const due = await timerDue(norwegian.processInstanceId, 'statutory-deadline-passed');
    await askForExtension(norwegian.processInstanceId, 1, reasons);
    await expectRefused(norwegian.id, norwegian.processInstanceId, /^Fristen kan bare forlenges i saker etter EHDS-forordningen\./);
    expect(await caseRow(h, 'deadline_extensions', norwegian.id)).toBeUndefined();
    expect(await timerDue(norwegian.processInstanceId, 'statutory-deadline-passed')).toBe(due);
    await recordPath(process, norwegian.processInstanceId, 'extension-invalid');
  });

  it('warns again before the new deadline when the deadline is extended after the warning', async () => {
    const { id, processInstanceId } = await ehdsCase();
    await passCompleteness(processInstanceId);
    await passCostEstimate(h, id);
    await findUserTask(processInstanceId, 'legal-assessment');
    const before = await deadlineOf(id);
    // The first warning, 5 working days before the first deadline.
    const first = await findTimer(processInstanceId, 'statutory-deadline-near');
    expect(new Date(first.dueDate!).toISOString()).toBe(new Date(before.warn_at).toISOString());
    await fireTimer(first);
    await recordedStep(h, id, 'statutory-deadline-warned');
    await eventually(async () => (await deadlineOf(id)).warned_at, { what: 'the first warning' });

    await askForExtension(processInstanceId, 1, reasons);
    const newDue = endOfOsloDay(addCalendarMonths(osloDay(new Date(before.due_at)), 1)).toISOString();
    const newWarning = deadlineFor('ehds', 'decision-warning', new Date(newDue)).toISOString();
    await eventually(async () => (await timerDue(processInstanceId, 'statutory-deadline-passed')) === newDue || undefined, { what: 'the moved deadline timer' });
    // The warning is due again, before the new deadline, and still to come. (The extension moves
    // it after the deadline's timer; until then it waits on its cycle.)
    const second = await eventually(async () => {
      const job = await findTimer(processInstanceId, 'statutory-deadline-near');
      return new Date(job.dueDate!).toISOString() === newWarning ? job : undefined;
    }, { what: 'the warning before the new deadline' });
    expect(second.id).not.toBe(first.id);
    expect((await deadlineOf(id)).warned_at).toBeNull();
    // The extension is through once the assessment is open again.
    await findUserTask(processInstanceId, 'legal-assessment');
    await fireTimer(second);
    await recordedStep(h, id, 'statutory-deadline-warned:extended');
    await eventually(async () => (await deadlineOf(id)).warned_at, { what: 'the warning before the new deadline' });
    expect(await visits(processInstanceId, 'warn-statutory-deadline')).toBe(2);
  });
});

describe('the completion window under EHDS', { timeout: 180_000 }, () => {
  it('gives an incomplete application 4 weeks, with no reminder, then rejects it', async () => {
    const { id, processInstanceId } = await ehdsCase();
    await assignAndComplete(await findUserTask(processInstanceId, 'check-completeness'), caseworker, { isComplete: 'no', missingItems: 'Protokoll' });
    await recordedStep(h, id, 'supplement-requested');
    const request = await caseRow(h, 'supplement_requests', id);
    const due = deadlineFor('ehds', 'completion', new Date(request.requested_at)).toISOString();
    expect(new Date(request.due_at).toISOString()).toBe(due);
    const timer = await findTimer(processInstanceId, 'supplement-due');
    expect(new Date(timer.dueDate!).toISOString()).toBe(due);
    expect(new Date(String(await processVariable(processInstanceId, 'supplementDueAt'))).toISOString()).toBe(due);
    const asked = await letterOf(h, id, 'supplement-request');
    expect(asked.text).toContain(`Send det som mangler innen ${norwegianDate(osloDay(new Date(due)))} (4 uker). Fristen gjelder hele perioden du har til å gjøre søknaden komplett (forordning (EU) 2025/327 art. 67–68)`);
    expect(asked.text).not.toContain('påminnelse');

    await fireTimer(timer);
    await waitForProcessInstanceState(processInstanceId, 'COMPLETED');
    expect(await status(h, id)).toBe('rejected');
    expect((await caseRow(h, 'supplement_requests', id)).reminded_at).toBeNull();
    const rejection = await letterOf(h, id, 'rejection');
    expect(rejection.text).toContain('Vi ba om følgende med en frist på 4 uker (forordning (EU) 2025/327 art. 67–68), men fikk det ikke innen fristen:');
    const path = await recordPath(process, processInstanceId, 'application-rejected');
    expect(path.has('supplement-rulebook-gateway') && path.has('reject-merge')).toBe(true);
    expect(path.has('send-supplement-reminder')).toBe(false);
  });
});
