// The newest entries of the public registers, for the Atom feed: applications as their public
// summary is approved, decisions as they are published, and each state a permit takes. Only
// what the registers themselves show: the reference, the approved title, the outcome or state.
import type { Knex } from 'knex';
import { publicStateLabels, type PermitState } from '../../domain/permit/states.ts';
import { publicOutcomeNames, type PublishedOutcome } from '../../domain/publication/decision-publication.ts';

export type FeedEntry =
  | { kind: 'application'; key: string; at: Date; reference: string; title: string }
  | { kind: 'decision'; key: string; at: Date; reference: string; title: string | null; outcomeName: string }
  | { kind: 'permit-state'; key: string; at: Date; reference: string; title: string | null; stateName: string };

export async function newestFeedEntries(db: Knex, limit: number): Promise<FeedEntry[]> {
  const applications = (await db('public_summaries as ps')
    .join('applications as a', 'a.id', 'ps.application_id')
    .orderBy('ps.approved_at', 'desc')
    .limit(limit)
    .select('a.reference', 'ps.title', 'ps.approved_at as at')) as { reference: string; title: string; at: Date }[];
  const decisions = (await db('decision_publications as dp')
    .join('decisions as d', 'd.application_id', 'dp.application_id')
    .join('applications as a', 'a.id', 'dp.application_id')
    .leftJoin('public_summaries as ps', 'ps.application_id', 'a.id')
    .whereNotNull('dp.published_at')
    .orderBy('dp.published_at', 'desc')
    .limit(limit)
    .select('a.reference', 'ps.title', 'd.outcome', 'dp.published_at as at')) as { reference: string; title: string | null; outcome: PublishedOutcome; at: Date }[];
  const changes = (await db('permit_state_changes as c')
    .join('permits as p', 'p.id', 'c.permit_id')
    .leftJoin('public_summaries as ps', 'ps.application_id', 'p.application_id')
    .orderBy([{ column: 'c.changed_at', order: 'desc' }, { column: 'c.id', order: 'desc' }])
    .limit(limit)
    .select('c.id', 'p.reference', 'ps.title', 'c.state', 'c.changed_at as at')) as { id: string; reference: string; title: string | null; state: PermitState; at: Date }[];
  const entries: FeedEntry[] = [
    ...applications.map((r) => ({ kind: 'application' as const, key: r.reference, ...r })),
    ...decisions.map((r) => ({ kind: 'decision' as const, key: r.reference, reference: r.reference, title: r.title, at: r.at, outcomeName: publicOutcomeNames[r.outcome] ?? r.outcome })),
    ...changes.map((r) => ({ kind: 'permit-state' as const, key: `${r.reference}:${r.id}`, reference: r.reference, title: r.title, at: r.at, stateName: publicStateLabels[r.state] })),
  ];
  return entries.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, limit);
}
