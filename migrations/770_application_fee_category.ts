import type { Knex } from 'knex';

// The applicant's fee category as a caseworker confirmed it in the completeness task (EHDS,
// Regulation (EU) 2025/327, Art. 62(3): reduced fees for public bodies, universities and
// micro-enterprises). The submission only claims it; the fee table reads the confirmed one.
// Null: not confirmed (every case before this migration, and every Norwegian case).
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('applications', (t) => {
    t.text('fee_category');
    t.text('fee_category_confirmed_by');
    t.timestamp('fee_category_confirmed_at', { useTz: true });
  });
  await knex.raw("alter table applications add constraint applications_fee_category_known check (fee_category in ('public-body', 'university', 'micro-enterprise'))");
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('applications', (t) => t.dropColumns('fee_category', 'fee_category_confirmed_by', 'fee_category_confirmed_at'));
}
