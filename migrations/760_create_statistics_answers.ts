import type { Knex } from 'knex';

// The answer to a granted request for anonymised statistics (EHDS Art. 69(4); rule
// statistics-answer of the case's rulebook): due from the decision (decided_at, due_at, the rule
// and rulebook that set it), released by a caseworker after the disclosure control (released_by,
// released_at, what was sent); late_at is when the timer found it not yet released.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('statistics_answers', (t) => {
    t.uuid('application_id').primary().references('applications.id');
    t.text('rulebook').notNullable();
    t.text('rule').notNullable();
    t.timestamp('decided_at', { useTz: true }).notNullable();
    t.timestamp('due_at', { useTz: true }).notNullable();
    t.text('released_by');
    t.timestamp('released_at', { useTz: true });
    t.text('released_text');
    t.timestamp('late_at', { useTz: true });
    t.index(['due_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('statistics_answers');
}
