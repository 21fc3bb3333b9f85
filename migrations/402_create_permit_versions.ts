import type { Knex } from 'knex';

// The history of a permit: the terms of each version and the case that made it (the granting
// case, then each granted change application). A case makes at most one version, so a
// repeated create-permit job writes nothing twice, and a case finds its permit here.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('permit_versions', (t) => {
    t.uuid('permit_id').notNullable().references('permits.id');
    t.integer('version').notNullable();
    t.uuid('application_id').notNullable().unique().references('applications.id');
    t.jsonb('terms').notNullable();
    t.timestamp('recorded_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['permit_id', 'version']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('permit_versions');
}
