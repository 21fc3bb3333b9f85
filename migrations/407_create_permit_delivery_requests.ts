import type { Knex } from 'knex';

// The holder's requests for the next delivery under a permit that allows repeated deliveries,
// each checked against the permit: ordered from the custodians, or refused with the reason.
// One request is checked at a time per permit.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('permit_delivery_requests', (t) => {
    t.uuid('id').primary();
    t.uuid('permit_id').notNullable().references('permits.id');
    t.text('requested_by').notNullable();
    t.timestamp('requested_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.jsonb('data_sources').notNullable();
    t.text('note');
    t.text('outcome');
    t.text('reason');
    t.timestamp('checked_at', { useTz: true });
    t.index(['permit_id', 'requested_at']);
  });
  await knex.raw('create unique index permit_delivery_requests_one_open on permit_delivery_requests (permit_id) where outcome is null');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('permit_delivery_requests');
}
