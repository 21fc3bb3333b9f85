// The letters the service sends, one template each in bpmn/letters/<kind>.hbs. A letter's
// document step is its kind, qualified where a case gets several of the kind (a job, a
// custodian, an appeal, a permit's end date or revocation), so a retried step finds the letter
// it sent.
import { constants } from '../state-machine.ts';

export const letterKinds = [
  'acknowledgement',
  'preliminary-answer',
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
] as const;
export type LetterKind = (typeof letterKinds)[number];
export const letterKind = constants(letterKinds);
