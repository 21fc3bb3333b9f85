import type { Knex } from 'knex';

// The application type as a column, so listing can filter and sort by it without reading
// every submission.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('applications', (t) => {
    t.text('application_type');
  });
  await knex.raw(`update applications set application_type = submission ->> 'applicationType'`);
  await knex.schema.alterTable('applications', (t) => {
    t.text('application_type').notNullable().alter();
    t.index(['application_type', 'received_at', 'id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('applications', (t) => {
    t.dropColumn('application_type');
  });
}
