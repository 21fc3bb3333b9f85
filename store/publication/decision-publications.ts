// The publication of each decision (migrations/650): scheduled in the transaction that records
// the decision, with its due date in the case file and the publication process started through
// the outbox; published when a caseworker approved what the public sees; marked late when the
// process's timer finds it unpublished. /stats counts the late ones from the case file
// (store/statistics/statistics.ts), not from the engine, whose variables Cockpit can edit.
import type { Knex } from 'knex';
import { auditStep, message } from '../../domain/audit-steps.ts';
import { publicationDueAt } from '../../domain/deadlines.ts';
import type { PublishedOutcome, Refusal } from '../../domain/publication/decision-publication.ts';
import type { Finding } from '../../domain/publication/screening.ts';
import { recordStep } from '../../platform/audit.ts';
import { queueMessage } from '../case/messages.ts';
import { approvePublicSummary } from './public-summaries.ts';
import { publicRefusal, refusalsColumn, type RefusalRow } from './public-refusals.ts';

type Db = Knex | Knex.Transaction;

// Once per case: a decision recorded again (a retried job) keeps the first schedule.
export async function schedulePublication(tx: Knex.Transaction, applicationId: string, decidedAt: Date): Promise<void> {
  const inserted = await tx('decision_publications')
    .insert({ application_id: applicationId, decided_at: decidedAt, due_at: publicationDueAt(decidedAt) })
    .onConflict('application_id')
    .ignore()
    .returning('application_id');
  if (inserted.length === 0) return;
  await queueMessage(tx, applicationId, { name: message.decisionToPublish, starts: true, variables: { applicationId } });
}

export type PublicationToPrepare = {
  outcome: PublishedOutcome;
  decidedAt: Date;
  dueAt: Date;
  publishedAt: Date | null;
  refusals: Refusal[];
  // The text a caseworker approved earlier, if any.
  approved: { title: string; summary: string | null; institution: string | null } | null;
};

export async function publicationToPrepare(db: Db, applicationId: string): Promise<PublicationToPrepare | undefined> {
  const row = await db('decision_publications as dp')
    .join('decisions as d', 'd.application_id', 'dp.application_id')
    .leftJoin('public_summaries as ps', 'ps.application_id', 'dp.application_id')
    .where('dp.application_id', applicationId)
    .first('d.outcome', 'dp.decided_at', 'dp.due_at', 'dp.published_at', 'ps.title', 'ps.summary', 'ps.institution', refusalsColumn(db, 'dp.application_id'));
  if (!row) return undefined;
  return {
    outcome: row.outcome,
    decidedAt: row.decided_at,
    dueAt: row.due_at,
    publishedAt: row.published_at,
    refusals: (row.refusals as RefusalRow[]).map(publicRefusal),
    approved: row.title === null ? null : { title: row.title, summary: row.summary, institution: row.institution },
  };
}

export type Publication = {
  applicationId: string;
  title: string;
  summary: string | null;
  institution: string;
  reasons: string | null;
  findings: readonly Finding[];
  publishedBy: string;
  now: Date;
  qualifier: string;
};

// Publishes the decision and approves the public summary with it, in one transaction; a
// publication already recorded is kept.
export async function publishDecision(tx: Knex.Transaction, publication: Publication): Promise<void> {
  const { applicationId, title, summary, institution, reasons, findings, publishedBy, now, qualifier } = publication;
  const updated = await tx('decision_publications')
    .where({ application_id: applicationId })
    .whereNull('published_at')
    .update({ public_reasons: reasons?.trim() || null, findings: JSON.stringify(findings), published_by: publishedBy, published_at: now });
  if (updated === 0) return;
  await approvePublicSummary(tx, { applicationId, title, summary, institution, findings, approvedBy: publishedBy, now, qualifier });
  await recordStep(tx, { applicationId, step: auditStep.decisionPublished, qualifier, actor: publishedBy, detail: { findings: findings.length } });
}

// Marks the publication late if it is still unpublished; answers whether it was.
export async function markPublicationLate(db: Db, applicationId: string, now: Date): Promise<boolean> {
  const updated = await db('decision_publications').where({ application_id: applicationId }).whereNull('published_at').whereNull('late_at').update({ late_at: now });
  if (updated > 0) await recordStep(db, { applicationId, step: auditStep.decisionPublicationLate, actor: 'system' });
  return updated > 0;
}
