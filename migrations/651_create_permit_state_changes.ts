import type { Knex } from 'knex';

// Each state a permit took and when: the public register shows a permit's whole history (EHDS
// has the access body tell the public which permits it revoked) and the Atom feed announces
// each change. store/permit/events.ts writes a row with every change of state and
// store/permit/permits.ts one when the permit is created (active, at its decision).
//
// Existing permits get their history from the case file: active at the decision, then each
// state change the audit trail of the permit's application records (the permit events of
// store/permit/events.ts), and last the state the permit has now when the trail lacks it.
const stateOfStep = `case
  when a.step ~ '^permit-extended(:|$)' then 'extended'
  when a.step ~ '^permit-expired(:|$)' then 'expired'
  when a.step ~ '^permit-revoked(:|$)' then 'revoked'
  when a.step ~ '^permit-reinstated-active(:|$)' then 'active'
  when a.step ~ '^permit-reinstated-extended(:|$)' then 'extended'
  when a.step ~ '^permit-closed(:|$)' then 'closed'
end`;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('permit_state_changes', (t) => {
    t.bigIncrements('id');
    t.uuid('permit_id').notNullable().references('permits.id').onDelete('CASCADE');
    t.text('state').notNullable();
    t.timestamp('changed_at', { useTz: true }).notNullable();
    t.index(['permit_id', 'changed_at']);
    t.index(['changed_at']);
  });
  await knex.raw(`
    insert into permit_state_changes (permit_id, state, changed_at)
    select id, 'active', decided_at from permits
    union all
    select p.id, ${stateOfStep}, a.occurred_at
    from permits p join audit_events a on a.application_id = p.application_id
    where ${stateOfStep} is not null
    order by 3`);
  await knex.raw(`
    insert into permit_state_changes (permit_id, state, changed_at)
    select p.id, p.state, p.state_changed_at from permits p
    where p.state <> (select c.state from permit_state_changes c where c.permit_id = p.id order by c.changed_at desc, c.id desc limit 1)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('permit_state_changes');
}
