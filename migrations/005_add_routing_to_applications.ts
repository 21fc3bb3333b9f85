import type { Knex } from 'knex';

// Who decides a case, and by which rule of the jurisdiction table.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('applications', (t) => {
    t.text('deciding_body');
    t.text('routing_rule');
    t.index(['status']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('applications', (t) => {
    t.dropIndex(['status']);
    t.dropColumn('deciding_body');
    t.dropColumn('routing_rule');
  });
}
