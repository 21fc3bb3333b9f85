// Permits as the API shows them: a caller's permits newest first, one page at a time, and one
// permit with its history, confirmations of deletion, revocations and periodic deliveries, each
// order to a custodian with the letter that carried it and, for a delivery, its confirmation.
// Who sees which permit: the holder's integrator its own, a custodian those with its sources,
// a caseworker all.
import type { Knex } from 'knex';
import { orderKind, type OrderState } from '../../domain/order/states.ts';
import { permitSchedule } from '../../domain/permit/permit.ts';
import { stateLabels, type PermitState } from '../../domain/permit/states.ts';
import { custodianOn, registersHeldBy } from '../../domain/registers.ts';
import { osloDay } from '../../domain/working-days.ts';
import { day, iso } from '../case/view.ts';
import { keyset, pageOf } from '../../platform/paging.ts';
import { permitOrderStep, type PermitOrderKind } from './letters.ts';
import { endsOn, rulebookOf, termsOf, type PermitRow } from './permits.ts';

// Whose permits a caller reaches; nothing set: every permit.
export type PermitReach = { submittedBy?: string; custodianId?: string };

export function reachable(db: Knex | Knex.Transaction, reach: PermitReach, alias = 'p') {
  return (q: Knex.QueryBuilder) => {
    if (reach.submittedBy !== undefined) q.where(`${alias}.submitted_by`, reach.submittedBy);
    if (reach.custodianId !== undefined) {
      const held = registersHeldBy(reach.custodianId, osloDay(new Date()));
      q.whereExists((sub) => sub.select(db.raw('1')).from('permit_sources as ps').whereRaw(`ps.permit_id = ${alias}.id`).whereIn('ps.register_id', held));
    }
  };
}

const stateFields = (state: PermitState) => ({ state, stateName: stateLabels[state] ?? state });

type ListQuery = { state?: string; registerId?: string; limit: number; cursor?: string };

// Newest decision first, in keyset pages (paging.ts).
export async function listPermits(db: Knex, reach: PermitReach, query: ListQuery) {
  const rows = await db('permits as p')
    .modify(reachable(db, reach))
    .modify((q) => {
      if (query.state) q.where('p.state', query.state);
      if (query.registerId) q.whereExists((sub) => sub.select(db.raw('1')).from('permit_sources as s').whereRaw('s.permit_id = p.id').andWhere('s.register_id', query.registerId));
    })
    .modify(keyset(db, { time: 'p.decided_at', id: 'p.id' }, query))
    .select('p.*');
  const { page, nextCursor } = pageOf(rows as (PermitRow & { position: string })[], query.limit);
  return { items: page.map(permitSummary), nextCursor };
}

function permitSummary(row: PermitRow) {
  const terms = termsOf(row);
  return {
    id: row.id,
    reference: row.reference,
    ...stateFields(row.state),
    version: row.version,
    institutionName: terms.institutionName,
    projectTitle: terms.projectTitle,
    registerIds: terms.dataSources.map((s) => s.registerId),
    period: terms.period,
    decidedAt: iso(row.decided_at)!,
  };
}

// A custodian's order of a periodic delivery, its state, and its confirmation once it delivered.
const deliveryOrderView = (o: Record<string, any>) => ({
  orderId: Number(o.id),
  state: o.state as OrderState,
  custodianId: o.custodian_id as string,
  registerIds: o.register_ids as string[],
  sentAt: iso(o.sent_at),
  deliveredAt: iso(o.delivered_at),
  analysisEnvironment: (o.analysis_environment as string | null) ?? null,
});

