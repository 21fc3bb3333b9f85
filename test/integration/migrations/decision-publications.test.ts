// Migration 650 on a case file with decisions made before publication existed: each HDS decision
// and rejection gets its publication, due 30 working days from the migration, and a queued start
// of its publication process; decisions of other bodies get none. An approved public summary
// takes the institution's name from its application. Rolled back, the queued starts go too.
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicationDueAt } from '../../../domain/deadlines.ts';
import { migratedUpTo } from './schema.ts';

let db: Knex;
let config: Knex.MigratorConfig;
let drop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ db, config, drop } = await migratedUpTo('650'));
});

afterAll(async () => drop?.());

const id = (n: number) => `6500c0de-0000-4000-8000-00000000000${n}`;

describe('migration 650: the publication of decisions', () => {
  it('schedules every earlier HDS decision and rejection, due 30 working days from the migration', async () => {
    const decidedAt = new Date('2026-01-05T09:00:00Z');
    const cases = [
      { n: 1, body: 'HDS', outcome: 'grant' },
      { n: 2, body: 'HDS', outcome: 'rejection' },
      { n: 3, body: 'REK', outcome: 'grant' },
    ];
    for (const { n, body, outcome } of cases) {
      await db('applications').insert({ id: id(n), reference: `HDS-2026-0000${n}`, status: 'closed', application_type: 'new', submission: { institution: { name: `Institusjon ${n}` } } });
      await db('decisions').insert({ application_id: id(n), decided_by_body: body, outcome, decided_at: decidedAt });
    }
    await db('public_summaries').insert({ application_id: id(1), title: 'Tittel', approved_by: 'saksbehandler', approved_at: decidedAt });

    const before = new Date();
    await db.migrate.up(config);
    const after = new Date();

    const rows = await db('decision_publications').orderBy('application_id');
    expect(rows.map((r) => r.application_id)).toEqual([id(1), id(2)]);
    for (const row of rows) {
      expect(row.decided_at).toEqual(decidedAt);
      expect([publicationDueAt(before).getTime(), publicationDueAt(after).getTime()]).toContain(row.due_at.getTime());
      expect(row.published_at).toBeNull();
    }
    const starts = await db('outbox').orderBy('application_id').select('application_id', 'payload');
    expect(starts.map((s) => [s.application_id, s.payload.name, s.payload.businessKey, s.payload.starts, s.payload.variables])).toEqual([
      [id(1), 'decision-to-publish', id(1), true, { applicationId: id(1) }],
      [id(2), 'decision-to-publish', id(2), true, { applicationId: id(2) }],
    ]);
    expect((await db('public_summaries').where({ application_id: id(1) }).first()).institution).toBe('Institusjon 1');

    await db.migrate.down(config);
    expect(await db('outbox').count({ n: '*' }).first()).toEqual({ n: '0' });
    expect(await db.schema.hasTable('decision_publications')).toBe(false);
  });
});
