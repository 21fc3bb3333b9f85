import type { Knex } from 'knex';

// Orders to the custodians of a revoked permit to stop deliveries and close access: one per
// custodian and revocation.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('permit_stop_orders', (t) => {
    t.uuid('revocation_id').notNullable().references('permit_revocations.id');
    t.uuid('permit_id').notNullable().references('permits.id');
    t.text('custodian_id').notNullable();
    t.specificType('register_ids', 'text[]').notNullable();
    t.timestamp('sent_at', { useTz: true }).notNullable();
    t.primary(['revocation_id', 'custodian_id']);
    t.index(['permit_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('permit_stop_orders');
}
