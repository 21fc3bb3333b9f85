// The append-only audit trail. Writing a step twice (a retried job) keeps the first entry.
import type { Knex } from 'knex';
import type { AuditStep } from '../domain/audit-steps.ts';
import { stepOf } from '../domain/state-machine.ts';

export type Step = {
  applicationId: string;
  step: AuditStep;
  // What tells a repeat of the step apart: the job, custodian, message or version it is for.
  qualifier?: string | number;
  actor: string;
  detail?: Record<string, unknown>;
};

export async function recordStep(db: Knex | Knex.Transaction, { applicationId, step, qualifier, actor, detail = {} }: Step) {
  await db('audit_events')
    .insert({ application_id: applicationId, step: stepOf(step, qualifier), actor, detail })
    .onConflict(['application_id', 'step'])
    .ignore();
}

export async function stepRecorded(db: Knex | Knex.Transaction, applicationId: string, step: AuditStep, qualifier?: string | number): Promise<boolean> {
  return Boolean(await db('audit_events').where({ application_id: applicationId, step: stepOf(step, qualifier) }).first('id'));
}
