// The public register of permits (EHDS, Regulation (EU) 2025/327, has the access body publish
// its permits; Findata publishes the permits it grants). Per permit it shows the institution,
// public title and summary a caseworker approved (before that nothing, and never the
// institution or project title as the applicant wrote them, which may name a person), the
// purpose, the sources, the period, the day of the decision, the deciding body, and the
// permit's state (active, extended, expired, revoked, closed) with the day it took it and each
// state before (migrations/651); nothing else: no person (project leader, caseworker,
// integrator), no variables or conditions. A permit is in the register from its creation, at
// the decision, so within the 30 working days the rule allows.
// What the decision refused is shown per source (the source, or how many of its variables),
// never the reasons: they are free text and may name persons.
import type { Knex } from 'knex';
import { purposeLabels } from '../../domain/case/summary.ts';
import { decidingBodyNames } from '../../domain/permit/permit.ts';
import { publicStateLabels, type PermitState } from '../../domain/permit/states.ts';
import { registerName } from '../../domain/registers.ts';
import { registerReader } from '../../platform/paging.ts';
import { publicRefusal, refusalsColumn, type PublicRefusal, type RefusalRow } from '../publication/public-refusals.ts';

export type StateChange = { state: PermitState; stateName: string; on: string };

export type PublicPermit = {
  reference: string;
  // The institution's name as a caseworker approved it with the title; null until then.
  institution: string | null;
  // Null until a caseworker approved them.
  publicTitle: string | null;
  publicSummary: string | null;
  purpose: string;
  sources: { registerId: string; name: string }[];
  period: { startDate: string; endDate: string };
  decidedOn: string;
  decidingBody: string;
  refusals: PublicRefusal[];
  state: PermitState;
  stateName: string;
  // The day (in Norway) the permit took its state.
  stateSince: string;
  // Each state the permit took, oldest first, from active at the decision.
  changes: StateChange[];
};

type Row = {
  id: string;
  reference: string;
  institution: string | null;
  public_title: string | null;
  public_summary: string | null;
  purpose_category: string;
  register_ids: string[];
  starts_on: string;
  ends_on: string;
  decided_on: string;
  deciding_body: string;
  state: PermitState;
  state_since: string;
  position: string;
  refusals: RefusalRow[];
  changes: { state: PermitState; on: string }[];
};


// Only the published columns are read; the register ids are taken out of the sources in the
// database, so no variable ever reaches this process.
function publishedRows(db: Knex, registerId: string | undefined) {
  return db('permits as p')
    .leftJoin('public_summaries as ps', 'ps.application_id', 'p.application_id')
    .modify((q) => {
      if (registerId) q.whereExists((sub) => sub.select(db.raw('1')).from('permit_sources as s').whereRaw('s.permit_id = p.id').andWhere('s.register_id', registerId));
    })
    .select(
      'p.id',
      'p.reference',
      'ps.institution',
      'ps.title as public_title',
      'ps.summary as public_summary',
      'p.purpose_category',
      db.raw(`array(select s ->> 'registerId' from jsonb_array_elements(p.data_sources) s) as register_ids`),
      db.raw('p.starts_on::text as starts_on'),
      db.raw('p.ends_on::text as ends_on'),
      db.raw(`to_char(p.decided_at at time zone 'Europe/Oslo', 'YYYY-MM-DD') as decided_on`),
      'p.deciding_body',
      'p.state',
      db.raw(`to_char(p.state_changed_at at time zone 'Europe/Oslo', 'YYYY-MM-DD') as state_since`),
      // The refusals of the decision that made the permit's current version.
      refusalsColumn(db, '(select v.application_id from permit_versions v where v.permit_id = p.id order by v.version desc limit 1)'),
      db.raw(`coalesce((
        select json_agg(json_build_object('state', c.state, 'on', to_char(c.changed_at at time zone 'Europe/Oslo', 'YYYY-MM-DD')) order by c.changed_at, c.id)
        from permit_state_changes c where c.permit_id = p.id
      ), '[]'::json) as changes`),
    );
}

function published(row: Row): PublicPermit {
  return {
    reference: row.reference,
    institution: row.institution,
    publicTitle: row.public_title,
    publicSummary: row.public_summary,
    purpose: purposeLabels[row.purpose_category] ?? row.purpose_category,
    sources: row.register_ids.map((registerId) => ({ registerId, name: registerName(registerId) })),
    period: { startDate: row.starts_on, endDate: row.ends_on },
    decidedOn: row.decided_on,
    decidingBody: decidingBodyNames[row.deciding_body] ?? row.deciding_body,
    refusals: row.refusals.map(publicRefusal),
    state: row.state,
    stateName: publicStateLabels[row.state],
    stateSince: row.state_since,
    changes: row.changes.map((c) => ({ state: c.state, stateName: publicStateLabels[c.state], on: c.on })),
  };
}

const newestDecisionFirst = { time: 'p.decided_at', id: 'p.id' };

// One page, newest decision first; every one, for the CSV file.
const reader = registerReader(publishedRows, newestDecisionFirst, published);
export const publicPermitPage = reader.page;
export const allPublicPermits = reader.all;
