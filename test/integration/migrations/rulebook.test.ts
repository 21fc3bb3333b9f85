// Migrations 700 and 701 on a case file from before the rulebooks: every case was received under
// the Norwegian rules, and every statutory deadline was set by § 19 f in working days (60 when
// sources were linked, else 30). Runs in a schema of its own, beside the shared test tables.
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedUpTo } from './schema.ts';

let db: Knex;
let config: Knex.MigratorConfig;
let drop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ db, config, drop } = await migratedUpTo('700'));
});

afterAll(async () => drop?.());

async function application(n: number, workingDays?: number) {
  const id = `7a3c1d2e-0000-4000-8000-00000000000${n}`;
  await db('applications').insert({ id, reference: `HDS-000${n}`, status: 'in-assessment', application_type: 'new', submission: {} });
  if (workingDays) await db('deadlines').insert({ application_id: id, working_days: workingDays, starts_on: '2026-03-02', warn_at: '2026-04-06T22:00:00Z', due_at: '2026-04-13T21:59:59.999Z' });
  return id;
}

describe('migrations 700 and 701: the rulebook of existing cases and the rule of their deadlines', () => {
  it('gives every existing case the Norwegian rules and each deadline its § 19 f rule', async () => {
    await application(1);
    await application(2, 30);
    await application(3, 60);

    await db.migrate.up(config);
    await db.migrate.up(config);

    expect(await db('applications').orderBy('reference').pluck('rulebook')).toEqual(['norwegian', 'norwegian', 'norwegian']);
    expect(await db('deadlines').orderBy('working_days').select('rule', 'period', 'period_unit', 'working_days')).toEqual([
      { rule: 'decision', period: 30, period_unit: 'working-days', working_days: 30 },
      { rule: 'decision-linked', period: 60, period_unit: 'working-days', working_days: 60 },
    ]);
    // A new case has no rulebook until record-rulebook records one, and only a known one.
    await application(4);
    expect((await db('applications').where({ reference: 'HDS-0004' }).first()).rulebook).toBeNull();
    await expect(db('applications').where({ reference: 'HDS-0004' }).update({ rulebook: 'danish' })).rejects.toThrow(/applications_rulebook_known/);
    // An EHDS deadline counts months: no working days.
    await db('deadlines').insert({ application_id: `7a3c1d2e-0000-4000-8000-000000000004`, rule: 'decision', period: 3, period_unit: 'months', starts_on: '2026-03-02', warn_at: '2026-05-25T22:00:00Z', due_at: '2026-06-02T21:59:59.999Z' });
  });
});
