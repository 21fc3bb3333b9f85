import type { Knex } from 'knex';

// The case's journal (Noark 5 core metadata): one entry per incoming and outgoing document.
// Health data about persons are exempt from public access (offentleglova § 13); the access
// code and its legal basis come from the letter's template, not from code.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('journal_entries', (t) => {
    t.bigIncrements('id');
    t.uuid('application_id').notNullable().references('applications.id');
    t.uuid('document_id').references('documents.id');
    // I incoming, U outgoing, N internal (Noark 5 journalposttype).
    t.text('entry_type').notNullable();
    t.text('title').notNullable();
    t.text('correspondent').notNullable();
    t.date('document_date').notNullable();
    t.date('journal_date').notNullable();
    t.text('case_reference').notNullable();
    t.text('access_code');
    t.text('exemption_basis');
    // What the entry records, unique per case, so a repeated step journals once.
    t.text('source_key').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['application_id', 'source_key']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('journal_entries');
}
