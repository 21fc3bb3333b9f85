// Every worker the service runs. The contract test holds this list against the models.
import type { WorkerDeclaration } from './declaration.ts';
import checkEarlierDecision from './check-earlier-decision.ts';
import checkRekRequirement from './check-rek-requirement.ts';
import closeCase from './close-case.ts';
import compareWithEarlierDecision from './compare-with-earlier-decision.ts';
import convertToChangeApplication from './convert-to-change-application.ts';
import createCustodianOrders from './create-custodian-orders.ts';
import dismissAppeal from './dismiss-appeal.ts';
import forwardApplication from './forward-application.ts';
import forwardToHelseklage from './forward-to-helseklage.ts';
import issueInvoice from './issue-invoice.ts';
import prepareAssessment from './prepare-assessment.ts';
import recordAppealOutcome from './record-appeal-outcome.ts';
import recordAssessment from './record-assessment.ts';
import recordDeadlineBreach from './record-deadline-breach.ts';
import recordDecision from './record-decision.ts';
import recordDelivery from './record-delivery.ts';
import recordExternalDecision from './record-external-decision.ts';
import recordRouting from './record-routing.ts';
import recordUpdateDecision from './record-update-decision.ts';
import registerAppeal from './register-appeal.ts';
import registerApplication from './register-application.ts';
import rejectApplication from './reject-application.ts';
import requestSupplement from './request-supplement.ts';
import sendCustodianOrder from './send-custodian-order.ts';
import sendDecisionLetter from './send-decision-letter.ts';
import sendPreliminaryAnswer from './send-preliminary-answer.ts';
import sendSupplementReminder from './send-supplement-reminder.ts';
import startStatutoryClock from './start-statutory-clock.ts';
import warnStatutoryDeadline from './warn-statutory-deadline.ts';
// The permit process (bpmn/hds-permit.bpmn), and create-permit of the application process.
import createPermit from './create-permit.ts';
import planPermitPeriod from './plan-permit-period.ts';
import sendPermitExpiryReminder from './send-permit-expiry-reminder.ts';
import expirePermit from './expire-permit.ts';
import recordDeletionFollowUp from './record-deletion-follow-up.ts';
import closePermit from './close-permit.ts';
import recordRevocationDecision from './record-revocation-decision.ts';
import sendReinstatementNotices from './send-reinstatement-notices.ts';
import sendStopOrders from './send-stop-orders.ts';
import sendRevocationLetter from './send-revocation-letter.ts';
import checkDeliveryRequest from './check-delivery-request.ts';
import orderPeriodicDelivery from './order-periodic-delivery.ts';
import refuseDeliveryRequest from './refuse-delivery-request.ts';

export const workers: WorkerDeclaration[] = [
  registerApplication,
  checkEarlierDecision,
  compareWithEarlierDecision,
  recordUpdateDecision,
  convertToChangeApplication,
  requestSupplement,
  sendSupplementReminder,
  rejectApplication,
  recordRouting,
  forwardApplication,
  recordExternalDecision,
  checkRekRequirement,
  startStatutoryClock,
  warnStatutoryDeadline,
  recordDeadlineBreach,
  recordAssessment,
  recordDecision,
  sendDecisionLetter,
  sendPreliminaryAnswer,
  issueInvoice,
  prepareAssessment,
  createCustodianOrders,
  sendCustodianOrder,
  recordDelivery,
  closeCase,
  registerAppeal,
  dismissAppeal,
  forwardToHelseklage,
  recordAppealOutcome,
  createPermit,
  planPermitPeriod,
  sendPermitExpiryReminder,
  expirePermit,
  recordDeletionFollowUp,
  closePermit,
  recordRevocationDecision,
  sendReinstatementNotices,
  sendStopOrders,
  sendRevocationLetter,
  checkDeliveryRequest,
  orderPeriodicDelivery,
  refuseDeliveryRequest,
];
