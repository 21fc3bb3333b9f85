import type { Knex } from 'knex';

// The registers each application names, one row each, filled at intake. A table rather than a
// GIN index on the submission's JSON: filtering by register is a plain index lookup, and
// backlog and processing time per register (a public concern, see shared/domain.md) become
// simple GROUP BY queries instead of unnesting every submission.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('application_sources', (t) => {
    t.uuid('application_id').notNullable().references('applications.id').onDelete('CASCADE');
    t.text('register_id').notNullable();
    t.primary(['application_id', 'register_id']);
    t.index(['register_id', 'application_id']);
  });
  await knex.raw(`
    insert into application_sources (application_id, register_id)
    select distinct a.id, source ->> 'registerId'
    from applications a, jsonb_array_elements(a.submission -> 'dataSources') as source
    where source ->> 'registerId' is not null`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('application_sources');
}
