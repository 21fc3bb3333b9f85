import type { Knex } from 'knex';

// To whom and when a case HDS does not decide was forwarded: one row per recipient (a
// custodian, with the registers it decides for, or REK or Helsedirektoratet, with none).
// Unique per case and recipient, so a repeated forward-application job writes nothing twice.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('forwardings', (t) => {
    t.bigIncrements('id');
    t.uuid('application_id').notNullable().references('applications.id');
    t.text('recipient').notNullable();
    t.specificType('register_ids', 'text[]').notNullable();
    t.timestamp('forwarded_at', { useTz: true }).notNullable();
    t.unique(['application_id', 'recipient']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('forwardings');
}
