import type { Knex } from 'knex';

// Authenticated clients: a case remembers which integrator submitted it (integrators see only
// their own cases), and an Idempotency-Key belongs to the client that sent it, so two clients
// choosing the same key never see each other's answers.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('applications', (t) => {
    t.text('submitted_by');
    t.index(['submitted_by', 'received_at', 'id']);
  });
  await knex.schema.alterTable('idempotency_keys', (t) => {
    t.text('client_id').notNullable().defaultTo('');
    t.dropPrimary();
    t.primary(['client_id', 'key']);
    t.index(['created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('idempotency_keys', (t) => {
    t.dropIndex(['created_at']);
    t.dropPrimary();
    t.dropColumn('client_id');
    t.primary(['key']);
  });
  await knex.schema.alterTable('applications', (t) => {
    t.dropIndex(['submitted_by', 'received_at', 'id']);
    t.dropColumn('submitted_by');
  });
}
