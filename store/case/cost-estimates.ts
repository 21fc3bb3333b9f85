// The cost estimate before the decision under EHDS (Art. 62(5)), as the case file holds it: one
// request per custodian with its due date and the custodian's answer (cost_estimate_requests),
// then HDS's estimate sent to the applicant and the applicant's answer (cost_estimates).
// Each is written once: a retried job or a repeated answer finds the row as it is.
import type { Knex } from 'knex';
import type { CostEstimateAnswer } from '../../domain/case/cost-estimate.ts';

type Db = Knex | Knex.Transaction;

export type EstimateRequest = { custodianId: string; registerIds: string[] };

export async function recordRequests(tx: Knex.Transaction, applicationId: string, requests: EstimateRequest[], requestedAt: Date, dueAt: Date) {
  await tx('cost_estimate_requests')
    .insert(requests.map(({ custodianId, registerIds }) => ({ application_id: applicationId, custodian_id: custodianId, register_ids: registerIds, requested_at: requestedAt, due_at: dueAt })))
    .onConflict(['application_id', 'custodian_id'])
    .ignore();
  return requestsOf(tx, applicationId);
}

export function requestsOf(db: Db, applicationId: string) {
  return db('cost_estimate_requests').where({ application_id: applicationId }).orderBy('custodian_id');
}

export function lockRequest(tx: Knex.Transaction, applicationId: string, custodianId: string) {
  return tx('cost_estimate_requests').where({ application_id: applicationId, custodian_id: custodianId }).forUpdate().first();
}

// Records the custodian's estimate; tells whether every custodian asked has now answered.
export async function recordCustodianEstimate(
  tx: Knex.Transaction,
  { applicationId, custodianId, amountNok, description, actor, now }: { applicationId: string; custodianId: string; amountNok: number; description: string; actor: string; now: Date },
): Promise<{ allAnswered: boolean }> {
  await tx('cost_estimate_requests')
    .where({ application_id: applicationId, custodian_id: custodianId })
    .whereNull('answered_at')
    .update({ amount_nok: amountNok, description, answered_at: now, answered_by: actor });
  const waiting = await tx('cost_estimate_requests').where({ application_id: applicationId }).whereNull('answered_at').first('id');
  return { allAnswered: !waiting };
}

export type HdsEstimate = { baseFeeNok: number; hourlyRateNok: number; expectedHours: number; amountNok: number; exemption: string | null };

export async function recordEstimateSent(tx: Knex.Transaction, applicationId: string, estimate: HdsEstimate, sentAt: Date, answerDueAt: Date) {
  await tx('cost_estimates')
    .insert({
      application_id: applicationId,
      base_fee_nok: estimate.baseFeeNok,
      hourly_rate_nok: estimate.hourlyRateNok,
      expected_hours: estimate.expectedHours,
      amount_nok: estimate.amountNok,
      exemption: estimate.exemption,
      sent_at: sentAt,
      answer_due_at: answerDueAt,
    })
    .onConflict('application_id')
    .ignore();
  return tx('cost_estimates').where({ application_id: applicationId }).first();
}

export function lockEstimate(tx: Knex.Transaction, applicationId: string) {
  return tx('cost_estimates').where({ application_id: applicationId }).forUpdate().first();
}

export async function recordApplicantAnswer(tx: Knex.Transaction, applicationId: string, answer: CostEstimateAnswer, actor: string, now: Date) {
  await tx('cost_estimates').where({ application_id: applicationId }).whereNull('answer').update({ answer, answered_at: now, answered_by: actor });
}

// A withdrawn case's statutory clock stops: it no longer runs towards a breach.
export async function stopStatutoryClock(tx: Knex.Transaction, applicationId: string, now: Date) {
  await tx('deadlines').where({ application_id: applicationId }).whereNull('stopped_at').update({ stopped_at: now });
}

const iso = (value: Date | string | null) => (value == null ? null : new Date(value).toISOString());

// The estimates and the answer as GET /applications/{id} shows them; null for a case that was
// never asked (a Norwegian case, or before the complete application).
export async function readCostEstimate(db: Db, applicationId: string) {
  const [requests, estimate] = await Promise.all([requestsOf(db, applicationId), db('cost_estimates').where({ application_id: applicationId }).first()]);
  if (requests.length === 0 && !estimate) return null;
  return {
    custodians: requests.map((r) => ({
      custodianId: r.custodian_id,
      registerIds: r.register_ids,
      requestedAt: iso(r.requested_at),
      dueAt: iso(r.due_at),
      amountNok: r.amount_nok ?? null,
      description: r.description ?? null,
      answeredAt: iso(r.answered_at),
    })),
    hds: estimate
      ? { amountNok: estimate.amount_nok, baseFeeNok: estimate.base_fee_nok, hourlyRateNok: estimate.hourly_rate_nok, expectedHours: estimate.expected_hours, exemption: estimate.exemption ?? null }
      : null,
    sentAt: iso(estimate?.sent_at ?? null),
    answerDueAt: iso(estimate?.answer_due_at ?? null),
    answer: estimate?.answer ?? null,
    answeredAt: iso(estimate?.answered_at ?? null),
  };
}
