// Migrations 730 to 732 on a case file from before the EHDS delivery clock: data orders sent
// before were all set by the Norwegian rule custodian-delivery; an order takes one extension at
// most; a case has one row of the user's access. Runs in a schema of its own, beside the shared
// test tables.
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedUpTo } from './schema.ts';

let db: Knex;
let config: Knex.MigratorConfig;
let drop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ db, config, drop } = await migratedUpTo('730'));
});

afterAll(async () => drop?.());

const applicationId = '7a3c1d2e-0000-4000-8000-000000000730';

describe('migrations 730 to 732: the delivery deadline\'s rule, extensions, late holders and the user\'s access', () => {
  it('gives existing data orders with a deadline the Norwegian rule, and takes one extension per order and one access per case', async () => {
    await db('applications').insert({ id: applicationId, reference: 'HDS-0730', status: 'awaiting-delivery', application_type: 'new', submission: {}, rulebook: 'norwegian' });
    const order = (custodianId: string, kind: string, dueAt: string | null) =>
      db('custodian_orders').insert({ kind, state: 'sent', application_id: applicationId, custodian_id: custodianId, register_ids: ['MFR'], due_at: dueAt, sent_at: '2026-03-02T10:00:00Z' }).returning('id');
    const [{ id: dataOrder }] = await order('FHI', 'data-order', '2026-05-26T21:59:59.999Z');
    await order('DMP', 'stop', null);

    for (let i = 0; i < 3; i++) await db.migrate.up(config);

    expect(await db('custodian_orders').orderBy('custodian_id').select('custodian_id', 'due_rule', 'late_at')).toEqual([
      { custodian_id: 'DMP', due_rule: null, late_at: null },
      { custodian_id: 'FHI', due_rule: 'custodian-delivery', late_at: null },
    ]);
    const extension = { order_id: dataOrder, months: 1, reason: 'Mer tid.', requested_by: 'fhi', requested_at: new Date(), due_at_before: new Date(), due_at_after: new Date() };
    await db('order_extensions').insert(extension);
    await expect(db('order_extensions').insert(extension)).rejects.toThrow(/order_extensions_pkey/);
    const access = { application_id: applicationId, delivered_at: new Date(), due_at: new Date() };
    await db('user_access').insert(access);
    await expect(db('user_access').insert(access)).rejects.toThrow(/user_access_pkey/);
  });
});
