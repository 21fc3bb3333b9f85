import type { Knex } from 'knex';

// Who holds a permit's register is asked of the register table on the day it matters (a stop
// order, a custodian's access), since registers move between custodians; the permit keeps only
// its registers.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('permit_sources', (t) => {
    t.dropColumn('custodian_id');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('permit_sources', (t) => {
    t.text('custodian_id');
    t.index(['custodian_id', 'permit_id']);
  });
}
