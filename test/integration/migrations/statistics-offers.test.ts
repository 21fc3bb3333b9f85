// Migrations 761 and 762: one offer of statistics instead of a refusal per case, and the history
// of a case's application type and data kind, and down again. Runs in a schema of its own,
// beside the shared test tables.
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedUpTo } from './schema.ts';

let db: Knex;
let config: Knex.MigratorConfig;
let drop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ db, config, drop } = await migratedUpTo('761'));
});

afterAll(async () => drop?.());

describe('migrations 761 and 762: statistics instead of a refusal', () => {
  it('keeps one offer per case and every change of type, and rolls back', async () => {
    const applicationId = '7a3c1d2e-0000-4000-8000-000000000761';
    await db('applications').insert({ id: applicationId, reference: 'HDS-0761', status: 'decided', application_type: 'new', submission: {}, rulebook: 'ehds' });
    await db.migrate.up(config);
    await db.migrate.up(config);
    const offer = { application_id: applicationId, offered_text: 'Tabeller.', offered_by: 'beslutter', offered_at: new Date(), answer_due_at: new Date() };
    await db('statistics_offers').insert(offer);
    await expect(db('statistics_offers').insert(offer)).rejects.toThrow(/statistics_offers_pkey/);
    const change = { application_id: applicationId, from_type: 'new', to_type: 'anonymous-statistics', from_data_kind: 'identifiable', to_data_kind: 'anonymous', reason: 'Godtatt.', changed_at: new Date() };
    await db('application_type_changes').insert([change, { ...change, changed_at: new Date() }]);
    expect(await db('application_type_changes').where({ application_id: applicationId })).toHaveLength(2);
    await db.migrate.down({ ...config, name: '762_create_application_type_changes' });
    await db.migrate.down({ ...config, name: '761_create_statistics_offers' });
    expect(await db.schema.hasTable('application_type_changes')).toBe(false);
    expect(await db.schema.hasTable('statistics_offers')).toBe(false);
  });
});
