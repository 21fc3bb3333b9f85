import type { Knex } from 'knex';

// A permit (tillatelse): what a granted decision allows, for whom and until when, and where it
// stands (active, extended, expired, revoked, closed). One per granting case; a granted change
// application amends it (permit_versions keeps each version). The terms are columns because
// the public register, the lists and /stats filter and sort on them.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('permits', (t) => {
    t.uuid('id').primary();
    t.uuid('application_id').notNullable().unique().references('applications.id');
    t.text('reference').notNullable().unique();
    t.text('state').notNullable();
    t.integer('version').notNullable();
    t.text('institution_name').notNullable();
    t.text('organisation_number');
    t.text('project_leader_name');
    t.text('project_leader_email');
    t.text('project_title').notNullable();
    t.text('purpose_category').notNullable();
    t.jsonb('data_sources').notNullable();
    t.text('analysis_environment');
    t.date('starts_on').notNullable();
    t.date('ends_on').notNullable();
    t.text('conditions');
    t.boolean('periodic_deliveries').notNullable().defaultTo(false);
    t.text('deciding_body').notNullable();
    t.timestamp('decided_at', { useTz: true }).notNullable();
    t.text('submitted_by');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expired_at', { useTz: true });
    t.timestamp('revoked_at', { useTz: true });
    t.timestamp('closed_at', { useTz: true });
    t.index(['decided_at', 'id']);
    t.index(['submitted_by', 'decided_at', 'id']);
    t.index(['state', 'ends_on']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('permits');
}
