// What the publication of a decision shows and when it can be published (EHDS, Regulation (EU)
// 2025/327, Art. 57(1)(j): every permit, approved request and refusal, with its reasons). The
// public register shows the outcome, what was refused per source (never the internal reasons
// the decision letter gives per source: they are the approver's free text and may name persons),
// and a public summary of the reasons that a caseworker wrote and approved. A rejection
// (avvisning: what was missing never came) has a standard reason the caseworker starts from.
import type { Outcome } from '../case/decision.ts';
import { countText } from '../letter/count.ts';
import { registerLabel } from '../registers.ts';
import { approvalProblems, screenSummary, type SummaryProposal } from './public-summary.ts';
import { screenTexts, type Finding } from './screening.ts';

export type PublishedOutcome = Outcome | 'rejection';

export const publicOutcomeNames: Record<PublishedOutcome, string> = {
  grant: 'Innvilget',
  'partial-grant': 'Delvis innvilget',
  refusal: 'Avslått',
  rejection: 'Avvist',
};

// A source the decision refused: all of it, or some of its variables.
export type Refusal = { registerId: string; wholeSource: boolean; variablesRefused: number };

export const refusalText = (r: Refusal) => (r.wholeSource ? 'hele kilden' : countText(r.variablesRefused, 'variabel', 'variabler'));

// The refusals as the caseworker reads them on the publication task, one line each.
export const refusalsText = (refusals: readonly Refusal[]) => refusals.map((r) => `${registerLabel(r.registerId)}: ${refusalText(r)}`).join('\n');

// Every outcome but a full grant refused something, and the public is told why.
export const reasonsRequired = (outcome: PublishedOutcome) => outcome !== 'grant';

// Where the caseworker starts: a rejection's standard reason; otherwise nothing, since the
// public reasons are written for the public, not copied from the letter.
export const proposedPublicReasons = (outcome: PublishedOutcome) =>
  outcome === 'rejection' ? 'Søknaden ble avvist fordi opplysningene som manglet, ikke kom inn innen fristen.' : '';

export type PublicationText = SummaryProposal & { reasons?: string | null };
export type PublicationApproval = PublicationText & { findingsCleared: boolean };

// What the screening finds in everything the publication would show.
export function screenPublication(approval: PublicationText, personNames: readonly string[]): Finding[] {
  return [...screenSummary(approval, personNames), ...screenTexts({ reasons: approval.reasons ?? undefined }, personNames)];
}

// Why the publication cannot be recorded, in Norwegian for the form; none: it can.
export function publicationProblems(outcome: PublishedOutcome, approval: PublicationApproval, findings: readonly Finding[]): string[] {
  const problems = approvalProblems(approval, findings);
  if (reasonsRequired(outcome) && !approval.reasons?.trim()) problems.unshift(`Skriv en offentlig begrunnelse: vedtaket er «${publicOutcomeNames[outcome].toLowerCase()}».`);
  return problems;
}
