// The publication of each decision, on the real engine and database (bpmn/hds-publication.bpmn):
// started with the decision, due 30 working days after it (the task's due date and the timer's,
// both the case file's), published only as a caseworker approved it, screened for personal data
// with anything not cleared sent back to the form; a publication the timer finds unpublished is
// recorded as late and counted by /stats; a rejection is published with its standard reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicationDueAt } from '../../../domain/deadlines.ts';
import { bearer } from '../auth.ts';
import { recordPath } from '../coverage.ts';
import { assignAndComplete, engine, findTimer, findUserTask, fireTimer, incidents, waitForProcessInstanceState, type UserTask } from '../engine.ts';
import { eventually, startCase, startHarness, validSubmission, type Harness } from '../harness.ts';
import { assess, auditEvent, caseworker, decide, passCompleteness, processVariable, recordedStep, research, sourceSlots } from './case-steps.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const process = 'hds-publication';

// The publication instance a case's decision started.
async function publicationInstance(applicationId: string): Promise<string> {
  return eventually(
    async () => {
      await h.relay.relayDue();
      const [instance] = await engine.call<{ id: string }[]>('GET', `/history/process-instance?processDefinitionKey=${process}&processInstanceBusinessKey=${applicationId}`);
      return instance?.id;
    },
    { what: `the publication of case ${applicationId}` },
  );
}

const publication = (applicationId: string) => h.db('decision_publications').where({ application_id: applicationId }).first();

// The publication task once it is (again) a new one.
const nextTask = (instance: string, previous: UserTask) =>
  eventually(async () => {
    const task = await findUserTask(instance, 'publish-decision');
    return task.id !== previous.id && task;
  }, { what: 'the publication task back with its reason' });

// A case decided with BIVIRK refused, and its publication waiting for the caseworker.
async function partlyGranted() {
  const { id, processInstanceId } = await startCase(h, research);
  await passCompleteness(processInstanceId, { publicationFindingsCleared: true });
  await assess(processInstanceId);
  const slot = await sourceSlots(processInstanceId);
  await decide(processInstanceId, {
    [`source${slot.get('MFR')}Dispensation`]: true,
    [`source${slot.get('BIVIRK')}Decision`]: 'refused',
    [`source${slot.get('BIVIRK')}Reason`]: 'Bivirkningsdata er ikke nødvendige for formålet.',
  });
  const instance = await publicationInstance(id);
  return { id, instance, task: await findUserTask(instance, 'publish-decision') };
}

