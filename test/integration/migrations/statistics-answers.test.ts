// Migration 760: the answer to a granted request for anonymised statistics, one per case, and
// down again. Runs in a schema of its own, beside the shared test tables.
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedUpTo } from './schema.ts';

let db: Knex;
let config: Knex.MigratorConfig;
let drop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ db, config, drop } = await migratedUpTo('760'));
});

afterAll(async () => drop?.());

describe('migration 760: the answer to a request for anonymised statistics', () => {
  it('keeps one answer per case with its rule and due date, and rolls back', async () => {
    const applicationId = '7a3c1d2e-0000-4000-8000-000000000760';
    await db('applications').insert({ id: applicationId, reference: 'HDS-0760', status: 'awaiting-delivery', application_type: 'anonymous-statistics', submission: {}, rulebook: 'ehds' });
    await db.migrate.up(config);
    const answer = { application_id: applicationId, rulebook: 'ehds', rule: 'statistics-answer', decided_at: new Date('2027-01-15T08:00:00Z'), due_at: new Date('2027-04-15T21:59:59.999Z') };
    await db('statistics_answers').insert(answer);
    await expect(db('statistics_answers').insert(answer)).rejects.toThrow(/statistics_answers_pkey/);
    expect(await db('statistics_answers').first('released_at', 'late_at')).toEqual({ released_at: null, late_at: null });
    await db.migrate.down({ ...config, name: '760_create_statistics_answers' });
    expect(await db.schema.hasTable('statistics_answers')).toBe(false);
  });
});
