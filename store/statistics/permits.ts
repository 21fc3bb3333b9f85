// The permit figures of GET /stats, per source (register): permits whose period runs, those of
// them ending within 90 days, expired ones whose deletion nobody has confirmed yet, and revoked
// ones. A permit counts once for each of its registers.
import type { Knex } from 'knex';
import { runningStates } from '../../domain/permit/states.ts';

type Counts = Record<string, number>;
export type PermitFigures = { active: Counts; expiringWithin90Days: Counts; expiredWithoutDeletionConfirmation: Counts; revoked: Counts };

const expiringDays = 90;

export async function permitStatistics(db: Knex): Promise<PermitFigures> {
  const running = runningStates.map(() => '?').join(', ');
  const { rows } = await db.raw(
    `select s.register_id,
       count(*) filter (where p.state in (${running}))::int as active,
       count(*) filter (where p.state in (${running}) and p.ends_on <= (now() at time zone 'Europe/Oslo')::date + ?::int)::int as expiring,
       count(*) filter (where p.state = 'expired')::int as expired,
       count(*) filter (where p.state = 'revoked')::int as revoked
     from permit_sources s join permits p on p.id = s.permit_id
     where p.state <> 'closed'
     group by s.register_id
     order by s.register_id`,
    [...runningStates, ...runningStates, expiringDays],
  );
  const figure = (column: string): Counts => Object.fromEntries(rows.filter((r: Record<string, number>) => r[column]! > 0).map((r: Record<string, any>) => [r.register_id, r[column]]));
  return { active: figure('active'), expiringWithin90Days: figure('expiring'), expiredWithoutDeletionConfirmation: figure('expired'), revoked: figure('revoked') };
}
