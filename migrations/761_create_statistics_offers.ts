import type { Knex } from 'knex';

// Statistics offered instead of a refusal (EHDS Art. 68(3), rule statistics-instead-of-refusal):
// what the approver offered, who and when, the applicant's last day to answer, and the answer
// (accept or decline) with when it came. One offer per case, made with its refusal.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('statistics_offers', (t) => {
    t.uuid('application_id').primary().references('applications.id');
    t.text('offered_text').notNullable();
    t.text('offered_by').notNullable();
    t.timestamp('offered_at', { useTz: true }).notNullable();
    t.timestamp('answer_due_at', { useTz: true }).notNullable();
    t.text('answer');
    t.text('answered_by');
    t.timestamp('answered_at', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('statistics_offers');
}
