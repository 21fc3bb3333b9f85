// The structured decision in the case file: one row per source. Letters, custodian orders, the
// permit and the public register read what was granted through this module only.
import type { Knex } from 'knex';
import type { Period, Submission } from '../../domain/case/facts.ts';
import type { AskedSource, SourceDecision } from '../../domain/case/decision.ts';

type Db = Knex | Knex.Transaction;

export type StoredSourceDecision = SourceDecision & { askedVariables: string[] };

// A granted source as orders and the permit carry it: the register, the variables granted and
// the period asked for.
export type GrantedSource = { registerId: string; variables: string[]; period?: Period };

// Replaces the decision's sources; called in the transaction that records the decision.
export async function writeDecisionSources(tx: Knex.Transaction, applicationId: string, asked: readonly AskedSource[], sources: readonly SourceDecision[]) {
  await tx('decision_sources').where({ application_id: applicationId }).delete();
  if (sources.length === 0) return;
  await tx('decision_sources').insert(
    sources.map((source, position) => ({
      application_id: applicationId,
      register_id: source.registerId,
      position,
      granted: source.granted,
      asked_variables: asked.find((a) => a.registerId === source.registerId)?.variables ?? [],
      granted_variables: source.variables,
      dispensation: source.dispensation,
      conditions: source.conditions,
      refusal_reason: source.refusalReason,
    })),
  );
}

export async function decisionSources(db: Db, applicationId: string): Promise<StoredSourceDecision[]> {
  const rows = await db('decision_sources').where({ application_id: applicationId }).orderBy('position');
  return rows.map((row) => ({
    registerId: row.register_id,
    granted: row.granted,
    variables: row.granted_variables,
    askedVariables: row.asked_variables,
    dispensation: row.dispensation,
    conditions: row.conditions,
    refusalReason: row.refusal_reason,
  }));
}

// The sources a case's decision granted, with only the variables granted. A decision recorded
// without sources (a data update within an earlier decision, or one made before decisions
// had sources) grants what the application asked for.
export async function grantedSources(db: Db, applicationId: string): Promise<GrantedSource[]> {
  const [application, sources] = await Promise.all([
    db('applications').where({ id: applicationId }).first('submission') as Promise<{ submission: Submission } | undefined>,
    decisionSources(db, applicationId),
  ]);
  const asked = application?.submission.dataSources ?? [];
  const periodOf = (registerId: string) => asked.find((s) => s.registerId === registerId)?.period;
  if (sources.length === 0) return asked.map((s) => ({ registerId: s.registerId, variables: [...(s.variables ?? [])], period: s.period }));
  return sources.filter((s) => s.granted).map((s) => ({ registerId: s.registerId, variables: s.variables, period: periodOf(s.registerId) }));
}
