import type { Knex } from 'knex';

// Revocations of a permit for breach of its conditions: asked for by a caseworker with a
// reason, decided by an approver (four eyes), with the decision letter's appeal deadline. A
// permit has at most one revocation undecided at a time.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('permit_revocations', (t) => {
    t.uuid('id').primary();
    t.uuid('permit_id').notNullable().references('permits.id');
    t.text('reason').notNullable();
    t.text('requested_by').notNullable();
    t.timestamp('requested_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('outcome');
    t.text('decided_by');
    t.timestamp('decided_at', { useTz: true });
    t.text('decision_note');
    t.timestamp('letter_sent_at', { useTz: true });
    t.date('appeal_deadline');
    t.index(['permit_id']);
  });
  await knex.raw('create unique index permit_revocations_one_open on permit_revocations (permit_id) where outcome is null');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('permit_revocations');
}
