// Lists applications newest first, filtered, one page at a time. Pages follow a keyset
// (received_at, id) rather than an offset, so a case arriving while a client pages through
// neither repeats nor skips an item; the cursor carries the last item's position.
import type { Knex } from 'knex';
import { appealOpenSql } from '../domain/stages.ts';
import { stageFields } from './case-view.ts';

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

type Position = { receivedAt: string; id: string };
type Row = { id: string; reference: string; status: string; application_type: string; received_at: Date; appeal_open: boolean; position: string };

export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify([position.receivedAt, position.id])).toString('base64url');
}

export function decodeCursor(cursor: string): Position | undefined {
  try {
    const [receivedAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof receivedAt !== 'string' || typeof id !== 'string') return undefined;
    if (Number.isNaN(Date.parse(receivedAt)) || !/^[0-9a-f-]{36}$/.test(id)) return undefined;
    return { receivedAt, id };
  } catch {
    return undefined;
  }
}

// Dates in filters are days in Norway, where the service and its applicants are.
const startOfDay = `(?::date)::timestamp at time zone 'Europe/Oslo'`;
const startOfNextDay = `(?::date + 1)::timestamp at time zone 'Europe/Oslo'`;

export async function listApplications(
  db: Knex,
  query: ListFilters,
  after: Position | undefined,
): Promise<{ items: ApplicationListItem[]; next: Position | undefined }> {
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
      if (after) q.whereRaw('(a.received_at, a.id) < (?::timestamptz, ?::uuid)', [after.receivedAt, after.id]);
    })
    .orderBy([
      { column: 'a.received_at', order: 'desc' },
      { column: 'a.id', order: 'desc' },
    ])
    // One more than a page tells whether another page follows.
    .limit(query.limit + 1)
    .select(
      'a.id',
      'a.reference',
      'a.status',
      'a.application_type',
      'a.received_at',
      db.raw(`${appealOpenSql} as appeal_open`),
      // Microsecond precision, which a JavaScript Date would lose, keeps the keyset exact.
      db.raw(`to_char(a.received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as position`),
    );
  const page = (rows as Row[]).slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.id,
      reference: row.reference,
      status: row.status,
      ...stageFields(row.status, row.appeal_open),
      applicationType: row.application_type,
      receivedAt: row.received_at,
    })),
    next: rows.length > query.limit && last ? { receivedAt: last.position, id: last.id } : undefined,
  };
}
