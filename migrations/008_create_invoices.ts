import type { Knex } from 'knex';

// HDS's fee for a case: one invoice per application, or the exemption that made it free.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('invoices', (t) => {
    t.uuid('application_id').primary().references('applications.id');
    t.integer('base_fee_nok').notNullable();
    t.integer('hourly_rate_nok').notNullable();
    t.integer('hours_billed').notNullable();
    t.integer('amount_nok').notNullable();
    t.text('exemption');
    t.timestamp('issued_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('invoices');
}
