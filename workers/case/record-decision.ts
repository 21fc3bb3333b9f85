// Records the decision, made by a second person: the approver may not be the caseworker who
// assessed the case, as the case file records them (never the process variable assessedBy,
// which Cockpit can edit). The decision is structured per source (domain/case/decision.ts) and its outcome
// derived from the sources. A decision the assessor made goes back to the approvers with the
// assessor's proposal restored; one that cannot be recorded goes back with the reason: among
// them a permit period outside the limits of the permit's rulebook (EHDS: its duration, and a
// change that extends it; domain/permit/period-limits.ts). A request for anonymised statistics
// is decided in its own task, with no permit and no dispensation (statistics-request.ts). Under
// EHDS a refusal may come with an offer of anonymised statistics instead (Art. 68(3),
// statistics-offer.ts), recorded with it; the model then waits for the applicant's answer.
import type { Knex } from 'knex';
import { auditStep } from '../../domain/audit-steps.ts';
import { caseTasks, isStatisticsRequest, statisticsDecisionProblem } from '../../domain/case/statistics-request.ts';
import { statisticsOfferDueAt, statisticsOfferProblem } from '../../domain/case/statistics-offer.ts';
import { recordStatisticsOffer } from '../../store/case/statistics-offers.ts';
import { askedSources, decisionProblem, deriveOutcome, slotVariableNames, slotVariables, sourcesFromSlots, type SourceDecision } from '../../domain/case/decision.ts';
import { permitPeriodProblem, extensionCount } from '../../domain/permit/period-limits.ts';
import type { PermitSubmission } from '../../domain/permit/permit.ts';
import { isRulebookId } from '../../domain/rulebook/rulebooks.ts';
import { osloDay } from '../../domain/working-days.ts';
import { recordStep } from '../../platform/audit.ts';
import { writeDecisionSources } from '../../store/case/decisions.ts';
import { endsOn, rulebookOf, versionEndDates } from '../../store/permit/permits.ts';
import { schedulePublication } from '../../store/publication/decision-publications.ts';
import { loadApplication, permitToAmend } from './case-file.ts';
import { BusinessError, defineWorker, InvalidJobInput, RetryableError } from '../declaration.ts';

type Application = Awaited<ReturnType<typeof loadApplication>>;

type Input = {
  applicationId: string;
  conditions?: string;
  permitEndDate?: string;
  offerStatistics?: boolean;
  statisticsOfferText?: string;
  [slot: string]: unknown;
};

// Why the decision went back: made by the assessor, or completed without anyone claiming it.
function fourEyesProblem(assessedBy: string, decidedBy: string | null, statistics: boolean): string {
  const assessment = statistics ? 'vurderingen av forespørselen' : 'den juridiske vurderingen';
  const who = decidedBy
    ? `Vedtaket må fattes av en annen enn den som gjorde ${assessment} (${assessedBy}).`
    : `Vedtaket må fattes av en beslutter som har tatt oppgaven, og ikke av den som gjorde ${assessment} (${assessedBy}).`;
  return `${who} Ingenting er registrert, og valgene er tilbakestilt til saksbehandlerens forslag.`;
}

// Why the permit the decision grants may not have its period, by the permit's rulebook: a
// new permit's is the case's, an amended one's that of the case that granted it. The period
// is the one create-permit will give it: the form's end date, else the project's.
async function periodProblem(db: Knex, application: Application, permitEndDate: string | undefined): Promise<string | null> {
  const projectPeriod = (application.submission as PermitSubmission).project?.period;
  const startDate = projectPeriod?.startDate;
  const endDate = permitEndDate || projectPeriod?.endDate;
  // A permit without a period stops at create-permit, as it always has.
  if (!startDate || !endDate) return null;
  const receivedOn = osloDay(application.received_at);
  const permit = await permitToAmend(db, application);
  if (permit) {
    const amended = { endsOn: endsOn(permit), extensions: extensionCount(await versionEndDates(db, permit.id)) };
    return permitPeriodProblem({ rulebook: await rulebookOf(db, permit), period: { startDate, endDate }, amended, receivedOn });
  }
  if (!isRulebookId(application.rulebook)) throw new InvalidJobInput(`Application ${application.id} has no rulebook recorded (record-rulebook sets it)`);
  return permitPeriodProblem({ rulebook: application.rulebook, period: { startDate, endDate }, receivedOn });
}

