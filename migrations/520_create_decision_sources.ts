import type { Knex } from 'knex';

// The structured decision: one row per source (register) of a decision made by HDS, granted or
// refused, with the variables granted, the dispensation, conditions and the reason for a
// refusal. Letters, orders, the permit and the public register read these rows; the
// decision's outcome is derived from them.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('decision_sources', (t) => {
    t.uuid('application_id').notNullable().references('decisions.application_id').onDelete('CASCADE');
    t.text('register_id').notNullable();
    t.integer('position').notNullable();
    t.boolean('granted').notNullable();
    t.specificType('asked_variables', 'text[]').notNullable();
    t.specificType('granted_variables', 'text[]').notNullable();
    t.boolean('dispensation').notNullable().defaultTo(false);
    t.text('conditions');
    t.text('refusal_reason');
    t.primary(['application_id', 'register_id']);
  });
  await knex.raw('alter table decision_sources add constraint decision_sources_refusal_has_reason check (granted or refusal_reason is not null)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('decision_sources');
}
