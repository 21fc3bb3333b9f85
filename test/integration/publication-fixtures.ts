// Cases for the tests of the public registers, written straight into the case file as intake,
// the completeness task, the decision and the publication process leave them (no engine
// needed): a case submitted over the API, the approval of its public summary, its structured
// decision, and its decision's publication.
import { expect } from 'vitest';
import { approvePublicSummary } from '../../store/publication/public-summaries.ts';
import { bearer } from './auth.ts';
import { validSubmission, type Harness } from './harness.ts';

export async function submitCase(h: Harness, submission: object = validSubmission, submittedBy = 'integrator-a') {
  const res = await h.app.inject({ method: 'POST', url: '/applications', payload: submission, headers: bearer('integrator', { sub: submittedBy }) });
  expect(res.statusCode, res.body).toBe(202);
  return res.json() as { id: string; reference: string };
}

export type PublicSummaryFixture = { title: string; summary?: string; institution?: string };

// A caseworker's approval of the case's public title, summary and institution (by default the
// institution validSubmission names).
export async function approveSummary(h: Harness, applicationId: string, { institution = validSubmission.institution.name, ...summary }: PublicSummaryFixture) {
  await h.db.transaction((tx) => approvePublicSummary(tx, { applicationId, ...summary, institution, findings: [], approvedBy: 'saksbehandler', now: new Date(), qualifier: 'fixture' }));
}

export type DecidedSource = { registerId: string; asked: string[]; granted: string[]; refusalReason?: string };

export type DecisionFixture = {
  outcome: 'grant' | 'partial-grant' | 'refusal' | 'rejection';
  decidedAt?: Date;
  decidedBy?: string;
  sources?: DecidedSource[];
  // When the caseworker published it (unpublished unless given), with the public reasons.
  publishedAt?: Date;
  publicReasons?: string | null;
  publishedBy?: string;
};

export async function decideCase(h: Harness, applicationId: string, { outcome, decidedAt = new Date(), decidedBy = 'beslutter', ...publication }: DecisionFixture) {
  await h.db('applications').where({ id: applicationId }).update({ status: 'closed' });
  await h.db('decisions').insert({ application_id: applicationId, decided_by_body: 'HDS', outcome, decided_by: decidedBy, decided_at: decidedAt });
  await insertPublication(h, applicationId, { decidedAt, ...publication });
}

// The structured decision's sources and its publication, for a case that has its decision.
export async function insertPublication(h: Harness, applicationId: string, { decidedAt = new Date(), sources = [], publishedAt, publicReasons = null, publishedBy = 'saksbehandler' }: Omit<DecisionFixture, 'outcome' | 'decidedBy'>) {
  if (sources.length) {
    await h.db('decision_sources').insert(
      sources.map((s, position) => ({
        application_id: applicationId,
        register_id: s.registerId,
        position,
        granted: s.granted.length > 0,
        asked_variables: s.asked,
        granted_variables: s.granted,
        refusal_reason: s.refusalReason ?? null,
      })),
    );
  }
  const dueAt = new Date(decidedAt.getTime() + 42 * 86_400_000);
  await h.db('decision_publications').insert({ application_id: applicationId, decided_at: decidedAt, due_at: dueAt, public_reasons: publicReasons, published_by: publishedAt ? publishedBy : null, published_at: publishedAt ?? null });
}
