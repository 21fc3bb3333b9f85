// The case's states and the events that move it: the one place that says which status a case
// has after each step and which messages and tasks each status accepts. Workers, routes and the
// outbox relay apply events through store/case/events.ts; none writes a status by hand. Each
// event is also the audit step the case file records for it (domain/state-machine.ts stepOf).
import { constants, defineMachine } from '../state-machine.ts';

export const caseStatuses = [
  'received',
  'registered',
  'awaiting-supplement',
  'checking-update',
  'in-assessment',
  'awaiting-decision',
  'forwarded',
  'decided',
  'awaiting-delivery',
  'closed',
  'rejected',
  'decision-reversed',
  'withdrawn',
  'statistics-delivered',
] as const;
export type CaseStatus = (typeof caseStatuses)[number];
export const caseStatus = constants(caseStatuses);

// Before the statutory clock runs: a case still at intake may be asked for more, forwarded or
// taken into assessment (a data update beyond its decision passes here as a change application).
const atIntake = ['registered', 'checking-update'] as const;
// A case whose decision (or rejection) has been sent: it may be appealed and reversed.
const decidedOrRejected = ['decided', 'awaiting-delivery', 'closed', 'rejected', 'statistics-delivered'] as const;

export const caseMachine = defineMachine('case', caseStatuses, {
  registered: { from: ['received'], to: 'registered' },
  'supplement-requested': { from: atIntake, to: 'awaiting-supplement' },
  'supplement-reminded': { from: ['awaiting-supplement'] },
  // The applicant's supplement puts the case back at the completeness check at once, so a
  // second supplement is refused until the caseworker asks again.
  'supplement-received': { from: ['awaiting-supplement'], to: 'registered' },
  rejected: { from: ['awaiting-supplement'], to: 'rejected' },
  'update-compared': { from: ['registered'], to: 'checking-update' },
  'converted-to-change': { from: atIntake },
  forwarded: { from: atIntake, to: 'forwarded' },
  'external-decision-received': { from: ['forwarded'] },
  'external-decision-recorded': { from: ['forwarded'], to: 'closed' },
  'statutory-clock-started': { from: atIntake, to: 'in-assessment' },
  // Under EHDS the applicant answers the cost estimate before the assessment (Art. 62(5)):
  // accepting moves no state; withdrawing closes the case.
  'cost-estimate-accepted': { from: ['in-assessment'] },
  withdrawn: { from: ['in-assessment'], to: 'withdrawn' },
  // The one extension of an EHDS decision deadline, asked for from the legal assessment.
  'statutory-deadline-extended': { from: ['in-assessment'] },
  assessed: { from: ['in-assessment'], to: 'awaiting-decision' },
  decided: { from: ['awaiting-decision', 'checking-update'] },
  'decision-letter-sent': { from: ['awaiting-decision', 'checking-update'], to: 'decided' },
  'orders-created': { from: ['decided'], to: 'awaiting-delivery' },
  'delivery-confirmed': { from: ['awaiting-delivery'] },
  // Under EHDS: a custodian's delivery deadline extended (Art. 60(2)); once every custodian has
  // delivered, the user's access planned and given (Art. 68(7)) before the case closes.
  'delivery-extended': { from: ['awaiting-delivery'] },
  'user-access-planned': { from: ['awaiting-delivery'] },
  'user-access-given': { from: ['awaiting-delivery'] },
  closed: { from: ['decided', 'awaiting-delivery'], to: 'closed' },
  // A request for anonymised statistics (Art. 69): granted, its answer deadline is planned
  // with the decision; once the custodians have delivered, a caseworker checks and releases
  // the statistics, which closes the case.
  'statistics-answer-planned': { from: ['awaiting-decision', 'decided'] },
  // Statistics offered instead of a refusal (EHDS Art. 68(3)): the refused case waits for the
  // applicant's answer; accepted, it becomes a request for statistics and goes on to the
  // orders; declined (or unanswered), it closes as refused.
  'statistics-offer-accepted': { from: ['decided'] },
  'statistics-offer-declined': { from: ['decided'] },
  'converted-to-statistics': { from: ['decided'] },
  'statistics-released': { from: ['awaiting-delivery'], to: 'statistics-delivered' },
  'appeal-received': { from: decidedOrRejected },
  'decision-reversed': { from: decidedOrRejected, to: 'decision-reversed' },
});

export type CaseEvent = keyof typeof caseMachine.transitions;
export const caseEvent = caseMachine.event;
