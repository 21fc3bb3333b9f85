import type { Knex } from 'knex';

// Confirmations that a permit's data were deleted or returned: by the holder, by a custodian
// (deleted from the analysis environment), or recorded by a caseworker who got it otherwise.
// The key (a message id, or the job that recorded it) makes each one written once.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('permit_deletion_confirmations', (t) => {
    t.bigIncrements('id');
    t.uuid('permit_id').notNullable().references('permits.id');
    t.text('key').notNullable().unique();
    t.text('confirmed_as').notNullable();
    t.text('confirmed_by').notNullable();
    t.text('custodian_id');
    t.text('outcome').notNullable();
    t.text('note');
    t.timestamp('confirmed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['permit_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('permit_deletion_confirmations');
}
