import type { Knex } from 'knex';

// The public title and lay summary of an application as a caseworker approved them: the only
// free text about a case that public pages show. findings are what the screening for personal
// data (domain/publication/screening.ts) found in the approved text, which the caseworker
// cleared; approved_by and approved_at say who approved it and when. A later approval (after a
// supplement) replaces the row; the audit trail keeps each one.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('public_summaries', (t) => {
    t.uuid('application_id').primary().references('applications.id');
    t.text('title').notNullable();
    t.text('summary');
    t.jsonb('findings').notNullable().defaultTo('[]');
    t.text('approved_by').notNullable();
    t.timestamp('approved_at', { useTz: true }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('public_summaries');
}
