import type { Knex } from 'knex';

// What the latest forecast refresh expects for a new application received that day, per
// register, which the public processing-time page shows.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('new_application_forecasts', (t) => {
    t.text('register_id').primary();
    t.date('decision_median');
    t.date('decision_from');
    t.date('decision_to');
    t.date('delivery_median');
    t.date('delivery_from');
    t.date('delivery_to');
    t.text('method_version').notNullable();
    t.timestamp('computed_at', { useTz: true }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('new_application_forecasts');
}
