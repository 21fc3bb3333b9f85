import type { Knex } from 'knex';

// The moment a permit took its current state, which the public register shows beside the
// state. store/permit/events.ts sets it on every change of state; a permit takes its first
// state (active) at its decision. Existing permits get the date their state left: the
// revocation, expiry or closure, else the latest extension or reinstatement, else the decision.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('permits', (t) => {
    t.timestamp('state_changed_at', { useTz: true });
  });
  await knex.raw(`
    update permits p set state_changed_at = coalesce(
      case p.state when 'revoked' then p.revoked_at when 'expired' then p.expired_at when 'closed' then p.closed_at end,
      (select max(a.occurred_at) from audit_events a
        where a.application_id = p.application_id
          and (a.step like 'permit-extended%' or a.step like 'permit-reinstated-%')),
      p.decided_at)`);
  await knex.raw('alter table permits alter column state_changed_at set not null');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('permits', (t) => t.dropColumn('state_changed_at'));
}
