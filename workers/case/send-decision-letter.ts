// Sends the decision letter and starts the appeal period (forvaltningsloven § 29). The letter
// gives the outcome per source from the structured decision (the variables granted and their
// data periods, what was refused and why), the permit the decision makes (analysis
// environment, end date, repeated deliveries, exactly as create-permit will record them), the
// dispensation and conditions, the reasons with the rules that fit the data, the fee, the right
// to appeal and who assessed and decided. A refused change and a granted extension get letters
// of their own (bpmn/letters/decision.hbs, change-refusal.hbs, extension-grant.hbs), and so does
// the answer to a request for anonymised statistics (statistics-decision.hbs): no permit, the
// aggregation and the answer deadline planned with the decision (statistics_answers).
import { reductionFacts } from '../../store/letter/invoice.ts';
import { appealDeadline } from '../../domain/deadlines.ts';
import { sourceOutcome, type Outcome } from '../../domain/case/decision.ts';
import type { Period } from '../../domain/case/facts.ts';
import { InvalidPermit, permitTerms, type PermitSubmission } from '../../domain/permit/permit.ts';
import { registerLabel } from '../../domain/registers.ts';
import { osloDay } from '../../domain/working-days.ts';
import { decisionSources, grantedSources, type StoredSourceDecision } from '../../store/case/decisions.ts';
import { sendCaseLetter } from '../../store/letter/case-letter.ts';
import { endsOn, permitOfCase } from '../../store/permit/permits.ts';
import { findReferencedCase } from './case-file.ts';
import { caseInput, defineWorker, InvalidJobInput } from '../declaration.ts';
import { caseEvent } from '../../domain/case/states.ts';
import { applyCaseEvent } from '../../store/case/events.ts';
import { decisionTemplateFor, letterKind } from '../../domain/letter/kinds.ts';
import { isStatisticsRequest, statisticsAnswerRule } from '../../domain/case/statistics-request.ts';
import { durationText, ruleOf } from '../../domain/rulebook/rulebooks.ts';
import { statisticsOfferOf } from '../../store/case/statistics-offers.ts';
import { statisticsAnswerOf } from '../../store/case/statistics-answers.ts';

type Input = { applicationId: string; decisionNotes?: string; updateCheckNotes?: string; permitEndDate?: string; periodicDeliveries?: boolean };
type Db = Parameters<typeof decisionSources>[0];

const outcomeTexts: Record<string, string> = { grant: 'innvilget', 'partial-grant': 'delvis innvilget', refusal: 'avslått' };

function letterSource(source: StoredSourceDecision, period: Period | undefined) {
  const outcome: Outcome = sourceOutcome({ registerId: source.registerId, variables: source.askedVariables }, source);
  return {
    periodStart: period?.startDate ?? null,
    periodEnd: period?.endDate ?? null,
    name: registerLabel(source.registerId),
    granted: source.granted,
    outcomeText: outcomeTexts[outcome],
    variables: source.variables.join(', '),
    refusedVariables: source.granted ? source.askedVariables.filter((v) => !source.variables.includes(v)).join(', ') : '',
    dispensation: source.dispensation,
    conditions: source.conditions ?? '',
    reason: outcome === 'grant' ? '' : (source.refusalReason ?? ''),
  };
}

// The sources as the letter states them; a decision recorded without sources (a data update
// within an earlier decision) grants every source asked for in full.
async function sourcesOfDecision(db: Db, applicationId: string, submission: PermitSubmission, dispensation: boolean) {
  const periodOf = (registerId: string) => submission.dataSources.find((s) => s.registerId === registerId)?.period;
  const stored = await decisionSources(db, applicationId);
  if (stored.length > 0) return stored.map((s) => letterSource(s, periodOf(s.registerId)));
  const granted = await grantedSources(db, applicationId);
  return granted.map((s) => letterSource({ ...s, granted: true, askedVariables: s.variables, dispensation, conditions: null, refusalReason: null }, s.period));
}

// The decision a change or data update refers to, and the permit it made, as it stands before
// this decision amends it.
async function earlierDecision(db: Db, reference: string | undefined) {
  const earlier = reference ? await findReferencedCase(db, reference) : undefined;
  const permit = earlier && (await permitOfCase(db, earlier.id));
  return { decidedOn: earlier?.decision ? osloDay(earlier.decision.decidedAt) : null, permitEndsOn: permit ? endsOn(permit) : null };
}

function termsOfPermit(submission: PermitSubmission, conditions: string | null, endDate: string | undefined, periodicDeliveries: boolean | undefined) {
  try {
    return permitTerms(submission, conditions, { endDate: endDate || undefined, periodicDeliveries });
  } catch (error) {
    if (error instanceof InvalidPermit) throw new InvalidJobInput(error.message);
    throw error;
  }
}

// What the answer to a request for statistics says beyond a decision: the aggregation the
// caseworker found and, for a grant, the answer deadline and its rule. Empty for other cases.
async function statisticsFacts(db: Db, applicationId: string, rulebook: string, assessment: { findings?: { aggregationLevel?: string } } | undefined) {
  const answer = await statisticsAnswerOf(db, applicationId);
  const rule = answer && statisticsAnswerRule(answer.rulebook);
  return {
    ehds: rulebook === 'ehds',
    aggregationLevel: assessment?.findings?.aggregationLevel?.trim() ?? '',
    statisticsAnswerDueOn: answer ? osloDay(new Date(answer.due_at)) : null,
    statisticsAnswerPeriod: rule ? durationText(rule) : '',
    statisticsAnswerArticle: rule?.article ?? '',
  };
}

