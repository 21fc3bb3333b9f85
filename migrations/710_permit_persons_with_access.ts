import type { Knex } from 'knex';

// The persons with access to a permit's data (EHDS, Regulation (EU) 2025/327, Art. 68(10)):
// [{ name, role }], the project leader first, as domain/case/facts.ts personsWithAccess lists
// them from the application. Permits made before it list their project leader.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('permits', (t) => {
    t.jsonb('persons_with_access').notNullable().defaultTo('[]');
  });
  await knex.raw(`update permits set persons_with_access = jsonb_build_array(jsonb_build_object('name', project_leader_name, 'role', 'Prosjektleder (ansvarlig)')) where project_leader_name is not null`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('permits', (t) => t.dropColumn('persons_with_access'));
}
