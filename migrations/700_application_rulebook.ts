import type { Knex } from 'knex';

// The rulebook a case follows (domain/rulebook/): chosen from the receipt date by the decision
// table bpmn/rulebook.dmn and recorded by the worker record-rulebook, so that every later rule
// reads it from the case file. Null until recorded. Every case received before this migration
// was received under the Norwegian rules: no EHDS date or pilot existed then.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('applications', (t) => {
    t.text('rulebook');
  });
  await knex.raw("alter table applications add constraint applications_rulebook_known check (rulebook in ('norwegian', 'ehds'))");
  await knex('applications').update({ rulebook: 'norwegian' });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('applications', (t) => t.dropColumn('rulebook'));
}
