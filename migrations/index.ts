// The migrations in order. Listing them here (rather than reading the folder) lets every
// runner load them: tsx, vitest and a bundled build alike.
import type { Knex } from 'knex';
import * as createApplications from './001_create_applications.ts';
import * as createAuditEvents from './002_create_audit_events.ts';
import * as createOutbox from './003_create_outbox.ts';
import * as createApplicationNumber from './004_create_application_number.ts';
import * as addRoutingToApplications from './005_add_routing_to_applications.ts';
import * as createAssessmentsAndDecisions from './006_create_assessments_and_decisions.ts';
import * as createDeadlines from './007_create_deadlines.ts';
import * as createInvoices from './008_create_invoices.ts';
import * as createCustodianOrders from './009_create_custodian_orders.ts';
import * as createAppeals from './010_create_appeals.ts';
import * as createIdempotencyKeys from './101_create_idempotency_keys.ts';
import * as addApplicationType from './102_add_application_type.ts';
import * as createApplicationSources from './103_create_application_sources.ts';
import * as indexApplicationsByArrival from './104_index_applications_by_arrival.ts';
import * as addSubmitters from './105_add_submitters.ts';
import * as indexOrdersByCustodian from './106_index_orders_by_custodian.ts';
import * as indexStatisticsPeriods from './201_index_statistics_periods.ts';
import * as createForwardings from './202_create_forwardings.ts';
import * as createDocuments from './210_create_documents.ts';
import * as createJournalEntries from './211_create_journal_entries.ts';
import * as createCaseForecasts from './301_create_case_forecasts.ts';
import * as createBacklogForecasts from './302_create_backlog_forecasts.ts';
import * as indexAuditEventsByTime from './303_index_audit_events_by_time.ts';
import * as createPermits from './401_create_permits.ts';
import * as createPermitVersions from './402_create_permit_versions.ts';
import * as createPermitSources from './403_create_permit_sources.ts';
import * as createPermitDeletionConfirmations from './404_create_permit_deletion_confirmations.ts';
import * as createPermitRevocations from './405_create_permit_revocations.ts';
import * as createPermitStopOrders from './406_create_permit_stop_orders.ts';
import * as createPermitDeliveryRequests from './407_create_permit_delivery_requests.ts';
import * as createPermitDeliveryOrders from './408_create_permit_delivery_orders.ts';
import * as appealRevocations from './409_appeal_revocations.ts';
import * as lapsePermitMessagesAndConfirmDeliveries from './410_lapse_permit_messages_and_confirm_deliveries.ts';
import * as permitSourcesWithoutCustodian from './411_permit_sources_without_custodian.ts';
import * as unifyCustodianOrders from './510_unify_custodian_orders.ts';
import * as createDecisionSources from './520_create_decision_sources.ts';
import * as createSupplementRequests from './530_create_supplement_requests.ts';
import * as nameProcessInstanceIds from './540_name_process_instance_ids.ts';
import * as invoicePaymentAndDocumentMediaType from './600_invoice_payment_and_document_media_type.ts';
import * as createNewApplicationForecasts from './620_create_new_application_forecasts.ts';
import * as permitStateChangedAt from './640_permit_state_changed_at.ts';
import * as createPublicSummaries from './641_create_public_summaries.ts';
import * as createDecisionPublications from './650_create_decision_publications.ts';
import * as createPermitStateChanges from './651_create_permit_state_changes.ts';
import * as applicationRulebook from './700_application_rulebook.ts';
import * as deadlineRule from './701_deadline_rule.ts';
import * as permitPersonsWithAccess from './710_permit_persons_with_access.ts';
import * as createCostEstimates from './750_create_cost_estimates.ts';
import * as applicationFeeCategory from './770_application_fee_category.ts';
import * as invoiceFeeReduction from './771_invoice_fee_reduction.ts';
import * as createFeeAgreements from './772_create_fee_agreements.ts';
import * as createStatisticsAnswers from './760_create_statistics_answers.ts';
import * as createStatisticsOffers from './761_create_statistics_offers.ts';
import * as createApplicationTypeChanges from './762_create_application_type_changes.ts';
import * as createDeadlineExtensions from './720_create_deadline_extensions.ts';
import * as createOrderExtensions from './730_create_order_extensions.ts';
import * as orderLateAt from './731_order_late_at.ts';
import * as createUserAccess from './732_create_user_access.ts';

