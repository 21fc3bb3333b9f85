import type { Knex } from 'knex';

// When an EHDS case's custodian (a data holder) let its delivery deadline pass without
// delivering: the delivery-late timer records it, since the body may penalise late holders
// (Regulation (EU) 2025/327 Art. 63(4)). GET /stats counts these orders.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('custodian_orders', (t) => {
    t.timestamp('late_at', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('custodian_orders', (t) => t.dropColumn('late_at'));
}
