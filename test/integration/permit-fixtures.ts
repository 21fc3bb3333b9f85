// Permits written straight into the case file, as the permit process leaves them, for the tests
// of the API and the public register (which need no engine): a case submitted over the API,
// its decision and its permit in a chosen state.
import { randomUUID } from 'node:crypto';
import { permitTerms, type PermitSubmission } from '../../domain/permit/permit.ts';
import type { PermitState } from '../../domain/permit/states.ts';
import { permitColumns, writeSources } from '../../store/permit/permits.ts';
import { validSubmission, type Harness } from './harness.ts';
import { approveSummary, submitCase, type PublicSummaryFixture } from './publication-fixtures.ts';

export type PermitFixture = {
  submittedBy?: string;
  state?: PermitState;
  submission?: object;
  periodicDeliveries?: boolean;
  conditions?: string;
  decidedAt?: Date;
  // When the permit took its state; the decision unless given.
  stateChangedAt?: Date;
  // The public title, summary and institution a caseworker approved; none unless given (the
  // institution: the one the application names, unless given).
  publicSummary?: PublicSummaryFixture;
};

export async function insertPermit(h: Harness, { submittedBy = 'integrator-a', state = 'active', submission = validSubmission, periodicDeliveries = false, conditions = 'Resultater publiseres bare aggregert.', decidedAt = new Date(), stateChangedAt = decidedAt, publicSummary }: PermitFixture = {}) {
  const { id: applicationId, reference } = await submitCase(h, submission, submittedBy);
  await h.db('applications').where({ id: applicationId }).update({ status: 'closed' });
  await h.db('decisions').insert({ application_id: applicationId, decided_by_body: 'HDS', outcome: 'grant', decided_by: 'beslutter', conditions, decided_at: decidedAt });
  const terms = permitTerms(submission as PermitSubmission, conditions, { periodicDeliveries });
  const id = randomUUID();
  await h.db('permits').insert({ id, application_id: applicationId, reference, state, version: 1, ...permitColumns(terms), deciding_body: 'HDS', decided_at: decidedAt, state_changed_at: stateChangedAt, submitted_by: submittedBy });
  // Its history as the permit's state module writes it: active at the decision, then the state given.
  await h.db('permit_state_changes').insert([{ permit_id: id, state: 'active', changed_at: decidedAt }, ...(state === 'active' ? [] : [{ permit_id: id, state, changed_at: stateChangedAt }])]);
  await h.db('permit_versions').insert({ permit_id: id, version: 1, application_id: applicationId, terms: JSON.stringify(terms) });
  await h.db.transaction((tx) => writeSources(tx, id, terms.dataSources));
  if (publicSummary) await approveSummary(h, applicationId, { institution: terms.institutionName, ...publicSummary });
  return { id, applicationId, reference };
}

// A delivery request of a permit, ordered from the given custodians (custodian id: register
// ids), as order-periodic-delivery leaves it.
export async function insertDeliveryOrders(h: Harness, permitId: string, orders: Record<string, string[]>) {
  const requestId = randomUUID();
  const registerIds = Object.values(orders).flat();
  await h.db('permit_delivery_requests').insert({
    id: requestId,
    permit_id: permitId,
    requested_by: 'integrator-a',
    data_sources: JSON.stringify(registerIds.map((registerId) => ({ registerId, variables: ['variabel'] }))),
    outcome: 'ordered',
    checked_at: new Date(),
  });
  const sentAt = new Date();
  const { application_id } = await h.db('permits').where({ id: permitId }).first('application_id');
  await h.db('custodian_orders').insert(
    Object.entries(orders).map(([custodianId, registers]) => ({
      kind: 'periodic-delivery',
      state: 'sent',
      application_id,
      request_id: requestId,
      permit_id: permitId,
      custodian_id: custodianId,
      register_ids: registers,
      sent_at: sentAt,
    })),
  );
  return requestId;
}
