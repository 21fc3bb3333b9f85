// Permits in the case file: their terms as columns and back, the registers each covers with
// the custodian holding it, and which permit a case made or amended. Shared by the workers of
// both processes and the API.
import type { Knex } from 'knex';
import type { PermitSource, PermitTerms } from '../../domain/permit/permit.ts';
import { initialPermitState, type PermitState } from '../../domain/permit/states.ts';
import { registersByCustodian } from '../../domain/registers.ts';
import { isRulebookId, type RulebookId } from '../../domain/rulebook/rulebooks.ts';
import type { IsoDate } from '../../domain/working-days.ts';
import { day } from '../case/view.ts';

type Db = Knex | Knex.Transaction;

export type PermitRow = {
  id: string;
  application_id: string;
  reference: string;
  state: PermitState;
  version: number;
  institution_name: string;
  organisation_number: string | null;
  project_leader_name: string | null;
  project_leader_email: string | null;
  persons_with_access: PermitTerms['personsWithAccess'];
  project_title: string;
  purpose_category: string;
  data_sources: PermitSource[];
  analysis_environment: string | null;
  starts_on: Date | string;
  ends_on: Date | string;
  conditions: string | null;
  periodic_deliveries: boolean;
  deciding_body: string;
  decided_at: Date;
  submitted_by: string | null;
  created_at: Date;
  updated_at: Date;
  expired_at: Date | null;
  revoked_at: Date | null;
  closed_at: Date | null;
};

export function permitColumns(terms: PermitTerms) {
  return {
    institution_name: terms.institutionName,
    organisation_number: terms.organisationNumber,
    project_leader_name: terms.projectLeaderName,
    project_leader_email: terms.projectLeaderEmail,
    persons_with_access: JSON.stringify(terms.personsWithAccess),
    project_title: terms.projectTitle,
    purpose_category: terms.purposeCategory,
    data_sources: JSON.stringify(terms.dataSources),
    analysis_environment: terms.analysisEnvironment,
    starts_on: terms.period.startDate,
    ends_on: terms.period.endDate,
    conditions: terms.conditions,
    periodic_deliveries: terms.periodicDeliveries,
  };
}

export function termsOf(row: PermitRow): PermitTerms {
  return {
    institutionName: row.institution_name,
    organisationNumber: row.organisation_number,
    projectLeaderName: row.project_leader_name,
    projectLeaderEmail: row.project_leader_email,
    personsWithAccess: row.persons_with_access,
    projectTitle: row.project_title,
    purposeCategory: row.purpose_category,
    dataSources: row.data_sources,
    analysisEnvironment: row.analysis_environment,
    period: { startDate: day(row.starts_on)!, endDate: day(row.ends_on)! },
    conditions: row.conditions,
    periodicDeliveries: row.periodic_deliveries,
  };
}

export const endsOn = (row: Pick<PermitRow, 'ends_on'>): IsoDate => day(row.ends_on)!;

// A permit's state from a moment on, for its public history (migrations/651).
export async function recordStateChange(tx: Knex.Transaction, permitId: string, state: PermitState, at: Date) {
  await tx('permit_state_changes').insert({ permit_id: permitId, state, changed_at: at });
}

// Inserts a new permit in its first state, at its decision, with the first entry of its
// history; a permit the case already has (a retried job) is left as it is. Returns whether it
// was created.
export async function insertPermit(tx: Knex.Transaction, row: Record<string, unknown> & { id: string; application_id: string; decided_at: Date }): Promise<boolean> {
  const created = await tx('permits')
    .insert({ ...row, state: initialPermitState, state_changed_at: row.decided_at })
    .onConflict('application_id')
    .ignore()
    .returning('id');
  if (created.length === 0) return false;
  await recordStateChange(tx, row.id, initialPermitState, row.decided_at);
  return true;
}

// The registers of the permit's current version. Who holds each is asked of the register table
// on the day it matters (registers move between custodians).
export async function writeSources(tx: Knex.Transaction, permitId: string, sources: PermitSource[]) {
  await tx('permit_sources').where({ permit_id: permitId }).delete();
  const rows = [...new Set(sources.map((s) => s.registerId))].map((registerId) => ({ permit_id: permitId, register_id: registerId }));
  if (rows.length) await tx('permit_sources').insert(rows);
}

// The holder as letters and the journal name it: the project leader the permit names now, at
// the institution.
export const holderName = (permit: Pick<PermitRow, 'project_leader_name' | 'institution_name'>) =>
  [permit.project_leader_name, permit.institution_name].filter(Boolean).join(', ');

// The custodians of a permit's registers on the day, each with its registers: one order per
// custodian.
export async function custodiansOf(db: Db, permitId: string, onDay: IsoDate): Promise<Map<string, string[]>> {
  const registerIds: string[] = await db('permit_sources').where({ permit_id: permitId }).orderBy('register_id').pluck('register_id');
  return new Map([...registersByCustodian(registerIds, onDay)].sort(([a], [b]) => a.localeCompare(b)));
}

// The permit a case made or amended (a case makes at most one version of one permit).
export async function permitOfCase(db: Db, applicationId: string): Promise<PermitRow | undefined> {
  return db('permits as p')
    .join('permit_versions as v', 'v.permit_id', 'p.id')
    .where('v.application_id', applicationId)
    .first<PermitRow>('p.*');
}

// A permit follows the rulebook of the case that granted it, also after a change amended it;
// a case from before the rulebooks were recorded follows the Norwegian rules.
export async function rulebookOf(db: Db, permit: Pick<PermitRow, 'application_id'>): Promise<RulebookId> {
  const row = await db('applications').where({ id: permit.application_id }).first('rulebook');
  return isRulebookId(row?.rulebook) ? row.rulebook : 'norwegian';
}

// The end date of each version of a permit, first to last.
export async function versionEndDates(db: Db, permitId: string): Promise<IsoDate[]> {
  const versions = await db('permit_versions').where({ permit_id: permitId }).orderBy('version').pluck('terms');
  return versions.map((terms: PermitTerms | string) => (typeof terms === 'string' ? (JSON.parse(terms) as PermitTerms) : terms).period.endDate);
}
