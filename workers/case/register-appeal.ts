// Registers an appeal, checks that it came within the appeal period of the decision it is
// about (the case's decision, or the revocation of its permit), and sets the texts the appeal
// form shows about the application and the decision appealed.
import { caseSummary, type CaseSummary } from '../../domain/case/summary.ts';
import type { Knex } from 'knex';
import { norwegianDate, osloDay } from '../../domain/working-days.ts';
import { recordStep } from '../../platform/audit.ts';
import { loadApplication } from './case-file.ts';
import { defineWorker, InvalidJobInput } from '../declaration.ts';
import { auditStep } from '../../domain/audit-steps.ts';

type Output = { appealWithinDeadline: boolean; applicationReference: string; appealSubjectText: string; appealReceivedText: string; appealDeadlineText: string } & CaseSummary;

// The decision an appeal is about, and the last day to appeal it.
async function appealedDecision(db: Knex, applicationId: string, revocationId: string | undefined) {
  if (revocationId) {
    const revocation = await db('permit_revocations as r')
      .join('permits as p', 'p.id', 'r.permit_id')
      .where({ 'r.id': revocationId, 'p.application_id': applicationId, 'r.outcome': 'revoked' })
      .first('r.appeal_deadline', 'r.reason', 'r.decided_at', 'p.reference');
    if (!revocation?.appeal_deadline) throw new InvalidJobInput(`Application ${applicationId} has no revocation ${revocationId} to appeal`);
    const subject = `Vedtak ${norwegianDate(osloDay(revocation.decided_at))} om tilbakekall av tillatelse ${revocation.reference}. Begrunnelse: ${revocation.reason}`;
    return { deadline: revocation.appeal_deadline as Date, subject };
  }
  const decision = await db('decisions').where({ application_id: applicationId }).first();
  if (!decision?.appeal_deadline) throw new InvalidJobInput(`Application ${applicationId} has no decision to appeal`);
  return { deadline: decision.appeal_deadline as Date, subject: `Vedtak ${norwegianDate(osloDay(decision.decided_at))} i søknaden` };
}

export default defineWorker<{ applicationId: string; appealReceivedOn?: string; revocationId?: string }, Output>({
  topic: 'register-appeal',
  input: {
    type: 'object',
    properties: {
      applicationId: { type: 'string', format: 'uuid' },
      // The day the appeal was sent; the day it reached the engine when not given.
      appealReceivedOn: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
      // Set when the appeal is about the revocation of the case's permit.
      revocationId: { type: 'string', format: 'uuid' },
    },
    required: ['applicationId'],
  },
  async handler({ applicationId, appealReceivedOn, revocationId }, { db, task, now }) {
    const application = await loadApplication(db, applicationId);
    const appealed = await appealedDecision(db, applicationId, revocationId);
    const receivedOn = appealReceivedOn ?? osloDay(now());
    const deadline = new Date(appealed.deadline).toISOString().slice(0, 10);
    const withinDeadline = receivedOn <= deadline;
    await db.transaction(async (tx) => {
      await tx('appeals')
        .insert({ application_id: applicationId, process_instance_id: task.processInstanceId, received_on: receivedOn, within_deadline: withinDeadline, revocation_id: revocationId ?? null })
        .onConflict('process_instance_id')
        .ignore();
      await recordStep(tx, { applicationId, step: auditStep.appealReceived, qualifier: task.processInstanceId, actor: 'applicant', detail: { receivedOn, deadline, withinDeadline, ...(revocationId ? { revocationId } : {}) } });
    });
    return {
      appealWithinDeadline: withinDeadline,
      applicationReference: application.reference,
      appealSubjectText: appealed.subject,
      appealReceivedText: norwegianDate(receivedOn),
      appealDeadlineText: norwegianDate(deadline),
      ...caseSummary(application.submission, osloDay(application.received_at)),
    };
  },
});
