// The public register of applications (EHDS, Regulation (EU) 2025/327, Art. 57(1)(j): every
// application, without undue delay after receipt). An application is in it once a caseworker
// approved its public title, summary and institution (public_summaries); before that nothing of
// it. Per application: the registers it asks for, the institution, the purpose, the approved
// title and summary and the day it was received; no person, no variable, nothing else the
// applicant wrote.
import type { Knex } from 'knex';
import { purposeLabels } from '../../domain/case/summary.ts';
import { registerName } from '../../domain/registers.ts';
import { registerReader } from '../../platform/paging.ts';

export type PublicApplication = {
  reference: string;
  registers: { registerId: string; name: string }[];
  institution: string | null;
  purpose: string;
  publicTitle: string;
  publicSummary: string | null;
  receivedOn: string;
};

// A case's row as publicCaseColumns select it, with its position in the register's order.
export type PublicCaseRow = { id: string; reference: string; register_ids: string[]; institution: string | null; purpose_category: string; title: string | null; position: string };

type Row = PublicCaseRow & { title: string; summary: string | null; received_on: string };


// The registers an application names (application_sources), as an array column.
export const registerIdsColumn = (db: Knex, applicationId: string) =>
  db.raw(`array(select s.register_id from application_sources s where s.application_id = ${applicationId} order by s.register_id) as register_ids`);

// Keeps the applications naming the register, when one is given.
export const namingRegister = (db: Knex, applicationId: string, registerId: string | undefined) => (q: Knex.QueryBuilder) => {
  if (registerId) q.whereExists((sub) => sub.select(db.raw('1')).from('application_sources as s').whereRaw(`s.application_id = ${applicationId}`).andWhere('s.register_id', registerId));
};

export const purposeName = (category: string) => purposeLabels[category] ?? category;

// What every register of cases shows of a case (applications a, public_summaries ps): its id
// and reference, the registers it names, the approved institution and title, and the purpose.
export const publicCaseColumns = (db: Knex) => [
  'a.id',
  'a.reference',
  registerIdsColumn(db, 'a.id'),
  'ps.institution',
  db.raw(`a.submission -> 'project' ->> 'purposeCategory' as purpose_category`),
  'ps.title',
];

function publishedRows(db: Knex, registerId: string | undefined) {
  return db('applications as a')
    .join('public_summaries as ps', 'ps.application_id', 'a.id')
    .modify(namingRegister(db, 'a.id', registerId))
    .select(
      ...publicCaseColumns(db),
      'ps.summary',
      db.raw(`to_char(a.received_at at time zone 'Europe/Oslo', 'YYYY-MM-DD') as received_on`),
    );
}

// The case as every register shows it, from publicCaseColumns.
export const publishedCase = (row: PublicCaseRow) => ({
  reference: row.reference,
  registers: row.register_ids.map((registerId) => ({ registerId, name: registerName(registerId) })),
  institution: row.institution,
  purpose: purposeName(row.purpose_category),
  publicTitle: row.title,
});

function published(row: Row): PublicApplication {
  return {
    ...publishedCase(row),
    publicTitle: row.title,
    publicSummary: row.summary,
    receivedOn: row.received_on,
  };
}

const newestFirst = { time: 'a.received_at', id: 'a.id' };

// One page, the newest application first; every one, for the CSV file.
const reader = registerReader(publishedRows, newestFirst, published);
export const publicApplicationPage = reader.page;
export const allPublicApplications = reader.all;
