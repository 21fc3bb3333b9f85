import type { Knex } from 'knex';

// The reduction an invoice was given (the fee table's percentage) and the confirmed category
// it was given for, as the invoice and the decision letter state them. 0 and null: none.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('invoices', (t) => {
    t.integer('reduction_percent').notNullable().defaultTo(0);
    t.text('reduction_category');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('invoices', (t) => t.dropColumns('reduction_percent', 'reduction_category'));
}
