// Checks the decision an application refers to: an HDS reference must name a case of this
// service whose decision granted access; any other reference is shown as the applicant gave
// it. The completeness check shows the result and, when the reference does not hold, why.
import { checkEarlierDecision, referenceKind, type ReferencedCase } from '../domain/earlier-decision.ts';
import { recordStep } from '../service/audit.ts';
import { loadApplication } from './case-file.ts';
import { caseInput, defineWorker } from './declaration.ts';
import type { Knex } from 'knex';

export async function findReferencedCase(db: Knex | Knex.Transaction, reference: string): Promise<(ReferencedCase & { id: string; submission: any }) | undefined> {
  const row = await db('applications as a')
    .leftJoin('decisions as d', 'd.application_id', 'a.id')
    .where('a.reference', reference.trim().toUpperCase())
    .first('a.id', 'a.reference', 'a.submission', 'd.outcome', 'd.decided_at');
  if (!row) return undefined;
  return {
    id: row.id,
    reference: row.reference,
    submission: row.submission,
    projectTitle: row.submission?.project?.title,
    decision: row.outcome ? { outcome: row.outcome, decidedAt: new Date(row.decided_at) } : undefined,
  };
}

export default defineWorker<{ applicationId: string }, Record<string, unknown>>({
  taskType: 'check-earlier-decision',
  input: caseInput(),
  async handler({ applicationId }, { db, job }) {
    // The case file's type, not the submitted one: a data update outside its decision has
    // become a change application.
    const { submission, application_type: applicationType } = await loadApplication(db, applicationId);
    const reference = submission.earlierDecisionReference;
    const found = referenceKind(reference) === 'hds' ? await findReferencedCase(db, reference!) : undefined;
    const result = checkEarlierDecision(applicationType, reference, found);
    await recordStep(db, {
      applicationId,
      step: `earlier-decision-checked:${job.key}`,
      actor: 'system',
      detail: { reference: reference ?? null, valid: result.earlierDecisionValid, problem: result.earlierDecisionProblem || null },
    });
    return { ...result };
  },
});
