import type { Knex } from 'knex';

// One order per custodian for a periodic delivery the permit allows.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('permit_delivery_orders', (t) => {
    t.uuid('request_id').notNullable().references('permit_delivery_requests.id');
    t.uuid('permit_id').notNullable().references('permits.id');
    t.text('custodian_id').notNullable();
    t.specificType('register_ids', 'text[]').notNullable();
    t.timestamp('sent_at', { useTz: true }).notNullable();
    t.primary(['request_id', 'custodian_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('permit_delivery_orders');
}
