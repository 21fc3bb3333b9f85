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
    .modify(withExtension)
    .modify(withFeeAgreement)
    .orderBy('o.id', 'desc')
    .limit(limit + 1)
    .select<Record<string, any>[]>('o.*', 'a.reference', 'a.submission', 'r.data_sources as requested_sources');
  const page = rows.slice(0, limit);
  return { page, nextAfter: rows.length > limit ? Number(page.at(-1)!.id) : null };
}

// The extension of the order `o` (order_extensions) as the order's view reads it (orderView in
// store/case/view.ts); columns are null for an order not extended.
export function withExtension(q: Knex.QueryBuilder) {
  return q
    .leftJoin('order_extensions as e', 'e.order_id', 'o.id')
    .select('e.months as extension_months', 'e.reason as extension_reason', 'e.requested_by as extension_requested_by', 'e.requested_at as extension_requested_at', 'e.due_at_before as extension_due_at_before');
}

// The fee agreement of the order `o` under EHDS (fee_agreements) as one JSON column, which
// orderView reads (feeAgreementView); null for an order without one.
export function withFeeAgreement(q: Knex.QueryBuilder) {
  return q.leftJoin('fee_agreements as fa', 'fa.order_id', 'o.id').select(q.client.raw('to_jsonb(fa.*) as fee_agreement'));
}

// The same columns from an extension read on its own.
export const extensionColumns = (row: { months: number; reason: string; requested_by: string; requested_at: Date; due_at_before: Date }) => ({
  extension_months: row.months,
  extension_reason: row.reason,
  extension_requested_by: row.requested_by,
  extension_requested_at: row.requested_at,
  extension_due_at_before: row.due_at_before,
});
