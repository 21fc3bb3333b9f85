// A new case in the case file: the application as submitted, the registers it names, its
// first audit step and the engine command, all inside the caller's transaction.
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { recordStep } from './audit.ts';

export type NewCase = { id: string; reference: string; status: 'received' };
// What intake reads of a submission; the API has validated the whole of it.
type Submission = { applicationType: string; dataSources: readonly { registerId: string }[] };

export async function createCase(tx: Knex.Transaction, submission: Submission, submittedBy: string): Promise<NewCase> {
  const id = randomUUID();
  const { rows } = await tx.raw(`select nextval('application_number') as n`);
  const reference = `HDS-${new Date().getUTCFullYear()}-${String(rows[0].n).padStart(5, '0')}`;
  await tx('applications').insert({
    id,
    reference,
    status: 'received',
    application_type: submission.applicationType,
    submission,
    submitted_by: submittedBy,
  });
  const registerIds = [...new Set(submission.dataSources.map((source) => source.registerId))];
  await tx('application_sources').insert(registerIds.map((registerId) => ({ application_id: id, register_id: registerId })));
  await recordStep(tx, { applicationId: id, step: 'received', actor: submittedBy });
  await tx('outbox').insert({
    application_id: id,
    command: 'publish-message',
    payload: { name: 'application-submitted', correlationKey: id, messageId: id, variables: { applicationId: id } },
  });
  return { id, reference, status: 'received' };
}
