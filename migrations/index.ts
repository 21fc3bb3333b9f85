// The migrations in order. Listing them here (rather than reading the folder) lets every
// runner load them: tsx, vitest and a bundled build alike.
import type { Knex } from 'knex';
import * as createApplications from './001_create_applications.ts';
import * as createAuditEvents from './002_create_audit_events.ts';
import * as createOutbox from './003_create_outbox.ts';
import * as createApplicationNumber from './004_create_application_number.ts';

type Migration = { up: (knex: Knex) => Promise<void>; down: (knex: Knex) => Promise<void> };

const migrations: Record<string, Migration> = {
  '001_create_applications': createApplications,
  '002_create_audit_events': createAuditEvents,
  '003_create_outbox': createOutbox,
  '004_create_application_number': createApplicationNumber,
};

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations),
  getMigrationName: (name) => name,
  getMigration: async (name) => migrations[name]!,
};
