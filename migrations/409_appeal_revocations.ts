import type { Knex } from 'knex';

// A revocation is a decision of its own that the holder can appeal, once: an appeal names the
// revocation it is about (none: the case's decision). A revocation keeps the state the permit
// had, so that a reversal on appeal puts it back.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('appeals', (t) => {
    t.uuid('revocation_id').references('permit_revocations.id');
  });
  await knex.schema.alterTable('permit_revocations', (t) => {
    t.text('permit_state_before');
    t.timestamp('appealed_at', { useTz: true });
    t.timestamp('reinstated_at', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('permit_revocations', (t) => {
    t.dropColumn('reinstated_at');
    t.dropColumn('appealed_at');
    t.dropColumn('permit_state_before');
  });
  await knex.schema.alterTable('appeals', (t) => {
    t.dropColumn('revocation_id');
  });
}
