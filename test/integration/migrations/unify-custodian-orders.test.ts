// Migration 510 on a case file that has orders in the three old tables: data orders stay, with
// their state read from their dates and their permit found; periodic deliveries and stop orders
// move into custodian_orders with their kind; the old tables are dropped. Rolled back, the old
// tables come back with their rows. Runs in a schema of its own, beside the shared test tables.
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedUpTo } from './schema.ts';

let db: Knex;
let config: Knex.MigratorConfig;
let drop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ db, config, drop } = await migratedUpTo('510'));
});

afterAll(async () => drop?.());

const ids = { application: '9a3c1d2e-0000-4000-8000-000000000001', permit: '9a3c1d2e-0000-4000-8000-000000000002', request: '9a3c1d2e-0000-4000-8000-000000000003', revocation: '9a3c1d2e-0000-4000-8000-000000000004', other: '9a3c1d2e-0000-4000-8000-000000000005' };

describe('migration 510: one custodian order table', () => {
  it('keeps the data orders and moves periodic deliveries and stop orders in, each with its kind and state', async () => {
    const sent = new Date('2026-05-01T08:00:00Z');
    const delivered = new Date('2026-06-01T08:00:00Z');
    for (const id of [ids.application, ids.other]) {
      await db('applications').insert({ id, reference: `HDS-${id.slice(-4)}`, status: 'awaiting-delivery', application_type: 'new', submission: {} });
    }
    await db('permits').insert({ id: ids.permit, application_id: ids.application, reference: 'HDS-0001', state: 'revoked', version: 1, project_title: 'Prosjekt', institution_name: 'FHI', organisation_number: '983744516', purpose_category: 'research', data_sources: JSON.stringify([]), starts_on: '2025-01-01', ends_on: '2029-12-31', deciding_body: 'HDS', decided_at: sent });
    await db('permit_versions').insert({ permit_id: ids.permit, version: 1, application_id: ids.application, terms: {} });
    await db('custodian_orders').insert([
      { application_id: ids.application, custodian_id: 'FHI', register_ids: ['MFR'], due_at: sent, sent_at: sent, delivered_at: delivered, analysis_environment: 'TSD' },
      { application_id: ids.application, custodian_id: 'DMP', register_ids: ['BIVIRK'], due_at: sent, sent_at: sent },
      { application_id: ids.other, custodian_id: 'FHI', register_ids: ['MFR'], due_at: sent },
    ]);
    await db('permit_delivery_requests').insert({ id: ids.request, permit_id: ids.permit, requested_by: 'integrator', data_sources: JSON.stringify([]), outcome: 'ordered' });
    await db('permit_delivery_orders').insert([
      { request_id: ids.request, permit_id: ids.permit, custodian_id: 'FHI', register_ids: ['MFR'], sent_at: sent, delivered_at: delivered, analysis_environment: 'SAFE' },
      { request_id: ids.request, permit_id: ids.permit, custodian_id: 'DMP', register_ids: ['BIVIRK'], sent_at: sent },
    ]);
    await db('permit_revocations').insert({ id: ids.revocation, permit_id: ids.permit, reason: 'Brudd', requested_by: 'saksbehandler', outcome: 'revoked' });
    await db('permit_stop_orders').insert({ revocation_id: ids.revocation, permit_id: ids.permit, custodian_id: 'FHI', register_ids: ['MFR'], sent_at: sent });

    await db.migrate.up(config);

    const rows = await db('custodian_orders').orderBy('id').select('kind', 'state', 'application_id', 'permit_id', 'request_id', 'revocation_id', 'custodian_id', 'sent_at', 'delivered_at', 'analysis_environment');
    const row = (kind: string, state: string, over: object) => ({ kind, state, application_id: ids.application, permit_id: ids.permit, request_id: null, revocation_id: null, sent_at: sent, delivered_at: null, analysis_environment: null, ...over });
    expect(rows).toEqual([
      row('data-order', 'delivered', { custodian_id: 'FHI', delivered_at: delivered, analysis_environment: 'TSD' }),
      row('data-order', 'sent', { custodian_id: 'DMP' }),
      row('data-order', 'created', { application_id: ids.other, permit_id: null, custodian_id: 'FHI', sent_at: null }),
      row('periodic-delivery', 'delivered', { request_id: ids.request, custodian_id: 'FHI', delivered_at: delivered, analysis_environment: 'SAFE' }),
      row('periodic-delivery', 'sent', { request_id: ids.request, custodian_id: 'DMP' }),
      row('stop', 'sent', { revocation_id: ids.revocation, custodian_id: 'FHI' }),
    ]);
    expect(await db.schema.hasTable('permit_delivery_orders')).toBe(false);
    expect(await db.schema.hasTable('permit_stop_orders')).toBe(false);
    // One order of a kind per case, request or revocation, and custodian.
    await expect(db('custodian_orders').insert({ kind: 'stop', state: 'sent', application_id: ids.application, revocation_id: ids.revocation, custodian_id: 'FHI', register_ids: ['MFR'] })).rejects.toThrow(/custodian_orders_identity/);
  });

  it('gives the old tables their rows back when rolled back', async () => {
    await db.migrate.down(config);
    expect(await db('permit_delivery_orders').orderBy('custodian_id').pluck('custodian_id')).toEqual(['DMP', 'FHI']);
    expect(await db('permit_stop_orders').pluck('custodian_id')).toEqual(['FHI']);
    expect(await db('custodian_orders').count<{ n: string }[]>('* as n')).toEqual([{ n: '3' }]);
  });
});
