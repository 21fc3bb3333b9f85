import type { Knex } from 'knex';

// Running number in the case reference (HDS-<year>-<number>).
export async function up(knex: Knex): Promise<void> {
  await knex.raw('create sequence application_number');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop sequence application_number');
}
