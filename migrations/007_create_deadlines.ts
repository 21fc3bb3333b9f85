import type { Knex } from 'knex';

// The statutory deadline of a case (helseregisterloven § 19 f), its warning and any breach.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('deadlines', (t) => {
    t.uuid('application_id').primary().references('applications.id');
    t.integer('working_days').notNullable();
    t.date('starts_on').notNullable();
    t.timestamp('warn_at', { useTz: true }).notNullable();
    t.timestamp('due_at', { useTz: true }).notNullable();
    t.timestamp('warned_at', { useTz: true });
    t.timestamp('breached_at', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('deadlines');
}
