import type { Knex } from 'knex';

// Each open case's latest forecast, as the refresh stored it (the API and the caseworker's
// form read it; nothing computes a forecast per request), and what the case's process
// instance was last given (deadlineAtRisk, forecastText), so the engine is told only of changes.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('case_forecasts', (t) => {
    t.uuid('application_id').primary().references('applications.id').onDelete('CASCADE');
    t.date('decision_median');
    t.date('decision_from');
    t.date('decision_to');
    t.date('delivery_median');
    t.date('delivery_from');
    t.date('delivery_to');
    t.double('breach_probability');
    t.boolean('deadline_at_risk').notNullable();
    t.text('forecast_text').notNullable();
    t.text('method_version').notNullable();
    t.timestamp('computed_at', { useTz: true }).notNullable();
    t.boolean('engine_deadline_at_risk');
    t.text('engine_forecast_text');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('case_forecasts');
}
