import type { Knex } from 'knex';

// The registers a permit covers and the custodian holding each when the permit's current
// version was made: custodians see the permits with their sources, and /stats counts permits
// per source, both by plain index lookups.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('permit_sources', (t) => {
    t.uuid('permit_id').notNullable().references('permits.id').onDelete('CASCADE');
    t.text('register_id').notNullable();
    t.text('custodian_id').notNullable();
    t.primary(['permit_id', 'register_id']);
    t.index(['custodian_id', 'permit_id']);
    t.index(['register_id', 'permit_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('permit_sources');
}
