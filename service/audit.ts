// The append-only audit trail. Writing a step twice (a retried job) keeps the first entry.
import type { Knex } from 'knex';

export type Step = {
  applicationId: string;
  step: string;
  actor: string;
  detail?: Record<string, unknown>;
};

export async function recordStep(db: Knex | Knex.Transaction, { applicationId, step, actor, detail = {} }: Step) {
  await db('audit_events')
    .insert({ application_id: applicationId, step, actor, detail })
    .onConflict(['application_id', 'step'])
    .ignore();
}
