import type { Knex } from 'knex';

// A custodian pages through its own orders newest first (GET /orders).
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('custodian_orders', (t) => {
    t.index(['custodian_id', 'id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('custodian_orders', (t) => {
    t.dropIndex(['custodian_id', 'id']);
  });
}
