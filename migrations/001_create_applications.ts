import type { Knex } from 'knex';

// The application as submitted, and the process instance that carries it.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('applications', (t) => {
    t.uuid('id').primary();
    t.text('reference').notNullable().unique();
    t.text('status').notNullable();
    t.jsonb('submission').notNullable();
    t.text('process_instance_key');
    t.timestamp('received_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('applications');
}
