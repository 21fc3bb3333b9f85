import type { Knex } from 'knex';

// The holder's fee for a data order under EHDS (Regulation (EU) 2025/327, Art. 62(4)): holder
// and user agree it within 1 month of the permit (due_at, rule fee-agreement), or the body sets
// it. One row per data order, made when the order is sent; the custodian's report (fee_nok,
// note, reported_by, reported_at) or HDS's setting (fee_nok, reasons, set_by, set_at) fills it.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('fee_agreements', (t) => {
    t.bigInteger('order_id').primary().references('custodian_orders.id');
    t.uuid('application_id').notNullable().references('applications.id');
    t.text('rule').notNullable();
    t.timestamp('due_at', { useTz: true }).notNullable();
    t.integer('fee_nok');
    t.text('note');
    t.text('reported_by');
    t.timestamp('reported_at', { useTz: true });
    t.text('reasons');
    t.text('set_by');
    t.timestamp('set_at', { useTz: true });
    t.index(['application_id']);
  });
  await knex.raw('alter table fee_agreements add constraint fee_agreements_fee_not_negative check (fee_nok >= 0)');
  await knex.raw('alter table fee_agreements add constraint fee_agreements_once check (reported_at is null or set_at is null)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('fee_agreements');
}
