// What a decision refused, as the public registers show it: per source, the whole source or
// the number of variables refused. Never the reason: it is free text a caseworker wrote for the
// applicant, and may name persons (the decision's public reasons are published apart, once
// approved).
import type { Knex } from 'knex';
import type { Refusal } from '../../domain/publication/decision-publication.ts';
import { registerName } from '../../domain/registers.ts';

export type PublicRefusal = Refusal & { name: string };

export type RefusalRow = { registerId: string; granted: boolean; variablesRefused: number };

// The refusals of the decision on the application whose id the SQL expression gives, as a JSON
// array column named refusals.
export const refusalsColumn = (db: Knex | Knex.Transaction, applicationId: string) =>
  db.raw(`coalesce((
    select json_agg(json_build_object('registerId', d.register_id, 'granted', d.granted,
           'variablesRefused', cardinality(d.asked_variables) - cardinality(d.granted_variables)) order by d.position)
    from decision_sources d
    where d.application_id = ${applicationId}
      and (not d.granted or cardinality(d.granted_variables) < cardinality(d.asked_variables))
  ), '[]'::json) as refusals`);

export const publicRefusal = (r: RefusalRow): PublicRefusal => ({ registerId: r.registerId, name: registerName(r.registerId), wholeSource: !r.granted, variablesRefused: r.variablesRefused });
