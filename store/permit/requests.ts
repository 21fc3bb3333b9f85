// What holders, custodians and caseworkers ask of a permit, as the case file keeps it: the
// permit as a caller reaches it, deletion confirmations, revocation requests and their appeals,
// and requests for the next delivery. The routes decide whether a request is taken (the permit
// machine, and the open requests these functions report); these functions read and write.
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { PermitRow } from './permits.ts';
import { reachable, type PermitReach } from './view.ts';

type Db = Knex | Knex.Transaction;

// The permit if the caller reaches it (locked, for a request that changes it); another's permit
// does not exist as far as the caller can tell.
export async function reachablePermit(db: Db, id: string, reach: PermitReach, { forUpdate = false } = {}): Promise<PermitRow | undefined> {
  return db('permits as p')
    .where('p.id', id)
    .modify(reachable(db, reach))
    .modify((q) => (forUpdate ? q.forUpdate() : q))
    .first<PermitRow>('p.*');
}

export type DeletionConfirmation = { permitId: string; messageId: string; custodianId: string | null; confirmedBy: string; outcome: 'deleted' | 'returned'; note?: string };

export async function recordDeletionConfirmation(tx: Knex.Transaction, c: DeletionConfirmation) {
  await tx('permit_deletion_confirmations').insert({
    permit_id: c.permitId,
    key: `message:${c.messageId}`,
    confirmed_as: c.custodianId ? 'custodian' : 'holder',
    confirmed_by: c.confirmedBy,
    custodian_id: c.custodianId,
    outcome: c.outcome,
    note: c.note ?? null,
  });
}

export async function revocationOpen(tx: Knex.Transaction, permitId: string): Promise<boolean> {
  return Boolean(await tx('permit_revocations').where({ permit_id: permitId }).whereNull('outcome').first('id'));
}

export async function requestRevocation(tx: Knex.Transaction, permitId: string, reason: string, requestedBy: string): Promise<string> {
  const id = randomUUID();
  await tx('permit_revocations').insert({ id, permit_id: permitId, reason, requested_by: requestedBy });
  return id;
}

// The revocation the holder may appeal: the latest decided one, with its appeal deadline.
export async function appealableRevocation(tx: Knex.Transaction, permitId: string): Promise<{ id: string; appealedAt: Date | null } | undefined> {
  const revocation = await tx('permit_revocations').where({ permit_id: permitId, outcome: 'revoked' }).whereNotNull('appeal_deadline').orderBy('decided_at', 'desc').first('id', 'appealed_at');
  return revocation && { id: revocation.id, appealedAt: revocation.appealed_at };
}

export async function markRevocationAppealed(tx: Knex.Transaction, revocationId: string, at: Date) {
  await tx('permit_revocations').where({ id: revocationId }).update({ appealed_at: at });
}

export async function deliveryRequestOpen(tx: Knex.Transaction, permitId: string): Promise<boolean> {
  return Boolean(await tx('permit_delivery_requests').where({ permit_id: permitId }).whereNull('outcome').first('id'));
}

export async function requestDelivery(tx: Knex.Transaction, permitId: string, request: { requestedBy: string; dataSources: object[]; note?: string }): Promise<string> {
  const id = randomUUID();
  await tx('permit_delivery_requests').insert({ id, permit_id: permitId, requested_by: request.requestedBy, data_sources: JSON.stringify(request.dataSources), note: request.note ?? null });
  return id;
}
