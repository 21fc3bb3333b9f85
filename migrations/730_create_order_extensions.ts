import type { Knex } from 'knex';

// A custodian's extension of its delivery deadline under EHDS (Regulation (EU) 2025/327 Art.
// 60(2), rule holder-delivery-extension): one per order (the key), with how many months, the
// reasons, who asked and when, and the deadline before and after. The order's due_at is the
// deadline in force. The rule the order's deadline was set by (custodian-delivery or
// holder-delivery) is kept on the order; orders sent before were all Norwegian.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('order_extensions', (t) => {
    t.bigInteger('order_id').primary().references('custodian_orders.id');
    t.integer('months').notNullable();
    t.text('reason').notNullable();
    t.text('requested_by').notNullable();
    t.timestamp('requested_at', { useTz: true }).notNullable();
    t.timestamp('due_at_before', { useTz: true }).notNullable();
    t.timestamp('due_at_after', { useTz: true }).notNullable();
  });
  await knex.schema.alterTable('custodian_orders', (t) => {
    t.text('due_rule');
  });
  await knex.raw(`update custodian_orders set due_rule = 'custodian-delivery' where kind = 'data-order' and due_at is not null`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('custodian_orders', (t) => t.dropColumn('due_rule'));
  await knex.schema.dropTable('order_extensions');
}
