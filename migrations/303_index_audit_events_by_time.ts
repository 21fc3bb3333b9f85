import type { Knex } from 'knex';

// The forecast learns from the cases with a step in the past year; without this index each
// refresh reads the whole audit trail to find them.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('audit_events', (t) => t.index(['occurred_at', 'application_id']));
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('audit_events', (t) => t.dropIndex(['occurred_at', 'application_id']));
}