type Migration = { up: (knex: Knex) => Promise<void>; down: (knex: Knex) => Promise<void> };

const migrations: Record<string, Migration> = {
  '001_create_applications': createApplications,
  '002_create_audit_events': createAuditEvents,
  '003_create_outbox': createOutbox,
  '004_create_application_number': createApplicationNumber,
  '005_add_routing_to_applications': addRoutingToApplications,
  '006_create_assessments_and_decisions': createAssessmentsAndDecisions,
  '007_create_deadlines': createDeadlines,
  '008_create_invoices': createInvoices,
  '009_create_custodian_orders': createCustodianOrders,
  '010_create_appeals': createAppeals,
  '101_create_idempotency_keys': createIdempotencyKeys,
  '102_add_application_type': addApplicationType,
  '103_create_application_sources': createApplicationSources,
  '104_index_applications_by_arrival': indexApplicationsByArrival,
  '105_add_submitters': addSubmitters,
  '106_index_orders_by_custodian': indexOrdersByCustodian,
  '201_index_statistics_periods': indexStatisticsPeriods,
  '202_create_forwardings': createForwardings,
  '210_create_documents': createDocuments,
  '211_create_journal_entries': createJournalEntries,
  '301_create_case_forecasts': createCaseForecasts,
  '302_create_backlog_forecasts': createBacklogForecasts,
  '303_index_audit_events_by_time': indexAuditEventsByTime,
  '401_create_permits': createPermits,
  '402_create_permit_versions': createPermitVersions,
  '403_create_permit_sources': createPermitSources,
  '404_create_permit_deletion_confirmations': createPermitDeletionConfirmations,
  '405_create_permit_revocations': createPermitRevocations,
  '406_create_permit_stop_orders': createPermitStopOrders,
  '407_create_permit_delivery_requests': createPermitDeliveryRequests,
  '408_create_permit_delivery_orders': createPermitDeliveryOrders,
  '409_appeal_revocations': appealRevocations,
  '410_lapse_permit_messages_and_confirm_deliveries': lapsePermitMessagesAndConfirmDeliveries,
  '411_permit_sources_without_custodian': permitSourcesWithoutCustodian,
  '510_unify_custodian_orders': unifyCustodianOrders,
  '520_create_decision_sources': createDecisionSources,
  '530_create_supplement_requests': createSupplementRequests,
  '540_name_process_instance_ids': nameProcessInstanceIds,
  '600_invoice_payment_and_document_media_type': invoicePaymentAndDocumentMediaType,
  '620_create_new_application_forecasts': createNewApplicationForecasts,
  '640_permit_state_changed_at': permitStateChangedAt,
  '641_create_public_summaries': createPublicSummaries,
  '650_create_decision_publications': createDecisionPublications,
  '651_create_permit_state_changes': createPermitStateChanges,
  '700_application_rulebook': applicationRulebook,
  '701_deadline_rule': deadlineRule,
  '710_permit_persons_with_access': permitPersonsWithAccess,
  '720_create_deadline_extensions': createDeadlineExtensions,
  '730_create_order_extensions': createOrderExtensions,
  '731_order_late_at': orderLateAt,
  '732_create_user_access': createUserAccess,
  '750_create_cost_estimates': createCostEstimates,
  '770_application_fee_category': applicationFeeCategory,
  '771_invoice_fee_reduction': invoiceFeeReduction,
  '772_create_fee_agreements': createFeeAgreements,
  '760_create_statistics_answers': createStatisticsAnswers,
  '761_create_statistics_offers': createStatisticsOffers,
  '762_create_application_type_changes': createApplicationTypeChanges,
};

export const migrationSource: Knex.MigrationSource<string> = {
  // In the order of their numbers, whatever the order above: a migration test applies every
  // migration before the one it tests.
  getMigrations: async () => Object.keys(migrations).sort(),
  getMigrationName: (name) => name,
  getMigration: async (name) => migrations[name]!,
};
