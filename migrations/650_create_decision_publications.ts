import type { Knex } from 'knex';

// The publication of each decision (EHDS, Regulation (EU) 2025/327, Art. 57(1)(j): within 30
// working days of the decision). A row is written with the decision: decided_at is the decision
// it publishes, due_at the end of the last working day the rule allows. A caseworker publishes
// it in the publication process (bpmn/hds-publication.bpmn) with a public summary of the reasons
// (public_reasons, screened for personal data; findings are what the caseworker cleared);
// published_by and published_at say who and when. late_at is when the process's timer found it
// still unpublished at due_at.
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
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('public_summaries', (t) => t.dropColumn('institution'));
  await knex.schema.dropTable('decision_publications');
}
