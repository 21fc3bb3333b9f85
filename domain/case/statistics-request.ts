// A request for anonymised statistics (application type anonymous-statistics; EHDS Art. 69):
// its own path under both rulebooks. A caseworker assesses the request and an approver decides
// it (four eyes, as for an access application), on the structured decision per source, but with
// no dispensation and no permit: the output is aggregated and anonymised. After a grant the
// custodians deliver the aggregated figures and a caseworker checks and releases them by the
// answer deadline (rule statistics-answer).
import { deadlineFor, ruleOf, type Rule, type RulebookId } from '../rulebook/rulebooks.ts';
import type { SourceDecision } from './decision.ts';

export const statisticsRequestType = 'anonymous-statistics';
export const isStatisticsRequest = (applicationType: unknown) => applicationType === statisticsRequestType;

// The user tasks (their ids in bpmn/hds-application.bpmn) that assess and decide a case of the type.
export function caseTasks(applicationType: unknown): { assessment: string; decision: string } {
  return isStatisticsRequest(applicationType)
    ? { assessment: 'assess-statistics-request', decision: 'decide-statistics-request' }
    : { assessment: 'legal-assessment', decision: 'make-decision' };
}

// What the caseworker finds about anonymising the output (the statistics assessment form).
export type StatisticsFindings = { purposeWithinRegisterPurposes?: boolean; aggregationLevel?: string; smallCellsSuppressed?: boolean };

// Why a proposal for a statistics request cannot be recorded, in Norwegian, or null: whatever
// is granted must say how it is aggregated and that small cells are suppressed.
export function statisticsAssessmentProblem(proposal: readonly SourceDecision[], findings: StatisticsFindings): string | null {
  if (!proposal.some((source) => source.granted)) return null;
  const problems = [
    !findings.aggregationLevel?.trim() && 'Skriv aggregeringsnivået statistikken skal ha (f.eks. fylke, kjønn og femårige aldersgrupper).',
    findings.smallCellsSuppressed !== true && 'Kryss av for at små celler skjermes eller slås sammen. Uten det kan statistikken ikke frigis som anonym.',
  ].filter(Boolean);
  return problems.length > 0 ? `${problems.join(' ')} Avslå kildene hvis resultatet ikke kan anonymiseres.` : null;
}

// A statistics request gives no dispensation from confidentiality: anonymous data need none.
export function statisticsDecisionProblem(sources: readonly SourceDecision[]): string | null {
  if (!sources.some((source) => source.dispensation)) return null;
  return 'En forespørsel om anonymisert statistikk gir ingen dispensasjon fra taushetsplikt: anonyme data trenger ingen. Fjern dispensasjonen.';
}

// The answer deadline after a grant (EHDS: a further 3 months from the decision, Art. 69(4);
// Norwegian rules: HDS's own period), by the case's rulebook.
export const statisticsAnswerRule = (rulebook: RulebookId): Rule => ruleOf(rulebook, 'statistics-answer');
export const statisticsAnswerDueAt = (rulebook: RulebookId, decidedAt: Date): Date => deadlineFor(rulebook, 'statistics-answer', decidedAt);

// Why a release cannot be recorded, in Norwegian, or null.
export function statisticsReleaseProblem(release: { disclosureControlConfirmed?: boolean | null; releasedText?: string | null }): string | null {
  if (release.disclosureControlConfirmed !== true) return 'Kryss av for at røpingskontrollen er gjort før du fullfører oppgaven. Er den ikke gjort ennå, lar du oppgaven stå til den er det.';
  if (!release.releasedText?.trim()) return 'Skriv hva som ble sendt søkeren (tabeller og format).';
  return null;
}
