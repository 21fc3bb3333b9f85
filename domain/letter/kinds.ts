// The letters the service sends, one template each in bpmn/letters/<kind>.hbs. A letter's
// document step is its kind, qualified where a case gets several of the kind (a job, a
// custodian, an appeal, a permit's end date or revocation), so a retried step finds the letter
// it sent.
import { isStatisticsRequest } from '../case/statistics-request.ts';
import { constants } from '../state-machine.ts';

export const letterKinds = [
  'acknowledgement',
  'preliminary-answer',
  'deadline-extension',
  'supplement-request',
  'supplement-reminder',
  'rejection',
  'forwarding-notice',
  'forwarding-letter',
  'decision',
  'invoice',
  'custodian-order',
  'appeal-reversed',
  'appeal-to-helseklage',
  'appeal-dismissed',
  'permit-expiry-reminder',
  'permit-deletion-request',
  'permit-revocation-decision',
  'permit-delivery-refusal',
  'custodian-stop-order',
  'custodian-delivery-order',
  'custodian-reinstatement',
  'cost-estimate-request',
  'cost-estimate',
  'withdrawal',
  'holder-fee',
] as const;
export type LetterKind = (typeof letterKinds)[number];
export const letterKind = constants(letterKinds);

// A decision letter is one kind (one per case, step `decision`), written for its outcome: a
// refused change to an earlier decision, a granted extension of a permit and the answer to a
// request for anonymised statistics have their own text.
const decisionTemplates = ['decision', 'change-refusal', 'extension-grant', 'statistics-decision'] as const;
export type DecisionTemplate = (typeof decisionTemplates)[number];
export const decisionTemplate = constants(decisionTemplates);

// Every template in bpmn/letters/: one per kind, and the decision's own.
export const letterTemplates = [...letterKinds, ...decisionTemplates.filter((t) => t !== 'decision')] as const;
export type LetterTemplate = LetterKind | DecisionTemplate;

// Which decision letter a decision gets: a change application refused keeps the earlier
// decision; one granted with a later end date than the permit it changes extends it.
export function decisionTemplateFor(decision: { applicationType: string; outcome: string; permitEndsOn: string | null; earlierPermitEndsOn: string | null }): DecisionTemplate {
  if (isStatisticsRequest(decision.applicationType)) return decisionTemplate.statisticsDecision;
  if (decision.applicationType !== 'change') return decisionTemplate.decision;
  if (decision.outcome === 'refusal') return decisionTemplate.changeRefusal;
  const extended = decision.permitEndsOn !== null && decision.earlierPermitEndsOn !== null && decision.permitEndsOn > decision.earlierPermitEndsOn;
  return extended ? decisionTemplate.extensionGrant : decisionTemplate.decision;
}