export async function readPermit(db: Knex, row: PermitRow) {
  const id = row.id;
  const today = osloDay(new Date());
  const [versions, confirmations, revocations, notices, requests, deliveryOrders, orderLetters, rulebook] = await Promise.all([
    db('permit_versions as v').join('applications as a', 'a.id', 'v.application_id').where('v.permit_id', id).orderBy('v.version').select('v.*', 'a.reference'),
    db('permit_deletion_confirmations').where({ permit_id: id }).orderBy('id'),
    db('permit_revocations').where({ permit_id: id }).orderBy('requested_at'),
    db('custodian_orders').where({ permit_id: id }).whereIn('kind', [orderKind.stop, orderKind.reinstatement]).orderBy('custodian_id'),
    db('permit_delivery_requests').where({ permit_id: id }).orderBy('requested_at'),
    db('custodian_orders').where({ permit_id: id, kind: orderKind.periodicDelivery }).orderBy('custodian_id'),
    db('documents').where({ application_id: row.application_id }).whereIn('kind', ['custodian-stop-order', 'custodian-delivery-order', 'custodian-reinstatement']).select('id', 'step'),
    rulebookOf(db, row),
  ]);
  const letterAt = new Map(orderLetters.map((d) => [d.step as string, d.id as string]));
  const letterOf = (kind: PermitOrderKind, key: string, custodianId: string) => letterAt.get(permitOrderStep(kind, key, custodianId)) ?? null;
  // The notices of a revocation to the custodians: its stop orders, and the reinstatement
  // notices when it was reversed.
  const noticesOf = (revocationId: string, kind: typeof orderKind.stop | typeof orderKind.reinstatement, letter: PermitOrderKind) =>
    notices
      .filter((o) => o.revocation_id === revocationId && o.kind === kind)
      .map((o) => ({ orderId: Number(o.id), custodianId: o.custodian_id, registerIds: o.register_ids, sentAt: iso(o.sent_at), documentId: letterOf(letter, revocationId, o.custodian_id) }));
  const deliveryOrdersOf = (requestId: string) =>
    deliveryOrders.filter((o) => o.request_id === requestId).map((o) => ({ ...deliveryOrderView(o), documentId: letterOf('delivery-order', requestId, o.custodian_id) }));
  const terms = termsOf(row);
  return {
    ...permitSummary(row),
    applicationId: row.application_id,
    holder: {
      institutionName: terms.institutionName,
      organisationNumber: terms.organisationNumber,
      projectLeader: { name: terms.projectLeaderName, email: terms.projectLeaderEmail },
    },
    personsWithAccess: terms.personsWithAccess,
    purposeCategory: terms.purposeCategory,
    dataSources: terms.dataSources.map((s) => ({ ...s, custodianId: custodianOn(s.registerId, today) })),
    analysisEnvironment: terms.analysisEnvironment,
    conditions: terms.conditions,
    periodicDeliveries: terms.periodicDeliveries,
    decidingBody: row.deciding_body,
    extensionRequestBy: permitSchedule(endsOn(row), rulebook).extensionRequestBy,
    expiredAt: iso(row.expired_at),
    revokedAt: iso(row.revoked_at),
    closedAt: iso(row.closed_at),
    history: versions.map((v) => ({ version: v.version, applicationId: v.application_id, reference: v.reference, recordedAt: iso(v.recorded_at), terms: v.terms })),
    deletionConfirmations: confirmations.map((c) => ({
      confirmedAs: c.confirmed_as,
      custodianId: c.custodian_id,
      outcome: c.outcome,
      note: c.note,
      confirmedAt: iso(c.confirmed_at),
      lapsedAt: iso(c.lapsed_at),
    })),
    revocations: revocations.map((r) => ({
      id: r.id,
      reason: r.reason,
      requestedAt: iso(r.requested_at),
      outcome: r.outcome,
      decidedAt: iso(r.decided_at),
      appealDeadline: day(r.appeal_deadline),
      appealedAt: iso(r.appealed_at),
      reinstatedAt: iso(r.reinstated_at),
      stopOrders: noticesOf(r.id, orderKind.stop, 'stop-order'),
      reinstatementNotices: noticesOf(r.id, orderKind.reinstatement, 'reinstatement'),
    })),
    deliveryRequests: requests.map((r) => ({
      id: r.id,
      requestedAt: iso(r.requested_at),
      dataSources: r.data_sources,
      outcome: r.outcome,
      reason: r.reason,
      orders: deliveryOrdersOf(r.id),
    })),
  };
}
