import type { Knex } from 'knex';

// Appeals (klager) of a decision and how each ended: reversed by HDS, dismissed as late, or
// decided by Helseklage.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('appeals', (t) => {
    t.bigIncrements('id');
    t.uuid('application_id').notNullable().references('applications.id');
    t.text('process_instance_key').notNullable().unique();
    t.date('received_on').notNullable();
    t.boolean('within_deadline').notNullable();
    t.text('outcome');
    t.text('helseklage_reference');
    t.timestamp('decided_at', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('appeals');
}
