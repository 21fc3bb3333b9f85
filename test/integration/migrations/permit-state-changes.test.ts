// Migration 651 on a case file with permits that changed state before it: each gets its
// history from its decision and the state changes its audit trail records, and the state it
// has now when the trail lacks that change. Runs in a schema of its own, beside the shared
// test tables.
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedUpTo } from './schema.ts';

let db: Knex;
let config: Knex.MigratorConfig;
let drop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ db, config, drop } = await migratedUpTo('651'));
});

afterAll(async () => drop?.());

const decided = new Date('2026-01-05T10:00:00Z');
const at = (day: string) => new Date(`${day}T10:00:00Z`);

async function permit(n: number, state: string, stateChangedAt = decided) {
  const applicationId = `9a3c1d2e-0000-4000-8000-00000000000${n}`;
  const permitId = `9a3c1d2e-0000-4000-9000-00000000000${n}`;
  await db('applications').insert({ id: applicationId, reference: `HDS-000${n}`, status: 'closed', application_type: 'new', submission: {} });
  await db('permits').insert({ id: permitId, application_id: applicationId, reference: `HDS-000${n}`, state, version: 1, project_title: 'Prosjekt', institution_name: 'FHI', purpose_category: 'research', data_sources: JSON.stringify([]), starts_on: '2025-01-01', ends_on: '2029-12-31', deciding_body: 'HDS', decided_at: decided, state_changed_at: stateChangedAt });
  return { applicationId, permitId };
}

const step = (applicationId: string, name: string, day: string) => ({ application_id: applicationId, step: name, actor: 'system', occurred_at: at(day) });

describe('migration 651: the state history of each permit', () => {
  it('reads it from the decision and the state changes in the audit trail', async () => {
    const active = await permit(1, 'active');
    const revoked = await permit(2, 'active');
    const closed = await permit(3, 'closed', at('2026-05-01'));
    const untracked = await permit(4, 'revoked', at('2026-03-01'));
    await db('audit_events').insert([
      step(revoked.applicationId, 'permit-revoked', '2026-02-01'),
      step(revoked.applicationId, 'permit-revocation-decided', '2026-02-01'),
      step(revoked.applicationId, 'permit-reinstated-active', '2026-02-20'),
      // A step of the case that keeps the state, and a message: neither is a change.
      step(revoked.applicationId, 'permit-amended:2', '2026-02-25'),
      step(revoked.applicationId, 'permit-reinstated', '2026-02-20'),
      step(closed.applicationId, 'permit-extended:2', '2026-02-15'),
      step(closed.applicationId, 'permit-expired', '2026-04-01'),
      step(closed.applicationId, 'permit-closed', '2026-05-01'),
    ]);

    await db.migrate.up(config);

    const history = async (permitId: string) => (await db('permit_state_changes').where({ permit_id: permitId }).orderBy(['changed_at', 'id']).select('state', 'changed_at')).map((c) => [c.state, c.changed_at]);
    expect(await history(active.permitId)).toEqual([['active', decided]]);
    expect(await history(revoked.permitId)).toEqual([
      ['active', decided],
      ['revoked', at('2026-02-01')],
      ['active', at('2026-02-20')],
    ]);
    expect(await history(closed.permitId)).toEqual([
      ['active', decided],
      ['extended', at('2026-02-15')],
      ['expired', at('2026-04-01')],
      ['closed', at('2026-05-01')],
    ]);
    expect(await history(untracked.permitId)).toEqual([
      ['active', decided],
      ['revoked', at('2026-03-01')],
    ]);
  });
});
