// Every step the audit trail records, as one catalogue: the events of the case's, the permit's
// and the order's machines (each records its own name), the messages queued for the engine,
// and the steps on the way that move no state. Code names a step through `auditStep`, never as
// a string literal; a step recorded for a job, a custodian or a message carries that as its
// qualifier (domain/state-machine.ts stepOf).
import { caseMachine, type CaseEvent } from './case/states.ts';
import { deliveryOrderMachine, type OrderEvent } from './order/states.ts';
import { permitMachine, type PermitEvent } from './permit/states.ts';
import { constants } from './state-machine.ts';

// The engine's messages (the models' bpmn:message names).
export const messageNames = [
  'application-submitted',
  'supplement-received',
  'external-decision-received',
  'delivery-confirmed',
  'delivery-extended',
  'appeal-received',
  'helseklage-decision-received',
  'permit-granted',
  'permit-amended',
  'permit-reinstated',
  'revocation-requested',
  'delivery-requested',
  'deletion-confirmed',
  'decision-to-publish',
  'cost-estimates-received',
  'cost-estimate-answered',
  'fee-agreement-started',
  'fee-agreement-reported',
  'statistics-offer-answered',
] as const;
export type MessageName = (typeof messageNames)[number];
export const message = constants(messageNames);

// Steps that record what happened without moving a state.
const otherSteps = [
  'received',
  'routed',
  'rek-checked',
  'earlier-decision-checked',
  'invoiced',
  'preliminary-answer',
  'statutory-deadline-warned',
  'statutory-deadline-breached',
  'decision-refused-four-eyes',
  'assessment-returned',
  'deadline-extension-returned',
  'decision-returned',
  'update-check-returned',
  'appeal-forwarded',
  'appeal-dismissed',
  'appeal-decided',
  'permit-created',
  'permit-message-lapsed',
  'permit-revocation-decided',
  'permit-revocation-refused-four-eyes',
  'permit-stop-orders-sent',
  'permit-reinstatement-notices-sent',
  'permit-delivery-ordered',
  'permit-deletion-confirmed',
  'permit-letter',
  'public-summary-approved',
  'public-summary-returned',
  'decision-published',
  'decision-publication-returned',
  'decision-publication-late',
  'cost-estimate-requested',
  'cost-estimate-received',
  'cost-estimate-sent',
  'user-access-late',
  'user-access-returned',
  'fee-category-confirmed',
  'holder-fee-set',
  'holder-fee-returned',
  'statistics-answer-late',
  'statistics-release-returned',
] as const;

const allSteps = [...new Set([...(Object.keys(caseMachine.transitions) as CaseEvent[]), ...(Object.keys(permitMachine.transitions) as PermitEvent[]), ...(Object.keys(deliveryOrderMachine.transitions) as OrderEvent[]), ...messageNames, ...otherSteps])];
export type AuditStep = (typeof allSteps)[number];
export const auditStep = constants(allSteps);
