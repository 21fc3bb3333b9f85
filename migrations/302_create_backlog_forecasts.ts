import type { Knex } from 'knex';

// The backlog's forecast per stage and per register from the latest refresh, which GET /stats
// shows: open cases, recent pace, when they clear and the deadlines expected to be missed.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('backlog_forecasts', (t) => {
    t.text('scope').notNullable();
    t.text('key').notNullable();
    t.integer('open').notNullable();
    t.double('finished_per_week');
    t.date('clears_on');
    t.double('expected_breaches').notNullable();
    t.text('method_version').notNullable();
    t.timestamp('computed_at', { useTz: true }).notNullable();
    t.primary(['scope', 'key']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('backlog_forecasts');
}
