import type { Knex } from 'knex';

// The cost estimate before the decision under EHDS (Regulation (EU) 2025/327 Art. 62(5)): one
// request per custodian holding a source the application names, due by the rulebook's
// cost-estimate row, and the custodian's estimate that answers it; then the estimate HDS sends
// the applicant and the applicant's answer (accept or withdraw). Both are facts the case reads
// back (whether every custodian has answered, whether the applicant may still answer), so they
// have tables, not a home in audit JSON.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('cost_estimate_requests', (t) => {
    t.bigIncrements('id');
    t.uuid('application_id').notNullable().references('applications.id');
    t.text('custodian_id').notNullable();
    t.specificType('register_ids', 'text[]').notNullable();
    t.timestamp('requested_at', { useTz: true }).notNullable();
    t.timestamp('due_at', { useTz: true }).notNullable();
    t.integer('amount_nok');
    t.text('description');
    t.timestamp('answered_at', { useTz: true });
    t.text('answered_by');
    t.unique(['application_id', 'custodian_id']);
  });
  await knex.schema.createTable('cost_estimates', (t) => {
    t.uuid('application_id').primary().references('applications.id');
    // HDS's own estimate: the fee table's base fee and hourly rate at the hours expected.
    t.integer('base_fee_nok').notNullable();
    t.integer('hourly_rate_nok').notNullable();
    t.integer('expected_hours').notNullable();
    t.integer('amount_nok').notNullable();
    t.text('exemption');
    t.timestamp('sent_at', { useTz: true }).notNullable();
    t.timestamp('answer_due_at', { useTz: true }).notNullable();
    t.text('answer');
    t.timestamp('answered_at', { useTz: true });
    t.text('answered_by');
  });
  // A withdrawn case's statutory clock stops: it no longer runs towards a breach.
  await knex.schema.alterTable('deadlines', (t) => {
    t.timestamp('stopped_at', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('deadlines', (t) => {
    t.dropColumn('stopped_at');
  });
  await knex.schema.dropTable('cost_estimates');
  await knex.schema.dropTable('cost_estimate_requests');
}
