import type { Knex } from 'knex';

// The engine is Operaton (Camunda 7): a process instance has an id, not a key. The columns say
// so, as the API and the code do.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('applications', (t) => t.renameColumn('process_instance_key', 'process_instance_id'));
  await knex.schema.alterTable('appeals', (t) => t.renameColumn('process_instance_key', 'process_instance_id'));
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('applications', (t) => t.renameColumn('process_instance_id', 'process_instance_key'));
  await knex.schema.alterTable('appeals', (t) => t.renameColumn('process_instance_id', 'process_instance_key'));
}
