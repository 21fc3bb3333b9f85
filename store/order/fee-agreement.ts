// The holder's fee for a data order under EHDS (Regulation (EU) 2025/327, Art. 62(4)), in
// fee_agreements (migration 772): planned when the order is sent (1 month from the permit, and
// the start of the order's hds-fee-agreement instance queued with it), reported once by the
// custodian through the API (the message that ends the instance's wait queued with it), or set
// by HDS after the deadline from the caseworker's task. A refused report writes nothing.
import type { Knex } from 'knex';
import { auditStep, message } from '../../domain/audit-steps.ts';
import { agreementRefusal, feeAgreementDueAt, feeAgreementRule, type AgreementRefusal } from '../../domain/order/fee-agreement.ts';
import { custodianName } from '../../domain/registers.ts';
import { isRulebookId } from '../../domain/rulebook/rulebooks.ts';
import { norwegianDate, osloDay } from '../../domain/working-days.ts';
import { recordStep } from '../../platform/audit.ts';
import { journalIncoming, queueCaseMessage } from '../case/messages.ts';
import { lockOrder, type OrderRow } from './events.ts';

type Db = Knex | Knex.Transaction;

export type FeeAgreementRow = {
  order_id: string;
  application_id: string;
  rule: string;
  due_at: Date;
  fee_nok: number | null;
  note: string | null;
  reported_by: string | null;
  reported_at: Date | null;
  reasons: string | null;
  set_by: string | null;
  set_at: Date | null;
};

export class AgreementRefused extends Error {
  override name = 'AgreementRefused';
  constructor(readonly refusal: AgreementRefusal) {
    super(refusal.message);
  }
}

export function feeAgreementOf(db: Db, orderId: string | number): Promise<FeeAgreementRow | undefined> {
  return db('fee_agreements').where({ order_id: orderId }).first();
}

// The order's agreement and the start of its process, once: a retried send finds the row and
// queues nothing.
export async function planFeeAgreement(tx: Knex.Transaction, { order, permitDecidedAt, applicationReference }: { order: Pick<OrderRow, 'id' | 'application_id' | 'custodian_id'>; permitDecidedAt: Date; applicationReference: string }) {
  const dueAt = feeAgreementDueAt(permitDecidedAt);
  const inserted = await tx('fee_agreements').insert({ order_id: order.id, application_id: order.application_id, rule: feeAgreementRule().id, due_at: dueAt }).onConflict('order_id').ignore().returning('order_id');
  if (inserted.length === 0) return;
  await queueCaseMessage(tx, {
    applicationId: order.application_id,
    name: message.feeAgreementStarted,
    starts: true,
    actor: 'system',
    variables: {
      applicationId: order.application_id,
      applicationReference,
      orderId: String(order.id),
      custodianId: order.custodian_id,
      custodianName: custodianName(order.custodian_id) ?? order.custodian_id,
      feeAgreementDueAt: dueAt.toISOString(),
      feeAgreementDueText: norwegianDate(osloDay(dueAt)),
    },
  });
}

export type AgreementReport = { feeNok: number; note?: string; actor: string; now: Date };

export async function reportFeeAgreement(tx: Knex.Transaction, order: OrderRow, { feeNok, note, actor, now }: AgreementReport) {
  const locked = (await lockOrder(tx, order.id))!;
  const [{ rulebook, reference }, agreement] = await Promise.all([tx('applications').where({ id: locked.application_id }).first('rulebook', 'reference'), feeAgreementOf(tx, locked.id)]);
  if (!isRulebookId(rulebook)) throw new Error(`Application ${locked.application_id} has no rulebook recorded`);
  const refusal = agreementRefusal(rulebook, agreement && { dueAt: new Date(agreement.due_at), reportedAt: agreement.reported_at, setAt: agreement.set_at }, now);
  if (refusal) throw new AgreementRefused(refusal);
  const [reported] = await tx('fee_agreements').where({ order_id: locked.id }).update({ fee_nok: feeNok, note: note?.trim() || null, reported_by: actor, reported_at: now }).returning('*');
  await journalIncoming(tx, locked.application_id, { title: 'Avtalt vederlag til dataholderen', correspondent: locked.custodian_id, caseReference: reference }, `fee-agreement:${locked.id}`);
  const { messageId } = await queueCaseMessage(tx, {
    applicationId: locked.application_id,
    name: message.feeAgreementReported,
    correlationKeys: { orderId: String(locked.id) },
    actor,
    variables: {},
  });
  return { agreement: reported as FeeAgreementRow, messageId };
}

// HDS's setting after the deadline (the form's values checked by the caller); once.
export async function setHolderFee(tx: Knex.Transaction, { orderId, feeNok, reasons, setBy, now }: { orderId: string | number; feeNok: number; reasons: string; setBy: string; now: Date }) {
  const [row] = await tx('fee_agreements').where({ order_id: orderId }).whereNull('reported_at').whereNull('set_at').update({ fee_nok: feeNok, reasons: reasons.trim(), set_by: setBy, set_at: now }).returning('*');
  const agreement = (row ?? (await feeAgreementOf(tx, orderId))) as FeeAgreementRow | undefined;
  if (!agreement) throw new Error(`Order ${orderId} has no fee agreement`);
  if (row) await recordStep(tx, { applicationId: agreement.application_id, step: auditStep.holderFeeSet, qualifier: String(orderId), actor: setBy, detail: { feeNok } });
  return agreement;
}

// The agreement as an order's view shows it (orderView in store/case/view.ts): null for an order
// without one.
export function feeAgreementView(row: FeeAgreementRow | undefined | null) {
  if (!row) return null;
  const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null);
  return {
    rule: row.rule,
    dueAt: iso(row.due_at),
    feeNok: row.fee_nok,
    note: row.note,
    by: row.reported_at ? 'custodian' : row.set_at ? 'hds' : null,
    reportedBy: row.reported_by,
    reportedAt: iso(row.reported_at),
    reasons: row.reasons,
    setBy: row.set_by,
    setAt: iso(row.set_at),
  };
}
