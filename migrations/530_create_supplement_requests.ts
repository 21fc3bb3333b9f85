import type { Knex } from 'knex';

// What the applicant was asked to supply, by when, the reminder that moved the deadline and the
// supplement that answered it: facts the case reads back (the reminder, the rejection, the
// case's supplementDueAt), so they have a table instead of a home in audit JSON. Requests made
// before this table are taken over from the audit trail. A data update made a change
// application keeps why on the case itself, and a rejection the date its letter went out.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('supplement_requests', (t) => {
    t.bigIncrements('id');
    t.uuid('application_id').notNullable().references('applications.id');
    // The external task that asked, so that a retried job asks once.
    t.text('request_key').notNullable().unique();
    t.text('missing').notNullable();
    t.timestamp('requested_at', { useTz: true }).notNullable();
    t.timestamp('due_at', { useTz: true }).notNullable();
    t.timestamp('reminded_at', { useTz: true });
    t.timestamp('reminder_due_at', { useTz: true });
    t.timestamp('answered_at', { useTz: true });
    t.index(['application_id', 'id']);
  });
  await knex.raw(`
    insert into supplement_requests (application_id, request_key, missing, requested_at, due_at)
    select application_id, substring(step from length('supplement-requested:') + 1),
           coalesce(detail->>'missing', 'Opplysninger etter kompletthetsvurdering'), occurred_at, (detail->>'dueAt')::timestamptz
      from audit_events where step like 'supplement-requested:%' and detail->>'dueAt' is not null`);
  await knex.raw(`
    update supplement_requests r set reminded_at = a.occurred_at, reminder_due_at = (a.detail->>'dueAt')::timestamptz
      from audit_events a
     where a.application_id = r.application_id and a.step like 'supplement-reminded:%' and a.occurred_at >= r.requested_at
       and not exists (select 1 from supplement_requests later where later.application_id = r.application_id and later.id > r.id and later.requested_at <= a.occurred_at)`);
  await knex.raw(`
    update supplement_requests r set answered_at = a.occurred_at
      from audit_events a
     where a.application_id = r.application_id and a.step like 'supplement-received:%' and a.occurred_at >= r.requested_at
       and not exists (select 1 from supplement_requests later where later.application_id = r.application_id and later.id > r.id and later.requested_at <= a.occurred_at)`);
  // A rejection's letter goes out with the rejection; rejections recorded before kept no date.
  await knex.raw(`
    update decisions d set letter_sent_at = doc.created_at
      from documents doc
     where doc.application_id = d.application_id and doc.step = 'rejection' and d.outcome = 'rejection' and d.letter_sent_at is null`);
  await knex.schema.alterTable('applications', (t) => {
    t.text('type_changed_from');
    t.text('type_change_reason');
    t.timestamp('type_changed_at', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('applications', (t) => {
    t.dropColumn('type_changed_from');
    t.dropColumn('type_change_reason');
    t.dropColumn('type_changed_at');
  });
  await knex.schema.dropTable('supplement_requests');
}
