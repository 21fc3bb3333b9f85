import type { Knex } from 'knex';

// A message to a permit's process that came after the process stopped waiting for it (the
// period ended, the permit was revoked or closed) lapses instead of being retried for ever:
// the outbox row keeps when and why, and a deletion confirmation shows that it lapsed (a
// revocation or delivery request gets the outcome 'lapsed'). Custodians confirm the delivery
// of a periodic delivery's order.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('outbox', (t) => {
    t.timestamp('lapsed_at', { useTz: true });
    t.text('lapse_reason');
  });
  await knex.schema.alterTable('permit_deletion_confirmations', (t) => {
    t.timestamp('lapsed_at', { useTz: true });
  });
  await knex.schema.alterTable('permit_delivery_orders', (t) => {
    t.timestamp('delivered_at', { useTz: true });
    t.text('analysis_environment');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('permit_delivery_orders', (t) => {
    t.dropColumn('delivered_at');
    t.dropColumn('analysis_environment');
  });
  await knex.schema.alterTable('permit_deletion_confirmations', (t) => {
    t.dropColumn('lapsed_at');
  });
  await knex.schema.alterTable('outbox', (t) => {
    t.dropColumn('lapsed_at');
    t.dropColumn('lapse_reason');
  });
}
