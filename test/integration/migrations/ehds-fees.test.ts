// Migrations 770 to 772: the confirmed fee category on the case, the reduction on the invoice,
// and the holder's fee agreement per data order (EHDS, Art. 62(3) and (4)). Each keeps what its
// rule needs and goes away on down. Runs in a schema of its own, beside the shared test tables.
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedUpTo } from './schema.ts';

let db: Knex;
let config: Knex.MigratorConfig;
let drop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ db, config, drop } = await migratedUpTo('770'));
});

afterAll(async () => drop?.());

const id = '7a3c1d2e-0000-4000-8000-000000000770';

describe('migrations 770 to 772: reduced fees and the fee agreement', () => {
  it('keeps a known confirmed category, a reduction of none by default, and one settled agreement per order', async () => {
    await db('applications').insert({ id, reference: 'HDS-0770', status: 'awaiting-delivery', application_type: 'new', submission: {} });
    await db.migrate.up(config);
    await db('applications').where({ id }).update({ fee_category: 'university', fee_category_confirmed_by: 'saksbehandler', fee_category_confirmed_at: new Date() });
    await expect(db('applications').where({ id }).update({ fee_category: 'charity' })).rejects.toThrow(/applications_fee_category_known/);

    await db.migrate.up(config);
    expect(await db.schema.hasColumn('invoices', 'reduction_percent')).toBe(true);
    expect(await db.schema.hasColumn('invoices', 'reduction_category')).toBe(true);

    await db.migrate.up(config);
    const [{ id: orderId }] = await db('custodian_orders').insert({ application_id: id, custodian_id: 'FHI', register_ids: ['MFR'], kind: 'data-order', state: 'sent', sent_at: new Date() }).returning('id');
    const agreement = { order_id: orderId, application_id: id, rule: 'fee-agreement', due_at: '2029-05-15T21:59:59.999Z' };
    await db('fee_agreements').insert(agreement);
    await expect(db('fee_agreements').insert(agreement)).rejects.toThrow(/duplicate key/);
    await expect(db('fee_agreements').where({ order_id: orderId }).update({ fee_nok: -1 })).rejects.toThrow(/fee_agreements_fee_not_negative/);
    await expect(db('fee_agreements').where({ order_id: orderId }).update({ reported_at: new Date(), set_at: new Date() })).rejects.toThrow(/fee_agreements_once/);

    await db.migrate.down({ ...config, name: '772_create_fee_agreements' });
    await db.migrate.down({ ...config, name: '771_invoice_fee_reduction' });
    await db.migrate.down({ ...config, name: '770_application_fee_category' });
    expect(await db.schema.hasTable('fee_agreements')).toBe(false);
    expect(await db.schema.hasColumn('invoices', 'reduction_percent')).toBe(false);
    expect(await db.schema.hasColumn('applications', 'fee_category')).toBe(false);
  });
});
