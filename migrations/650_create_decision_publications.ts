import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { publicationDueAt } from '../domain/deadlines.ts';

// The publication of each decision (EHDS, Regulation (EU) 2025/327, Art. 57(1)(j): within 30
// working days of the decision). A row is written with the decision: decided_at is the decision
// it publishes, due_at the end of the last working day the rule allows. A caseworker publishes
// it in the publication process (bpmn/hds-publication.bpmn) with a public summary of the reasons
// (public_reasons, screened for personal data; findings are what the caseworker cleared);
// published_by and published_at say who and when. late_at is when the process's timer found it
// still unpublished at due_at.
//
// Decisions recorded before this migration are scheduled too, each with its own publication
// process started through the outbox (as store/publication/decision-publications.ts does), and
// due 30 working days from the migration: the rule binds from the day the service publishes,
// so none of them counts as late for what it could not do before.
//
// public_summaries.institution: the institution's name as a caseworker approved it for
// publication with the title and summary (the applicant wrote it; it can name a person).
// Summaries approved before it existed take the name the application gave.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('decision_publications', (t) => {
    t.uuid('application_id').primary().references('applications.id');
    t.timestamp('decided_at', { useTz: true }).notNullable();
    t.timestamp('due_at', { useTz: true }).notNullable();
    t.text('public_reasons');
    t.jsonb('findings').notNullable().defaultTo('[]');
    t.text('published_by');
    t.timestamp('published_at', { useTz: true });
    t.timestamp('late_at', { useTz: true });
    t.index(['published_at']);
    t.index(['due_at']);
  });
  await knex.schema.alterTable('public_summaries', (t) => {
    t.text('institution');
  });
  await knex.raw(`update public_summaries ps set institution = a.submission -> 'institution' ->> 'name' from applications a where a.id = ps.application_id`);
  const now = new Date();
  const decided = await knex('decisions').where({ decided_by_body: 'HDS' }).whereIn('outcome', ['grant', 'partial-grant', 'refusal', 'rejection']).select('application_id', 'decided_at');
  for (const { application_id: applicationId, decided_at: decidedAt } of decided) {
    await knex('decision_publications').insert({ application_id: applicationId, decided_at: decidedAt, due_at: publicationDueAt(now) });
    await knex('outbox').insert({
      application_id: applicationId,
      command: 'correlate-message',
      payload: { name: 'decision-to-publish', businessKey: applicationId, messageId: randomUUID(), starts: true, variables: { applicationId } },
    });
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex('outbox').whereRaw(`payload ->> 'name' = 'decision-to-publish'`).whereNull('relayed_at').delete();
  await knex.schema.alterTable('public_summaries', (t) => t.dropColumn('institution'));
  await knex.schema.dropTable('decision_publications');
}