type Output = { decidedBy: string; feeDate: string; outcome: string; decisionProblem: null; statisticsOffered: boolean; statisticsOfferDueAt: string | null };

export default defineWorker<Input, Output>({
  topic: 'record-decision',
  input: {
    type: 'object',
    properties: {
      applicationId: { type: 'string', format: 'uuid' },
      conditions: { type: 'string' },
      // The decision form's end date of the permit ("" or absent: the project period's end).
      permitEndDate: { type: 'string', pattern: '^(\\d{4}-\\d{2}-\\d{2})?$' },
      // The offer of anonymised statistics instead of a refusal (EHDS only; absent in older instances).
      offerStatistics: { type: 'boolean' },
      statisticsOfferText: { type: 'string' },
      ...Object.fromEntries(slotVariableNames().map((name) => [name, {}])),
    },
    required: ['applicationId'],
  },
  async handler(input, { db, task, now, userTasks }) {
    const { applicationId, conditions, permitEndDate, offerStatistics, statisticsOfferText } = input;
    const application = await loadApplication(db, applicationId);
    const { submission } = application;
    const statistics = isStatisticsRequest(application.application_type);
    const decidedBy = await userTasks.completedBy(task.processInstanceId, caseTasks(application.application_type).decision);
    if (decidedBy === undefined) throw new RetryableError('The engine has no completed decision task for this case yet');
    const asked = askedSources(submission.dataSources);
    const assessment = await db('assessments').where({ application_id: applicationId }).first('assessed_by', 'findings');
    if (!assessment) throw new InvalidJobInput(`Application ${applicationId} has no recorded assessment to decide on`);
    const assessedBy: string = assessment.assessed_by;
    if (!decidedBy || decidedBy === assessedBy) {
      await recordStep(db, { applicationId, step: auditStep.decisionRefusedFourEyes, qualifier: task.id, actor: decidedBy ?? 'unknown', detail: { assessedBy } });
      const proposal = (assessment.findings?.proposal ?? []) as SourceDecision[];
      const problem = fourEyesProblem(assessedBy, decidedBy, statistics);
      const cleared = { ...slotVariables(asked, proposal), conditions: '', decisionNotes: '', permitEndDate: '', periodicDeliveries: false, offerStatistics: false, statisticsOfferText: '' };
      throw new BusinessError('four-eyes', problem, { ...cleared, decisionProblem: problem });
    }
    const sources = sourcesFromSlots(input);
    const outcome = deriveOutcome(asked, sources);
    const rulebook = isRulebookId(application.rulebook) ? application.rulebook : 'norwegian';
    const offerProblem = offerStatistics === true ? statisticsOfferProblem({ rulebook, applicationType: application.application_type, outcome, offerText: statisticsOfferText }) : null;
    const problem = statistics
      ? (decisionProblem(asked, sources) ?? statisticsDecisionProblem(sources))
      : (decisionProblem(asked, sources) ?? offerProblem ?? (outcome === 'refusal' ? null : await periodProblem(db, application, permitEndDate)));
    if (problem) {
      await recordStep(db, { applicationId, step: auditStep.decisionReturned, qualifier: task.id, actor: decidedBy, detail: { problem } });
      throw new BusinessError('decision-invalid', problem, { decisionProblem: problem });
    }
    const decidedAt = now();
    const offerDueAt = offerStatistics === true ? statisticsOfferDueAt(decidedAt) : null;
    await db.transaction(async (tx) => {
      await tx('decisions')
        .insert({
          application_id: applicationId,
          decided_by_body: 'HDS',
          outcome,
          decided_by: decidedBy,
          conditions: conditions?.trim() ? conditions : null,
          dispensation_granted: sources.some((s) => s.granted && s.dispensation),
          decided_at: decidedAt,
        })
        .onConflict('application_id')
        .merge();
      await writeDecisionSources(tx, applicationId, asked, sources);
      await recordStep(tx, { applicationId, step: auditStep.decided, actor: decidedBy, detail: { outcome } });
      await schedulePublication(tx, applicationId, decidedAt);
      if (offerDueAt) await recordStatisticsOffer(tx, { applicationId, text: statisticsOfferText!, offeredBy: decidedBy, offeredAt: decidedAt, dueAt: offerDueAt });
    });
    return { decidedBy, feeDate: osloDay(decidedAt), outcome, decisionProblem: null, statisticsOffered: offerDueAt !== null, statisticsOfferDueAt: offerDueAt?.toISOString() ?? null };
  },
});
