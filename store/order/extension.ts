// A custodian's extension of its delivery deadline under EHDS (Art. 60(2)): checked against the
// case's rulebook and the order (domain/order/delivery-clock.ts), then, in one transaction, the
// extension recorded (order_extensions), the order's due_at moved, the request journaled as an
// incoming document, and the new deadline queued for the case's process, whose waiting order
// takes it and sets its delivery-late timer again (bpmn/hds-application.bpmn,
// delivery-extended). A refused request writes nothing.
import type { Knex } from 'knex';
import { message } from '../../domain/audit-steps.ts';
import { caseEvent } from '../../domain/case/states.ts';
import { extendedDueAt, extensionRefusal, type ExtensionRefusal, type ExtensionRequest } from '../../domain/order/delivery-clock.ts';
import { orderEvent } from '../../domain/order/states.ts';
import { isRulebookId } from '../../domain/rulebook/rulebooks.ts';
import { norwegianDate, osloDay } from '../../domain/working-days.ts';
import { journalIncoming } from '../case/messages.ts';
import { applyCaseEvent } from '../case/events.ts';
import { lockPermit } from '../permit/events.ts';
import { applyOrderEvent, lockOrder, type OrderRow } from './events.ts';
import { extensionColumns } from './read.ts';

export class ExtensionRefused extends Error {
  override name = 'ExtensionRefused';
  constructor(readonly refusal: ExtensionRefusal) {
    super(refusal.message);
  }
}

export type OrderExtensionRow = { order_id: string; months: number; reason: string; requested_by: string; requested_at: Date; due_at_before: Date; due_at_after: Date };

export async function extensionOf(db: Knex | Knex.Transaction, orderId: string | number): Promise<OrderExtensionRow | undefined> {
  return db('order_extensions').where({ order_id: orderId }).first();
}

export type Extension = ExtensionRequest & { actor: string; now: Date };

export async function extendDelivery(tx: Knex.Transaction, order: OrderRow, { months, reason, actor, now }: Extension) {
  // The permit is locked before the order, as a delivery confirmation and a revocation do.
  if (order.permit_id) await lockPermit(tx, order.permit_id);
  const locked = (await lockOrder(tx, order.id))!;
  const [{ rulebook, reference }, earlier] = await Promise.all([
    tx('applications').where({ id: locked.application_id }).first('rulebook', 'reference'),
    extensionOf(tx, locked.id),
  ]);
  if (!isRulebookId(rulebook)) throw new Error(`Application ${locked.application_id} has no rulebook recorded`);
  const dueAt = locked.due_at && new Date(locked.due_at);
  const refusal = extensionRefusal(
    rulebook,
    { kind: locked.kind, state: locked.state, custodianId: locked.custodian_id, dueAt, deliveredAt: locked.delivered_at, extendedAt: earlier?.requested_at ?? null },
    { months, reason },
    now,
  );
  if (refusal) throw new ExtensionRefused(refusal);
  const newDueAt = extendedDueAt(dueAt!, months);
  await tx('order_extensions').insert({ order_id: locked.id, months, reason, requested_by: actor, requested_at: now, due_at_before: dueAt, due_at_after: newDueAt });
  const detail = { months, dueAtBefore: dueAt!.toISOString(), dueAt: newDueAt.toISOString() };
  const { order: extended } = await applyOrderEvent(tx, { order: locked, event: orderEvent.orderExtended, actor, now, detail, changes: { due_at: newDueAt } });
  await journalIncoming(tx, locked.application_id, { title: 'Anmodning om forlenget frist for utlevering', correspondent: locked.custodian_id, caseReference: reference }, `order-extension:${locked.id}`);
  const localCorrelationKeys = { custodianId: locked.custodian_id };
  const { messageId } = await applyCaseEvent(tx, {
    applicationId: locked.application_id,
    event: caseEvent.deliveryExtended,
    qualifier: locked.custodian_id,
    actor,
    detail: { ...detail, localCorrelationKeys },
    now,
    message: {
      name: message.deliveryExtended,
      localCorrelationKeys,
      variables: { deliveryDueAt: newDueAt.toISOString(), deliveryDueText: norwegianDate(osloDay(newDueAt)) },
    },
  });
  // As lists show it: the order with its extension.
  return { order: { ...extended, ...extensionColumns((await extensionOf(tx, locked.id))!) }, messageId: messageId! };
}
