// The public register of decisions (EHDS, Regulation (EU) 2025/327, Art. 57(1)(j): each
// permit and refusal, with its reasons, within 30 working days). A decision is in it once a
// caseworker published it (decision_publications.published_at, migrations/650): the outcome,
// the day, the deciding body, what was refused per source (never the reasons written to the
// applicant), and the public summary of the reasons the caseworker approved. The application's
// title and institution show only once its public summary is approved.
import type { Knex } from 'knex';
import { decidingBodyNames } from '../../domain/permit/permit.ts';
import { publicOutcomeNames, type PublishedOutcome } from '../../domain/publication/decision-publication.ts';
import { registerReader } from '../../platform/paging.ts';
import { namingRegister, publicCaseColumns, publishedCase, type PublicCaseRow } from './public-applications.ts';
import { publicRefusal, refusalsColumn, type PublicRefusal, type RefusalRow } from './public-refusals.ts';

export type PublicDecision = {
  reference: string;
  registers: { registerId: string; name: string }[];
  // Null until a caseworker approved the application's public summary.
  institution: string | null;
  purpose: string;
  publicTitle: string | null;
  decidingBody: string;
  outcome: PublishedOutcome;
  outcomeName: string;
  decidedOn: string;
  publishedOn: string;
  refusals: PublicRefusal[];
  publicReasons: string | null;
};

type Row = PublicCaseRow & {
  decided_by_body: string;
  outcome: PublishedOutcome;
  decided_on: string;
  published_on: string;
  refusals: RefusalRow[];
  public_reasons: string | null;
};

function publishedRows(db: Knex, registerId: string | undefined) {
  return db('decision_publications as dp')
    .join('decisions as d', 'd.application_id', 'dp.application_id')
    .join('applications as a', 'a.id', 'dp.application_id')
    .leftJoin('public_summaries as ps', 'ps.application_id', 'a.id')
    .whereNotNull('dp.published_at')
    .modify(namingRegister(db, 'a.id', registerId))
    .select(
      ...publicCaseColumns(db),
      'd.decided_by_body',
      'd.outcome',
      db.raw(`to_char(d.decided_at at time zone 'Europe/Oslo', 'YYYY-MM-DD') as decided_on`),
      db.raw(`to_char(dp.published_at at time zone 'Europe/Oslo', 'YYYY-MM-DD') as published_on`),
      refusalsColumn(db, 'a.id'),
      'dp.public_reasons',
    );
}

function published(row: Row): PublicDecision {
  return {
    ...publishedCase(row),
    decidingBody: decidingBodyNames[row.decided_by_body] ?? row.decided_by_body,
    outcome: row.outcome,
    outcomeName: publicOutcomeNames[row.outcome] ?? row.outcome,
    decidedOn: row.decided_on,
    publishedOn: row.published_on,
    refusals: row.refusals.map(publicRefusal),
    publicReasons: row.public_reasons,
  };
}

const newestFirst = { time: 'dp.published_at', id: 'a.id' };

// One page, the most recently published decision first; every one, for the CSV file.
const reader = registerReader(publishedRows, newestFirst, published);
export const publicDecisionPage = reader.page;
export const allPublicDecisions = reader.all;
