import type { Knex } from 'knex';

// The history of a case's application type and data kind when the case changes what it is (an
// accepted offer of statistics instead of a refusal makes it a request for anonymised
// statistics): from and to, why, and when.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('application_type_changes', (t) => {
    t.increments('id');
    t.uuid('application_id').notNullable().references('applications.id');
    t.text('from_type').notNullable();
    t.text('to_type').notNullable();
    t.text('from_data_kind');
    t.text('to_data_kind');
    t.text('reason').notNullable();
    t.timestamp('changed_at', { useTz: true }).notNullable();
    t.index(['application_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('application_type_changes');
}
