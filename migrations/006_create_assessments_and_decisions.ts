import type { Knex } from 'knex';

// The caseworker's legal assessment (with hours, which the fee uses) and the decision, by HDS
// or by the body a case was forwarded to.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('assessments', (t) => {
    t.uuid('application_id').primary().references('applications.id');
    t.text('recommendation').notNullable();
    t.decimal('hours_spent', 6, 2).notNullable();
    t.text('assessed_by').notNullable();
    t.jsonb('findings').notNullable().defaultTo('{}');
    t.timestamp('assessed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.schema.createTable('decisions', (t) => {
    t.uuid('application_id').primary().references('applications.id');
    t.text('decided_by_body').notNullable();
    t.text('outcome').notNullable();
    t.text('decided_by');
    t.text('external_reference');
    t.text('conditions');
    t.boolean('dispensation_granted');
    t.timestamp('decided_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('letter_sent_at', { useTz: true });
    t.date('appeal_deadline');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('decisions');
  await knex.schema.dropTable('assessments');
}
