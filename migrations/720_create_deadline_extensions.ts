import type { Knex } from 'knex';

// The one extension of a decision deadline EHDS allows (Regulation (EU) 2025/327 art. 68 nr. 4
// and 6): the rule that limits it, how long, the caseworker's reasons (the applicant's letter
// gives them), who extended and when, and the deadline it moved from. One per case (the
// primary key), so the case file itself refuses a second. The deadline row keeps the date in
// force (deadlines.due_at); the timers follow it.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('deadline_extensions', (t) => {
    t.uuid('application_id').primary().references('applications.id');
    // The external task that recorded it, so that a retried job records it once.
    t.text('request_key').notNullable();
    t.text('rule').notNullable();
    t.integer('period').notNullable();
    t.text('period_unit').notNullable();
    t.text('reasons').notNullable();
    t.text('extended_by').notNullable();
    t.timestamp('extended_at', { useTz: true }).notNullable();
    t.timestamp('previous_due_at', { useTz: true }).notNullable();
    t.timestamp('due_at', { useTz: true }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('deadline_extensions');
}
