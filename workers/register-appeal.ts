// Registers an appeal, checks that it came within the appeal period of the decision, and sets
// the texts the appeal form shows about the application.
import { caseSummary, type CaseSummary } from '../domain/case-summary.ts';
import { osloDay } from '../domain/working-days.ts';
import { recordStep } from '../service/audit.ts';
import { loadApplication } from './case-file.ts';
import { defineWorker, InvalidJobInput } from './declaration.ts';

type Output = { appealWithinDeadline: boolean; applicationReference: string } & CaseSummary;

export default defineWorker<{ applicationId: string; appealReceivedOn?: string }, Output>({
  taskType: 'register-appeal',
  input: {
    type: 'object',
    properties: {
      applicationId: { type: 'string', format: 'uuid' },
      // The day the appeal was sent; the day it reached the engine when not given.
      appealReceivedOn: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    },
    required: ['applicationId'],
  },
  async handler({ applicationId, appealReceivedOn }, { db, job, now }) {
    const application = await loadApplication(db, applicationId);
    const decision = await db('decisions').where({ application_id: applicationId }).first();
    if (!decision?.appeal_deadline) throw new InvalidJobInput(`Application ${applicationId} has no decision to appeal`);
    const receivedOn = appealReceivedOn ?? osloDay(now());
    const deadline = new Date(decision.appeal_deadline).toISOString().slice(0, 10);
    const withinDeadline = receivedOn <= deadline;
    await db.transaction(async (tx) => {
      await tx('appeals')
        .insert({ application_id: applicationId, process_instance_key: job.processInstanceKey, received_on: receivedOn, within_deadline: withinDeadline })
        .onConflict('process_instance_key')
        .ignore();
      await recordStep(tx, { applicationId, step: `appeal-received:${job.processInstanceKey}`, actor: 'applicant', detail: { receivedOn, deadline, withinDeadline } });
    });
    return { appealWithinDeadline: withinDeadline, applicationReference: application.reference, ...caseSummary(application.submission) };
  },
});