// A refusal with an offer of anonymised statistics instead (EHDS Art. 68(3)): what is offered
// and the last day to accept it.
async function statisticsOfferFacts(db: Db, applicationId: string) {
  const offer = await statisticsOfferOf(db, applicationId);
  const rule = ruleOf('ehds', 'statistics-instead-of-refusal');
  return {
    statisticsOffer: offer !== undefined,
    statisticsOfferText: offer?.offered_text ?? '',
    statisticsOfferDueOn: offer ? osloDay(new Date(offer.answer_due_at)) : null,
    statisticsOfferPeriod: durationText(rule),
    statisticsOfferArticle: rule.article,
  };
}

export default defineWorker<Input, { appealDeadline: string }>({
  topic: 'send-decision-letter',
  input: caseInput({
    decisionNotes: { type: 'string' },
    updateCheckNotes: { type: 'string' },
    // The decision form's choices that create-permit records: the letter states the same.
    permitEndDate: { type: 'string', pattern: '^(\\d{4}-\\d{2}-\\d{2})?$' },
    periodicDeliveries: { type: 'boolean' },
  }),
  async handler({ applicationId, decisionNotes, updateCheckNotes, permitEndDate, periodicDeliveries }, { db, now, userTasks }) {
    const deadline = appealDeadline(osloDay(now()));
    const [decision, assessment, invoice, application] = await Promise.all([
      db('decisions').where({ application_id: applicationId }).first(),
      db('assessments').where({ application_id: applicationId }).first(),
      db('invoices').where({ application_id: applicationId }).first(),
      db('applications').where({ id: applicationId }).first('routing_rule', 'application_type', 'submission', 'rulebook'),
    ]);
    if (!decision || !invoice) throw new InvalidJobInput('The decision letter needs the recorded decision and fee');
    const submission = application.submission as PermitSubmission;
    const isUpdate = application.routing_rule === 'data-update';
    const granted = decision.outcome !== 'refusal';
    const approver = decision.decided_by ?? '';
    const caseworker = assessment?.assessed_by ?? approver;
    const sources = await sourcesOfDecision(db, applicationId, submission, decision.dispensation_granted === true);
    const earlier = await earlierDecision(db, submission.earlierDecisionReference);
    const statistics = isStatisticsRequest(application.application_type);
    // A data update stays within the earlier permit, statistics need none; any other grant makes or amends one.
    const permit = granted && !isUpdate && !statistics ? termsOfPermit(submission, decision.conditions, permitEndDate, periodicDeliveries) : null;
    const permitEndsOn = permit?.period.endDate ?? (isUpdate ? earlier.permitEndsOn : null);
    const reasons = [assessment?.findings?.notes, decisionNotes, isUpdate ? updateCheckNotes : undefined].filter((text) => text?.trim()).join(' ');
    const template = decisionTemplateFor({ applicationType: application.application_type, outcome: decision.outcome, permitEndsOn, earlierPermitEndsOn: earlier.permitEndsOn });
    const facts = {
      isUpdate,
      isChange: application.application_type === 'change',
      granted,
      outcomeText: outcomeTexts[decision.outcome] ?? decision.outcome,
      decisionSources: sources,
      // The rules that fit the data: the GDPR's articles and confidentiality only for personal data.
      personalData: submission.dataKind !== 'anonymous',
      gdprArticle6: submission.legalBasis?.gdprArticle6 ?? null,
      gdprArticle9: submission.legalBasis?.gdprArticle9 ?? null,
      analysisEnvironment: permit?.analysisEnvironment ?? submission.analysisEnvironment ?? '',
      permitEndsOn,
      periodicDeliveries: permit?.periodicDeliveries ?? false,
      earlierDecidedOn: earlier.decidedOn,
      earlierPermitEndsOn: earlier.permitEndsOn,
      dispensationGranted: decision.dispensation_granted === true,
      dispensationSources: sources.filter((s) => s.granted && s.dispensation).map((s) => s.name).join(', '),
      conditions: decision.conditions ?? '',
      reasons: reasons || 'Vilkårene for tilgang er vurdert etter reglene over.',
      feeExemption: invoice.exemption ?? '',
      baseFeeNok: invoice.base_fee_nok,
      hourlyRateNok: invoice.hourly_rate_nok,
      hoursBilled: invoice.hours_billed,
      amountNok: invoice.amount_nok,
      ...reductionFacts({ percent: invoice.reduction_percent, category: invoice.reduction_category }, invoice.base_fee_nok + invoice.hourly_rate_nok * invoice.hours_billed, invoice.amount_nok),
      appealDeadline: deadline,
      ...(await statisticsFacts(db, applicationId, application.rulebook, assessment)),
      ...(await statisticsOfferFacts(db, applicationId)),
      caseworkerName: caseworker ? await userTasks.nameOf(caseworker) : '',
      approverName: approver ? await userTasks.nameOf(approver) : '',
    };
    await db.transaction(async (tx) => {
      await tx('decisions').where({ application_id: applicationId }).whereNull('letter_sent_at').update({ letter_sent_at: now(), appeal_deadline: deadline });
      await applyCaseEvent(tx, { applicationId, event: caseEvent.decisionLetterSent, now: now(), actor: 'system', detail: { appealDeadline: deadline } });
      await sendCaseLetter(tx, { applicationId, kind: letterKind.decision, template, facts, now: now() });
    });
    return { appealDeadline: deadline };
  },
});
