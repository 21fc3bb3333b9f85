import type { Knex } from 'knex';

// The user's access to the data in the secure processing environment, for an EHDS case once
// every holder has delivered (Regulation (EU) 2025/327 Art. 68(7), rule user-access): due 2
// months from the last delivery (delivered_at), given by a caseworker (given_by, given_at, the
// caseworker's note); late_at is when the timer found it not yet given.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('user_access', (t) => {
    t.uuid('application_id').primary().references('applications.id');
    t.timestamp('delivered_at', { useTz: true }).notNullable();
    t.timestamp('due_at', { useTz: true }).notNullable();
    t.text('given_by');
    t.timestamp('given_at', { useTz: true });
    t.text('note');
    t.timestamp('late_at', { useTz: true });
    t.index(['due_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('user_access');
}
