// Custodian orders as lists read them: newest first, in pages keyed by order id, with the case
// they belong to and what each asks for.
import type { Knex } from 'knex';
import { openStates, deliveryKinds, orderState, type OrderKind, type OrderState } from '../../domain/order/states.ts';

export type OrderFilter = { custodianId?: string; kind?: OrderKind; state?: OrderState; delivered?: boolean; limit: number; after?: number };

export async function listOrders(db: Knex, { custodianId, kind, state, delivered, limit, after }: OrderFilter) {
  const rows = await db('custodian_orders as o')
    .join('applications as a', 'a.id', 'o.application_id')
    .leftJoin('permit_delivery_requests as r', 'r.id', 'o.request_id')
    .modify((q) => {
      if (custodianId !== undefined) q.where('o.custodian_id', custodianId);
      if (kind !== undefined) q.where('o.kind', kind);
      if (state !== undefined) q.where('o.state', state);
      if (delivered === true) q.where('o.state', orderState.delivered);
      // Not delivered: still waiting for the custodian (a stopped order or a notice waits for nothing).
      if (delivered === false) q.whereIn('o.kind', deliveryKinds).whereIn('o.state', openStates);
      if (after !== undefined) q.where('o.id', '<', after);
    })
    .orderBy('o.id', 'desc')
    .limit(limit + 1)
    .select<Record<string, any>[]>('o.*', 'a.reference', 'a.submission', 'r.data_sources as requested_sources');
  const page = rows.slice(0, limit);
  return { page, nextAfter: rows.length > limit ? Number(page.at(-1)!.id) : null };
}
