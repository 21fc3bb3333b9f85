// Statistics instead of a refusal (EHDS Art. 68(3)): where the criteria for access fail, the
// approver may offer the applicant anonymised statistics instead. The refusal stands and is
// published with its reasons (Art. 68(9)); the applicant accepts or declines the offer by the
// rule's last day, and an accepted offer turns the case into a request for anonymised
// statistics. Only a rulebook with the row statistics-instead-of-refusal offers it.
import { deadlineFor, hasRule, ruleOf, type Rule, type RulebookId } from '../rulebook/rulebooks.ts';
import { constants } from '../state-machine.ts';
import { isStatisticsRequest } from './statistics-request.ts';
import type { Outcome } from './decision.ts';

export const statisticsOfferAnswers = ['accept', 'decline'] as const;
export type StatisticsOfferAnswer = (typeof statisticsOfferAnswers)[number];
export const statisticsOfferAnswer = constants(statisticsOfferAnswers);

const offerRule = 'statistics-instead-of-refusal';

// The rule of the offer, or null where the rulebook has none (the Norwegian rules) or the case
// is a request for statistics already.
export function statisticsOfferRule(rulebook: RulebookId, applicationType: unknown): Rule | null {
  if (isStatisticsRequest(applicationType) || !hasRule(rulebook, offerRule)) return null;
  return ruleOf('ehds', offerRule);
}

// The applicant's last day to answer an offer made with a refusal.
export const statisticsOfferDueAt = (decidedAt: Date): Date => deadlineFor('ehds', offerRule, decidedAt);

export type StatisticsOffer = { rulebook: RulebookId; applicationType: unknown; outcome: Outcome; offerText: string | null | undefined };

// Why the approver's offer cannot be recorded, in Norwegian, or null when it can.
export function statisticsOfferProblem(offer: StatisticsOffer): string | null {
  if (!statisticsOfferRule(offer.rulebook, offer.applicationType)) return 'Anonymisert statistikk i stedet for avslag kan bare tilbys i saker etter EHDS-forordningen (art. 68 nr. 3). Fjern tilbudet.';
  if (offer.outcome !== 'refusal') return 'Anonymisert statistikk kan bare tilbys i stedet for avslag: avslå alle kildene, eller fjern tilbudet.';
  if (!offer.offerText?.trim()) return 'Skriv hvilken anonymisert statistikk som tilbys søkeren.';
  return null;
}
