// Lists applications newest first by arrival, filtered, one page at a time (keyset pages:
// paging.ts).
import type { Knex } from 'knex';
import { appealOpenSql } from '../../domain/stages.ts';
import { stageFields } from './view.ts';
import { keyset, pageOf, type PageQuery } from '../../platform/paging.ts';

export type ApplicationListItem = {
  id: string;
  reference: string;
  status: string;
  stage: string;
  stageName: string;
  applicationType: string;
  receivedAt: Date;
};

export type ListFilters = {
  status?: string;
  registerId?: string;
  applicationType?: string;
  receivedFrom?: string;
  receivedTo?: string;
  // Only the cases this client submitted.
  submittedBy?: string;
  limit: number;
};

type Row = { id: string; reference: string; status: string; application_type: string; received_at: Date; appeal_open: boolean; position: string };

// Dates in filters are days in Norway, where the service and its applicants are.
const startOfDay = `(?::date)::timestamp at time zone 'Europe/Oslo'`;
const startOfNextDay = `(?::date + 1)::timestamp at time zone 'Europe/Oslo'`;

export async function listApplications(db: Knex, query: ListFilters & PageQuery): Promise<{ items: ApplicationListItem[]; nextCursor: string | null }> {
  const rows = await db('applications as a')
    .modify((q) => {
      if (query.submittedBy !== undefined) q.where('a.submitted_by', query.submittedBy);
      if (query.status) q.where('a.status', query.status);
      if (query.applicationType) q.where('a.application_type', query.applicationType);
      if (query.receivedFrom) q.whereRaw(`a.received_at >= ${startOfDay}`, [query.receivedFrom]);
      if (query.receivedTo) q.whereRaw(`a.received_at < ${startOfNextDay}`, [query.receivedTo]);
      if (query.registerId) {
        q.whereExists((sub) =>
          sub.select(db.raw('1')).from('application_sources as s').whereRaw('s.application_id = a.id').andWhere('s.register_id', query.registerId),
        );
      }
    })
    .modify(keyset(db, { time: 'a.received_at', id: 'a.id' }, query))
    .select(
      'a.id',
      'a.reference',
      'a.status',
      'a.application_type',
      'a.received_at',
      db.raw(`${appealOpenSql} as appeal_open`),
    );
  const { page, nextCursor } = pageOf(rows as Row[], query.limit);
  return {
    items: page.map((row) => ({
      id: row.id,
      reference: row.reference,
      status: row.status,
      ...stageFields(row.status, row.appeal_open),
      applicationType: row.application_type,
      receivedAt: row.received_at,
    })),
    nextCursor,
  };
}
