import type { Knex } from 'knex';

// The rule a statutory deadline was set by (its row in the case's rulebook) and the period it
// ran, in that rule's unit: an EHDS deadline counts months, not working days, so working_days
// is set only for a period in working days. Deadlines set before were all Norwegian: 60
// working days when sources were linked, else 30.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('deadlines', (t) => {
    t.text('rule');
    t.integer('period');
    t.text('period_unit');
  });
  await knex.raw(`update deadlines set period = working_days, period_unit = 'working-days',
    rule = case when working_days = 60 then 'decision-linked' else 'decision' end`);
  await knex.raw('alter table deadlines alter column working_days drop not null');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table deadlines alter column working_days set not null');
  await knex.schema.alterTable('deadlines', (t) => {
    t.dropColumn('rule');
    t.dropColumn('period');
    t.dropColumn('period_unit');
  });
}
