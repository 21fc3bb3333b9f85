// Migration 640 on a case file with permits in each state: each gets the moment it took its
// state, from the date its state left (revocation, expiry, closure), else its latest extension
// or reinstatement in the audit trail, else its decision. Runs in a schema of its own, beside
// the shared test tables.
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedUpTo } from './schema.ts';

let db: Knex;
let config: Knex.MigratorConfig;
let drop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ db, config, drop } = await migratedUpTo('640'));
});

afterAll(async () => drop?.());

const decided = new Date('2026-01-05T10:00:00Z');
const at = (day: string) => new Date(`${day}T10:00:00Z`);

async function permit(n: number, state: string, dates: Record<string, Date> = {}) {
  const applicationId = `9a3c1d2e-0000-4000-8000-00000000000${n}`;
  await db('applications').insert({ id: applicationId, reference: `HDS-000${n}`, status: 'closed', application_type: 'new', submission: {} });
  await db('permits').insert({ id: `9a3c1d2e-0000-4000-9000-00000000000${n}`, application_id: applicationId, reference: `HDS-000${n}`, state, version: 1, project_title: 'Prosjekt', institution_name: 'FHI', purpose_category: 'research', data_sources: JSON.stringify([]), starts_on: '2025-01-01', ends_on: '2029-12-31', deciding_body: 'HDS', decided_at: decided, ...dates });
  return applicationId;
}

describe('migration 640: the moment each permit took its state', () => {
  it('reads it from the state change recorded for each permit', async () => {
    await permit(1, 'active');
    await permit(2, 'revoked', { revoked_at: at('2026-03-01') });
    await permit(3, 'expired', { expired_at: at('2026-04-01') });
    await permit(4, 'closed', { expired_at: at('2026-04-01'), closed_at: at('2026-05-01') });
    const extended = await permit(5, 'extended');
    await db('audit_events').insert([
      { application_id: extended, step: 'permit-extended:2', actor: 'system', occurred_at: at('2026-02-01') },
      { application_id: extended, step: 'permit-extended:3', actor: 'system', occurred_at: at('2026-02-15') },
      { application_id: extended, step: 'permit-amended:4', actor: 'system', occurred_at: at('2026-03-15') },
    ]);

    await db.migrate.up(config);

    const rows = await db('permits').orderBy('reference').select('state', 'state_changed_at');
    expect(rows).toEqual([
      { state: 'active', state_changed_at: decided },
      { state: 'revoked', state_changed_at: at('2026-03-01') },
      { state: 'expired', state_changed_at: at('2026-04-01') },
      { state: 'closed', state_changed_at: at('2026-05-01') },
      { state: 'extended', state_changed_at: at('2026-02-15') },
    ]);
  });
});
