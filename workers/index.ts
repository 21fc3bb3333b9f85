// Every worker the service runs. The contract test holds this list against the models.
import type { WorkerDeclaration } from './declaration.ts';
import checkEarlierDecision from './case/check-earlier-decision.ts';
import checkRekRequirement from './case/check-rek-requirement.ts';
import closeCase from './case/close-case.ts';
import compareWithEarlierDecision from './case/compare-with-earlier-decision.ts';
import convertToChangeApplication from './case/convert-to-change-application.ts';
import createCustodianOrders from './order/create-custodian-orders.ts';
import dismissAppeal from './case/dismiss-appeal.ts';
import forwardApplication from './case/forward-application.ts';
import forwardToHelseklage from './case/forward-to-helseklage.ts';
import issueInvoice from './case/issue-invoice.ts';
import prepareAssessment from './case/prepare-assessment.ts';
import recordAppealOutcome from './case/record-appeal-outcome.ts';
import recordAssessment from './case/record-assessment.ts';
import recordDeadlineBreach from './case/record-deadline-breach.ts';
import recordDeadlineExtension from './case/record-deadline-extension.ts';
import recordDecision from './case/record-decision.ts';
import recordDelivery from './order/record-delivery.ts';
import recordLateDelivery from './order/record-late-delivery.ts';
import recordLatePeriodicDelivery from './order/record-late-periodic-delivery.ts';
import planUserAccess from './case/plan-user-access.ts';
import recordUserAccess from './case/record-user-access.ts';
import recordLateUserAccess from './case/record-late-user-access.ts';
import planStatisticsAnswer from './case/plan-statistics-answer.ts';
import recordStatisticsRelease from './case/record-statistics-release.ts';
import recordLateStatisticsAnswer from './case/record-late-statistics-answer.ts';
import convertToStatisticsRequest from './case/convert-to-statistics-request.ts';
import recordExternalDecision from './case/record-external-decision.ts';
import recordPublicSummary from './case/record-public-summary.ts';
import recordFeeCategory from './case/record-fee-category.ts';
import recordRouting from './case/record-routing.ts';
import recordRulebook from './case/record-rulebook.ts';
import recordUpdateDecision from './case/record-update-decision.ts';
import registerAppeal from './case/register-appeal.ts';
import registerApplication from './case/register-application.ts';
import rejectApplication from './case/reject-application.ts';
import requestSupplement from './case/request-supplement.ts';
import sendCustodianOrder from './order/send-custodian-order.ts';
import recordHolderFee from './order/record-holder-fee.ts';
import sendDecisionLetter from './case/send-decision-letter.ts';
import sendPreliminaryAnswer from './case/send-preliminary-answer.ts';
import sendSupplementReminder from './case/send-supplement-reminder.ts';
import startStatutoryClock from './case/start-statutory-clock.ts';
import warnStatutoryDeadline from './case/warn-statutory-deadline.ts';
// The permit process (bpmn/hds-permit.bpmn), and create-permit of the application process.
import createPermit from './permit/create-permit.ts';
import planPermitPeriod from './permit/plan-permit-period.ts';
import sendPermitExpiryReminder from './permit/send-permit-expiry-reminder.ts';
import expirePermit from './permit/expire-permit.ts';
import recordDeletionFollowUp from './permit/record-deletion-follow-up.ts';
import closePermit from './permit/close-permit.ts';
import recordRevocationDecision from './permit/record-revocation-decision.ts';
import sendReinstatementNotices from './order/send-reinstatement-notices.ts';
import sendStopOrders from './order/send-stop-orders.ts';
import sendRevocationLetter from './permit/send-revocation-letter.ts';
import checkDeliveryRequest from './permit/check-delivery-request.ts';
import orderPeriodicDelivery from './order/order-periodic-delivery.ts';
import refuseDeliveryRequest from './permit/refuse-delivery-request.ts';
// The publication of each decision (bpmn/hds-publication.bpmn).
import preparePublication from './publication/prepare-publication.ts';
import recordPublication from './publication/record-publication.ts';
import recordLatePublication from './publication/record-late-publication.ts';
// The cost estimate before the decision under EHDS (bpmn/hds-cost-estimate.bpmn).
import requestCostEstimates from './case/request-cost-estimates.ts';
import sendCostEstimate from './case/send-cost-estimate.ts';
import closeWithdrawnCase from './case/close-withdrawn-case.ts';

export const workers: WorkerDeclaration[] = [
  registerApplication,
  checkEarlierDecision,
  recordPublicSummary,
  recordFeeCategory,
  compareWithEarlierDecision,
  recordUpdateDecision,
  convertToChangeApplication,
  requestSupplement,
  sendSupplementReminder,
  rejectApplication,
  recordRouting,
  recordRulebook,
  forwardApplication,
  recordExternalDecision,
  checkRekRequirement,
  startStatutoryClock,
  warnStatutoryDeadline,
  recordDeadlineBreach,
  recordDeadlineExtension,
  recordAssessment,
  recordDecision,
  sendDecisionLetter,
  sendPreliminaryAnswer,
  issueInvoice,
  prepareAssessment,
  createCustodianOrders,
  sendCustodianOrder,
  recordHolderFee,
  recordDelivery,
  recordLateDelivery,
  recordLatePeriodicDelivery,
  planUserAccess,
  recordUserAccess,
  recordLateUserAccess,
  planStatisticsAnswer,
  recordStatisticsRelease,
  recordLateStatisticsAnswer,
  convertToStatisticsRequest,
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
  preparePublication,
  recordPublication,
  recordLatePublication,
  requestCostEstimates,
  sendCostEstimate,
  closeWithdrawnCase,
];
