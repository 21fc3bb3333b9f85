// The public title and summary in the completeness task, on the real engine and database: the
// form starts from the applicant's proposal with the screening's findings; a text with
// findings the caseworker did not clear comes back to the form with the reason and no
// incident, and nothing is published; the edited text is stored in the case file with who
// approved it, and only it reaches the public register.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordPath } from '../coverage.ts';
import { assignAndComplete, findUserTask, incidents, waitForElement } from '../engine.ts';
import { eventually, startCase, startHarness, validSubmission, type Harness } from '../harness.ts';
import { auditEvent, caseworker, passCompleteness, processVariable, recordedStep } from './case-steps.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const number = '15059010023';
const submission = {
  ...validSubmission,
  project: {
    ...validSubmission.project,
    title: `Oppfølging av pasient ${number} (Åse Ødegård Bjørnstad)`,
    publicTitle: 'Hjerteinfarkt hos pasienter fulgt av Kari Nordmann',
    publicSummary: 'Spørsmål kan sendes til kari.nordmann@example.no.',
  },
};

describe('the public title and summary in the completeness task', { timeout: 180_000 }, () => {
  it('sends text with findings back to the form until the caseworker edits it, and stores what was approved, by whom', async () => {
    const { id, processInstanceId } = await startCase(h, submission);
    const first = await findUserTask(processInstanceId, 'check-completeness');
    expect(await processVariable(processInstanceId, 'publicTitle')).toBe(submission.project.publicTitle);
    expect(await processVariable(processInstanceId, 'publicationFindings')).toBe(
      'Offentlig tittel: Navn på en person i søknaden («Kari Nordmann»)\nOffentlig sammendrag: E-postadresse («kari.nordmann@example.no»)',
    );

    // Completed as proposed, findings not cleared: back to the form, nothing published.
    await assignAndComplete(first, caseworker, { isComplete: 'yes' });
    const again = await eventually(async () => {
      const task = await findUserTask(processInstanceId, 'check-completeness');
      return task.id !== first.id && task;
    }, { what: 'the completeness task back with its reason' });
    expect(await processVariable(processInstanceId, 'publicationProblem')).toContain('Teksten som skal publiseres kan inneholde personopplysninger:\nOffentlig tittel: Navn på en person i søknaden («Kari Nordmann»)');
    expect(await incidents(processInstanceId)).toEqual([]);
    expect(await h.db('public_summaries').where({ application_id: id }).first()).toBeUndefined();
    expect((await auditEvent(h, id, 'public-summary-returned')).actor).toBe(caseworker);

    // The edited text goes through and is the case file's approved public text.
    const edited = { publicTitle: 'Hjerteinfarkt og svangerskapsdiabetes', publicSummary: 'Får kvinner som har hatt svangerskapsdiabetes oftere hjerteinfarkt?' };
    await assignAndComplete(again, caseworker, { isComplete: 'yes', ...edited });
    await recordedStep(h, id, 'public-summary-approved');
    expect(await h.db('public_summaries').where({ application_id: id }).first()).toMatchObject({ title: edited.publicTitle, summary: edited.publicSummary, approved_by: caseworker, findings: [] });
    // A text that went through clears the reason it was sent back with.
    await eventually(async () => (await processVariable(processInstanceId, 'publicationProblem')) === '', { what: 'the reason cleared' });
    const path = await recordPath('hds-application', processInstanceId, 'record-public-summary');
    expect(path.has('public-summary-invalid')).toBe(true);
  });

  it('publishes text the caseworker cleared, with the findings kept beside it', async () => {
    const { id, processInstanceId } = await startCase(h, { ...validSubmission, project: { ...validSubmission.project, publicTitle: 'Studie ved Oslo Universitetssykehus' } });
    await passCompleteness(processInstanceId, { publicationFindingsCleared: true });
    await waitForElement(processInstanceId, 'record-public-summary', 'COMPLETED');
    const approved = await h.db('public_summaries').where({ application_id: id }).first();
    expect(approved).toMatchObject({ title: 'Studie ved Oslo Universitetssykehus', summary: null, approved_by: caseworker });
    expect(approved.findings).toEqual([expect.objectContaining({ field: 'title', kind: 'possible-name', match: 'Oslo Universitetssykehus' })]);
    expect(await processVariable(processInstanceId, 'publicationFindingsCleared')).toBe(false);
  });
});
