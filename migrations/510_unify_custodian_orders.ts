import type { Knex } from 'knex';

// One table for every order HDS sends a custodian, with its kind and state: the case's data
// orders stay where they were, and the orders of periodic deliveries and the stop orders of
// revoked permits move in (reinstatement notices, which had no table, are kept here from now
// on). An order belongs to its case (the permit's case for a permit's orders) and, where there
// is one, to its permit; a periodic delivery names its request, a notice its revocation. The
// identity of an order is its kind, case, request or revocation, and custodian.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('custodian_orders', (t) => {
    t.text('kind').notNullable().defaultTo('data-order');
    t.text('state').notNullable().defaultTo('created');
    t.uuid('permit_id').references('permits.id');
    t.uuid('request_id').references('permit_delivery_requests.id');
    t.uuid('revocation_id').references('permit_revocations.id');
    t.timestamp('stopped_at', { useTz: true });
    t.dropUnique(['application_id', 'custodian_id']);
  });
  await knex.raw('alter table custodian_orders alter column due_at drop not null');
  await knex.raw(`update custodian_orders set state = case when delivered_at is not null then 'delivered' when sent_at is not null then 'sent' else 'created' end`);
  await knex.raw(`update custodian_orders o set permit_id = v.permit_id from permit_versions v where v.application_id = o.application_id`);
  await knex.raw(
    `insert into custodian_orders (kind, state, application_id, permit_id, request_id, custodian_id, register_ids, sent_at, delivered_at, analysis_environment)
     select 'periodic-delivery', case when d.delivered_at is null then 'sent' else 'delivered' end, p.application_id, d.permit_id, d.request_id, d.custodian_id, d.register_ids, d.sent_at, d.delivered_at, d.analysis_environment
     from permit_delivery_orders d join permits p on p.id = d.permit_id`,
  );
  await knex.raw(
    `insert into custodian_orders (kind, state, application_id, permit_id, revocation_id, custodian_id, register_ids, sent_at)
     select 'stop', 'sent', p.application_id, s.permit_id, s.revocation_id, s.custodian_id, s.register_ids, s.sent_at
     from permit_stop_orders s join permits p on p.id = s.permit_id`,
  );
  await knex.raw('alter table custodian_orders alter column kind drop default, alter column state drop default');
  await knex.raw('create unique index custodian_orders_identity on custodian_orders (kind, application_id, request_id, revocation_id, custodian_id) nulls not distinct');
  await knex.raw('create index custodian_orders_open_by_permit on custodian_orders (permit_id) where delivered_at is null');
  await knex.schema.dropTable('permit_delivery_orders');
  await knex.schema.dropTable('permit_stop_orders');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.createTable('permit_stop_orders', (t) => {
    t.uuid('revocation_id').notNullable().references('permit_revocations.id');
    t.uuid('permit_id').notNullable().references('permits.id');
    t.text('custodian_id').notNullable();
    t.specificType('register_ids', 'text[]').notNullable();
    t.timestamp('sent_at', { useTz: true }).notNullable();
    t.primary(['revocation_id', 'custodian_id']);
    t.index(['permit_id']);
  });
  await knex.schema.createTable('permit_delivery_orders', (t) => {
    t.uuid('request_id').notNullable().references('permit_delivery_requests.id');
    t.uuid('permit_id').notNullable().references('permits.id');
    t.text('custodian_id').notNullable();
    t.specificType('register_ids', 'text[]').notNullable();
    t.timestamp('sent_at', { useTz: true }).notNullable();
    t.timestamp('delivered_at', { useTz: true });
    t.text('analysis_environment');
    t.primary(['request_id', 'custodian_id']);
  });
  await knex.raw(
    `insert into permit_stop_orders (revocation_id, permit_id, custodian_id, register_ids, sent_at)
     select revocation_id, permit_id, custodian_id, register_ids, sent_at from custodian_orders where kind = 'stop' and sent_at is not null`,
  );
  await knex.raw(
    `insert into permit_delivery_orders (request_id, permit_id, custodian_id, register_ids, sent_at, delivered_at, analysis_environment)
     select request_id, permit_id, custodian_id, register_ids, sent_at, delivered_at, analysis_environment from custodian_orders where kind = 'periodic-delivery' and sent_at is not null`,
  );
  await knex.raw(`delete from custodian_orders where kind <> 'data-order'`);
  await knex.raw('drop index custodian_orders_identity');
  await knex.raw('drop index custodian_orders_open_by_permit');
  await knex.schema.alterTable('custodian_orders', (t) => {
    t.dropColumn('kind');
    t.dropColumn('state');
    t.dropColumn('permit_id');
    t.dropColumn('request_id');
    t.dropColumn('revocation_id');
    t.dropColumn('stopped_at');
    t.unique(['application_id', 'custodian_id']);
  });
  await knex.raw('alter table custodian_orders alter column due_at set not null');
}
