// Statistics offered instead of a refusal (EHDS Art. 68(3)): the offer recorded with the refusal,
// the applicant's answer, and the case turned into a request for anonymised statistics when the
// offer is accepted (its type and data kind changed with a recorded history). The sources an
// accepted offer orders are every source the application asked for: the refusal stays recorded
// and published, and the statistics are made from what it refused.
import type { Knex } from 'knex';
import { caseEvent } from '../../domain/case/states.ts';
import { statisticsRequestType } from '../../domain/case/statistics-request.ts';
import type { StatisticsOfferAnswer } from '../../domain/case/statistics-offer.ts';
import { applyCaseEvent } from './events.ts';
import { grantedSources, type GrantedSource } from './decisions.ts';
import type { Submission } from '../../domain/case/facts.ts';

type Db = Knex | Knex.Transaction;
export type StatisticsOfferRow = {
  application_id: string;
  offered_text: string;
  offered_by: string;
  offered_at: Date;
  answer_due_at: Date;
  answer: StatisticsOfferAnswer | null;
  answered_by: string | null;
  answered_at: Date | null;
};

export const statisticsOfferOf = (db: Db, applicationId: string): Promise<StatisticsOfferRow | undefined> => db('statistics_offers').where({ application_id: applicationId }).first();

export async function lockStatisticsOffer(tx: Knex.Transaction, applicationId: string): Promise<StatisticsOfferRow | undefined> {
  return tx('statistics_offers').where({ application_id: applicationId }).forUpdate().first();
}

// Recorded in the transaction that records the refusal; a repeat keeps the first.
export async function recordStatisticsOffer(tx: Knex.Transaction, offer: { applicationId: string; text: string; offeredBy: string; offeredAt: Date; dueAt: Date }) {
  await tx('statistics_offers')
    .insert({ application_id: offer.applicationId, offered_text: offer.text.trim(), offered_by: offer.offeredBy, offered_at: offer.offeredAt, answer_due_at: offer.dueAt })
    .onConflict('application_id')
    .ignore();
}

export async function recordStatisticsOfferAnswer(tx: Knex.Transaction, applicationId: string, { answer, actor, now }: { answer: StatisticsOfferAnswer; actor: string; now: Date }) {
  await tx('statistics_offers').where({ application_id: applicationId }).update({ answer, answered_by: actor, answered_at: now });
}

// The accepted offer makes the case a request for anonymised statistics: its type and data
// kind change, the change is kept in application_type_changes. Once per case.
export async function convertToStatisticsRequest(tx: Knex.Transaction, applicationId: string, now: Date) {
  const { applied } = await applyCaseEvent(tx, { applicationId, event: caseEvent.convertedToStatistics, actor: 'system', now });
  if (!applied) return;
  const application = await tx('applications').where({ id: applicationId }).first('application_type', 'submission');
  await tx('application_type_changes').insert({
    application_id: applicationId,
    from_type: application.application_type,
    to_type: statisticsRequestType,
    from_data_kind: (application.submission as Submission).dataKind ?? null,
    to_data_kind: 'anonymous',
    reason: 'Søkeren godtok tilbudet om anonymisert statistikk i stedet for avslag (forordning (EU) 2025/327 art. 68 nr. 3).',
    changed_at: now,
  });
  await tx('applications').where({ id: applicationId }).update({ application_type: statisticsRequestType, updated_at: now });
}

export function applicationTypeChanges(db: Db, applicationId: string) {
  return db('application_type_changes').where({ application_id: applicationId }).orderBy('id');
}

// The sources the custodians' orders ask for: what the decision granted, or after an accepted
// offer of statistics instead of a refusal, every source the application asked for.
export async function orderedSources(db: Db, applicationId: string): Promise<GrantedSource[]> {
  const offer = await statisticsOfferOf(db, applicationId);
  if (offer?.answer !== 'accept') return grantedSources(db, applicationId);
  const application = await db('applications').where({ id: applicationId }).first('submission');
  return (application.submission as Submission).dataSources.map((s) => ({ registerId: s.registerId, variables: [...(s.variables ?? [])], period: s.period }));
}
