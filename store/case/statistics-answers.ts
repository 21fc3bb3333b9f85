// The answer to a granted request for anonymised statistics (Art. 69(4), rule statistics-answer
// of the case's rulebook): planned with the decision, due from it; released by a caseworker
// after the disclosure control (who, when, what was sent), or marked late by the timer. One row
// per case (statistics_answers); each change is an event of the case in the same transaction.
import type { Knex } from 'knex';
import { auditStep } from '../../domain/audit-steps.ts';
import { caseEvent } from '../../domain/case/states.ts';
import { statisticsAnswerDueAt, statisticsAnswerRule } from '../../domain/case/statistics-request.ts';
import type { RulebookId } from '../../domain/rulebook/rulebooks.ts';
import { recordStep } from '../../platform/audit.ts';
import { applyCaseEvent } from './events.ts';

type Db = Knex | Knex.Transaction;
export type StatisticsAnswerRow = {
  application_id: string;
  rulebook: RulebookId;
  rule: string;
  decided_at: Date;
  due_at: Date;
  released_by: string | null;
  released_at: Date | null;
  released_text: string | null;
  late_at: Date | null;
};

export async function statisticsAnswerOf(db: Db, applicationId: string): Promise<StatisticsAnswerRow | undefined> {
  return db('statistics_answers').where({ application_id: applicationId }).first();
}

// Plans the answer from the decision; a repeat finds the plan made before.
export async function planStatisticsAnswer(tx: Knex.Transaction, applicationId: string, { rulebook, decidedAt, now }: { rulebook: RulebookId; decidedAt: Date; now: Date }): Promise<StatisticsAnswerRow> {
  const planned = await statisticsAnswerOf(tx, applicationId);
  if (planned) return planned;
  const rule = statisticsAnswerRule(rulebook);
  const dueAt = statisticsAnswerDueAt(rulebook, decidedAt);
  await tx('statistics_answers').insert({ application_id: applicationId, rulebook, rule: rule.id, decided_at: decidedAt, due_at: dueAt });
  await applyCaseEvent(tx, { applicationId, event: caseEvent.statisticsAnswerPlanned, actor: 'system', now, detail: { rule: rule.id, dueAt: dueAt.toISOString() } });
  return (await statisticsAnswerOf(tx, applicationId))!;
}

// The statistics released to the applicant: the case closes as delivered.
export async function releaseStatistics(tx: Knex.Transaction, applicationId: string, { releasedBy, releasedText, now }: { releasedBy: string; releasedText: string; now: Date }) {
  const { applied } = await applyCaseEvent(tx, { applicationId, event: caseEvent.statisticsReleased, actor: releasedBy, now, detail: { releasedText } });
  if (applied) await tx('statistics_answers').where({ application_id: applicationId }).update({ released_by: releasedBy, released_at: now, released_text: releasedText });
}

// The answer deadline passed with the statistics not released: recorded once.
export async function markStatisticsAnswerLate(tx: Knex.Transaction, applicationId: string, now: Date): Promise<boolean> {
  const marked = await tx('statistics_answers').where({ application_id: applicationId }).whereNull('released_at').whereNull('late_at').update({ late_at: now });
  if (marked > 0) await recordStep(tx, { applicationId, step: auditStep.statisticsAnswerLate, actor: 'system', detail: { lateAt: now.toISOString() } });
  return marked > 0;
}