describe('the publication of a decision', { timeout: 240_000 }, () => {
  it('is due 30 working days after the decision, and publishes only the reasons and text a caseworker approved', async () => {
    const { id, instance, task } = await partlyGranted();
    const decision = await h.db('decisions').where({ application_id: id }).first();
    const scheduled = await publication(id);
    expect(scheduled.decided_at.toISOString()).toBe(decision.decided_at.toISOString());
    expect(scheduled.due_at.toISOString()).toBe(publicationDueAt(decision.decided_at).toISOString());
    // The task and the timer are due when the case file says.
    expect(new Date(task.due!).getTime()).toBe(scheduled.due_at.getTime());
    expect(new Date((await findTimer(instance, 'publication-due')).dueDate!).getTime()).toBe(scheduled.due_at.getTime());
    expect(await processVariable(instance, 'decisionOutcomeText')).toBe('Delvis innvilget');
    expect(await processVariable(instance, 'refusedSourcesText')).toBe('System for bivirkningsrapportering (BIVIRK): hele kilden');
    expect(await processVariable(instance, 'publicInstitution')).toBe('Folkehelseinstituttet');

    // No public reasons for a partial grant: back to the form, nothing published.
    await assignAndComplete(task, caseworker);
    const second = await nextTask(instance, task);
    expect(await processVariable(instance, 'publicationProblem')).toBe('Skriv en offentlig begrunnelse: vedtaket er «delvis innvilget».');
    expect(await incidents(instance)).toEqual([]);
    expect((await publication(id)).published_at).toBeNull();

    // Reasons that name the project leader: back again until cleared or edited.
    const leader = validSubmission.projectLeader.name;
    await assignAndComplete(second, caseworker, { publicReasons: `Prosjektleder ${leader} trenger ikke bivirkningsdata.` });
    const third = await nextTask(instance, second);
    expect(await processVariable(instance, 'publicationProblem')).toContain(`Offentlig begrunnelse: Navn på en person i søknaden («${leader}»)`);
    expect((await auditEvent(h, id, 'decision-publication-returned')).actor).toBe(caseworker);

    const reasons = 'Bivirkningsdata er ikke nødvendige for å besvare forskningsspørsmålet.';
    await assignAndComplete(third, caseworker, { publicReasons: reasons, publicInstitution: 'Folkehelseinstituttet (FHI)' });
    await recordedStep(h, id, 'decision-published');
    const published = await publication(id);
    expect(published).toMatchObject({ public_reasons: reasons, published_by: caseworker, late_at: null });
    expect(published.published_at.getTime()).toBeLessThanOrEqual(published.due_at.getTime());
    // The institution's name as approved with it is what public pages show.
    expect(await h.db('public_summaries').where({ application_id: id }).first()).toMatchObject({ institution: 'Folkehelseinstituttet (FHI)', approved_by: caseworker });
    await waitForProcessInstanceState(instance, 'COMPLETED');
    const path = await recordPath(process, instance, 'decision-published');
    expect(path.has('publication-invalid')).toBe(true);
    expect(path.has('record-late-publication')).toBe(false);
  });

  it('records a publication the timer finds unpublished as late, keeps the task open, and /stats counts it', async () => {
    const { id, instance, task } = await partlyGranted();
    // The due date passes (set back in the case file to a day no other case is due on).
    const dueAt = new Date('2021-03-15T22:59:59.999Z');
    await h.db('decision_publications').where({ application_id: id }).update({ due_at: dueAt });
    const stats = async () => (await h.app.inject({ method: 'GET', url: '/stats?from=2021-03-15&to=2021-03-15', headers: bearer('caseworker') })).json().decisionPublications;
    expect(await stats()).toEqual({ publishedInTime: 0, publishedLate: 0, overdue: 1, pending: 0, late: 1 });

    await fireTimer(await findTimer(instance, 'publication-due'));
    await recordPath(process, instance, 'publication-late');
    expect((await publication(id)).late_at).not.toBeNull();
    expect(await findUserTask(instance, 'publish-decision')).toMatchObject({ id: task.id });

    await assignAndComplete(task, caseworker, { publicReasons: 'Bivirkningsdata er ikke nødvendige for formålet.' });
    await recordedStep(h, id, 'decision-published');
    expect(await stats()).toEqual({ publishedInTime: 0, publishedLate: 1, overdue: 0, pending: 0, late: 1 });
    await waitForProcessInstanceState(instance, 'COMPLETED');
  });

  it('publishes a rejection with its standard reason, approving the title of a case that never passed completeness', async () => {
    const { id, processInstanceId } = await startCase(h, research);
    await assignAndComplete(await findUserTask(processInstanceId, 'check-completeness'), caseworker, { isComplete: 'no', missingItems: 'Protokoll' });
    await fireTimer(await findTimer(processInstanceId, 'supplement-due'));
    await fireTimer(await findTimer(processInstanceId, 'reminder-due'));
    await waitForProcessInstanceState(processInstanceId, 'COMPLETED');
    const instance = await publicationInstance(id);
    const task = await findUserTask(instance, 'publish-decision');
    expect(await processVariable(instance, 'decisionOutcomeText')).toBe('Avvist');
    expect(await processVariable(instance, 'publicReasons')).toBe('Søknaden ble avvist fordi opplysningene som manglet, ikke kom inn innen fristen.');
    expect(await h.db('public_summaries').where({ application_id: id }).first()).toBeUndefined();

    await assignAndComplete(task, caseworker, { publicationFindingsCleared: true });
    await recordedStep(h, id, 'decision-published');
    expect((await publication(id)).public_reasons).toBe('Søknaden ble avvist fordi opplysningene som manglet, ikke kom inn innen fristen.');
    expect(await h.db('public_summaries').where({ application_id: id }).first()).toMatchObject({ title: research.project.title, institution: 'Folkehelseinstituttet' });
  });
});
