import type { Knex } from 'knex';

// The statistics limited to a period (GET /stats?from&to) select decisions by decided_at,
// deadlines by due_at and deliveries by delivered_at; without these indexes each such request
// reads the whole table, and its time grows with every case ever handled.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('decisions', (t) => t.index(['decided_at']));
  await knex.schema.alterTable('deadlines', (t) => t.index(['due_at']));
  await knex.schema.alterTable('custodian_orders', (t) => t.index(['delivered_at']));
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('decisions', (t) => t.dropIndex(['decided_at']));
  await knex.schema.alterTable('deadlines', (t) => t.dropIndex(['due_at']));
  await knex.schema.alterTable('custodian_orders', (t) => t.dropIndex(['delivered_at']));
}
