// Migration 720: the table of the one extension of a decision deadline EHDS allows. The case
// file itself refuses a second extension of a case, and an extension without its reasons.
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedUpTo } from './schema.ts';

let db: Knex;
let config: Knex.MigratorConfig;
let drop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ db, config, drop } = await migratedUpTo('720'));
});

afterAll(async () => drop?.());

const id = '7a3c1d2e-0000-4000-8000-000000000720';
const extension = (requestKey: string) => ({
  application_id: id,
  request_key: requestKey,
  rule: 'decision-extension',
  period: 2,
  period_unit: 'months',
  reasons: 'Kobling av fire registre.',
  extended_by: 'saksbehandler',
  extended_at: '2027-03-01T10:00:00Z',
  previous_due_at: '2027-04-15T21:59:59.999Z',
  due_at: '2027-06-15T21:59:59.999Z',
});

describe('migration 720: deadline extensions', () => {
  it('keeps one extension per case, with its reasons, and goes down again', async () => {
    await db.migrate.up(config);
    await db('applications').insert({ id, reference: 'HDS-0720', status: 'in-assessment', application_type: 'new', submission: {}, rulebook: 'ehds' });
    await db('deadline_extensions').insert(extension('task-1'));
    await expect(db('deadline_extensions').insert(extension('task-2'))).rejects.toThrow(/deadline_extensions_pkey/);
    await expect(db('deadline_extensions').insert({ ...extension('task-3'), application_id: '7a3c1d2e-0000-4000-8000-000000000721', reasons: null })).rejects.toThrow(/null value in column "reasons"/);
    expect(await db('deadline_extensions').pluck('request_key')).toEqual(['task-1']);

    await db.migrate.down(config);
    expect(await db.schema.hasTable('deadline_extensions')).toBe(false);
  });
});
