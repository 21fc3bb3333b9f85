import type { Knex } from 'knex';

// Listing pages through applications newest first by (received_at, id); these indexes serve
// that order alone and filtered by status.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('applications', (t) => {
    t.index(['received_at', 'id']);
    t.index(['status', 'received_at', 'id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('applications', (t) => {
    t.dropIndex(['received_at', 'id']);
    t.dropIndex(['status', 'received_at', 'id']);
  });
}
