import type { Knex } from 'knex';

// One order per custodian (not per register) and its delivery.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('custodian_orders', (t) => {
    t.bigIncrements('id');
    t.uuid('application_id').notNullable().references('applications.id');
    t.text('custodian_id').notNullable();
    t.specificType('register_ids', 'text[]').notNullable();
    t.timestamp('due_at', { useTz: true }).notNullable();
    t.timestamp('sent_at', { useTz: true });
    t.timestamp('delivered_at', { useTz: true });
    t.text('analysis_environment');
    t.unique(['application_id', 'custodian_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('custodian_orders');
}
