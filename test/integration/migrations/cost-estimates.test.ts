// Migration 750: the cost estimate before the decision under EHDS. One request per custodian
// and case (a retried job asks once), one estimate per case, and the statutory clock's stop;
// down takes them away again. Runs in a schema of its own, beside the shared test tables.
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedUpTo } from './schema.ts';

let db: Knex;
let config: Knex.MigratorConfig;
let drop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ db, config, drop } = await migratedUpTo('750'));
});

afterAll(async () => drop?.());

const id = '7a3c1d2e-0000-4000-8000-000000000750';
const request = { application_id: id, custodian_id: 'FHI', register_ids: ['MFR'], requested_at: '2029-04-02T08:00:00Z', due_at: '2029-04-23T21:59:59.999Z' };

describe('migration 750: cost estimate requests, the estimate and the stopped statutory clock', () => {
  it('keeps one request per custodian and one estimate per case, and takes them away on down', async () => {
    await db('applications').insert({ id, reference: 'HDS-0750', status: 'in-assessment', application_type: 'new', submission: {} });
    await db('deadlines').insert({ application_id: id, rule: 'decision', period: 3, period_unit: 'months', starts_on: '2029-04-02', warn_at: '2029-06-25T22:00:00Z', due_at: '2029-07-02T21:59:59.999Z' });
    await db.migrate.up(config);

    await db('cost_estimate_requests').insert(request);
    await expect(db('cost_estimate_requests').insert(request)).rejects.toThrow(/unique/);
    const estimate = { application_id: id, base_fee_nok: 3000, hourly_rate_nok: 1155, expected_hours: 8, amount_nok: 12_240, sent_at: '2029-04-20T08:00:00Z', answer_due_at: '2029-05-04T21:59:59.999Z' };
    await db('cost_estimates').insert(estimate);
    await expect(db('cost_estimates').insert(estimate)).rejects.toThrow(/duplicate key/);
    expect((await db('deadlines').where({ application_id: id }).first()).stopped_at).toBeNull();

    await db.migrate.down({ ...config, name: '750_create_cost_estimates' });
    expect(await db.schema.hasTable('cost_estimate_requests')).toBe(false);
    expect(await db.schema.hasTable('cost_estimates')).toBe(false);
    expect(await db.schema.hasColumn('deadlines', 'stopped_at')).toBe(false);
  });
});
