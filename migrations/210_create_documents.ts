import type { Knex } from 'knex';

// The letters and documents a case produces, as PDF/A, stored once and never changed: one per
// case and step (the key a worker's retry finds), with its hash, its template's version and
// the time it was made. The delivery columns say when it was sent, and to whom.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('documents', (t) => {
    t.uuid('id').primary();
    t.uuid('application_id').notNullable().references('applications.id');
    t.text('step').notNullable();
    t.text('kind').notNullable();
    t.text('title').notNullable();
    t.text('template').notNullable();
    t.text('template_version').notNullable();
    t.specificType('content', 'bytea').notNullable();
    t.text('sha256').notNullable();
    t.integer('size_bytes').notNullable();
    t.text('recipient_kind').notNullable();
    t.text('recipient_name').notNullable();
    t.text('recipient_email');
    t.text('custodian_id');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('delivered_at', { useTz: true });
    t.unique(['application_id', 'step']);
  });
  // Immutable: the case file keeps what was sent as it was sent.
  await knex.raw(`
    create function documents_immutable() returns trigger language plpgsql as $$
    begin
      if new.content is distinct from old.content or new.sha256 is distinct from old.sha256
         or new.template_version is distinct from old.template_version or new.created_at is distinct from old.created_at then
        raise exception 'documents are immutable';
      end if;
      return new;
    end $$`);
  await knex.raw('create trigger documents_immutable before update on documents for each row execute function documents_immutable()');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('documents');
  await knex.raw('drop function documents_immutable()');
}
