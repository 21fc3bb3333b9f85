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
};

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations),
  getMigrationName: (name) => name,
  getMigration: async (name) => migrations[name]!,
};
