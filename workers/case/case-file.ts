// Small reads and writes of the case file that many workers share.
import type { Knex } from 'knex';
import { day } from '../../store/case/view.ts';
import { InvalidJobInput } from '../declaration.ts';
import type { Submission } from '../../domain/case/facts.ts';
import type { CaseStatus } from '../../domain/case/states.ts';
import { referenceKind, type ReferencedCase } from '../../domain/case/earlier-decision.ts';
import { permitOfCase, type PermitRow } from '../../store/permit/permits.ts';
import { isStatisticsRequest } from '../../domain/case/statistics-request.ts';
import { isRulebookId } from '../../domain/rulebook/rulebooks.ts';

type Db = Knex | Knex.Transaction;

export async function loadApplication(db: Db, applicationId: string) {
  const row = await db('applications').where({ id: applicationId }).first();
  if (!row) throw new InvalidJobInput(`No application ${applicationId} in the case file`);
  return row as { id: string; reference: string; status: CaseStatus; application_type: string; received_at: Date; submission: Submission; deciding_body: string | null; rulebook: string | null };
}

// The appeal an appeal instance handles, and the decision it appeals (the case's, or the
// revocation of its permit: revokedPermit names the permit then), for its letters.
export async function appealFacts(db: Db, processInstanceId: string) {
  const appeal = await db('appeals as ap')
    .leftJoin('decisions as d', 'd.application_id', 'ap.application_id')
    .leftJoin('permit_revocations as r', 'r.id', 'ap.revocation_id')
    .leftJoin('permits as p', 'p.id', 'r.permit_id')
    .where('ap.process_instance_id', processInstanceId)
    .first('ap.received_on', 'd.appeal_deadline', 'r.appeal_deadline as revocation_appeal_deadline', 'p.reference as permit_reference', 'p.ends_on as permit_ends_on');
  if (!appeal) throw new InvalidJobInput(`No appeal for process instance ${processInstanceId}`);
  return {
    appealReceivedOn: day(appeal.received_on),
    appealDeadline: day(appeal.revocation_appeal_deadline ?? appeal.appeal_deadline),
    revokedPermit: appeal.permit_reference ?? '',
    permitEndsOn: day(appeal.permit_ends_on) ?? '',
  };
}

// The case an HDS reference names, with its decision, as a change or data update refers to it.
export async function findReferencedCase(db: Knex | Knex.Transaction, reference: string): Promise<(ReferencedCase & { id: string; submission: any }) | undefined> {
  const row = await db('applications as a')
    .leftJoin('decisions as d', 'd.application_id', 'a.id')
    .where('a.reference', reference.trim().toUpperCase())
    .first('a.id', 'a.reference', 'a.submission', 'd.outcome', 'd.decided_at');
  if (!row) return undefined;
  return {
    id: row.id,
    reference: row.reference,
    submission: row.submission,
    projectTitle: row.submission?.project?.title,
    decision: row.outcome ? { outcome: row.outcome, decidedAt: new Date(row.decided_at) } : undefined,
  };
}

// The permit a change application amends: the one made or amended by the case it refers to.
// A change to a decision without a permit here (another body's, or older than permits) gets
// a permit of its own.
export async function permitToAmend(db: Db, application: { application_type: string; submission: Submission }): Promise<PermitRow | undefined> {
  const reference = application.submission.earlierDecisionReference;
  if (application.application_type !== 'change' || referenceKind(reference) !== 'hds') return undefined;
  const earlier = await findReferencedCase(db, reference!);
  return earlier && permitOfCase(db, earlier.id);
}

// A step of an EHDS rule the Norwegian rules lack: the model routes only EHDS cases to it (by
// the variable rulebook), and the case file must agree, or the step stops with an incident.
export async function requireEhdsCase(db: Db, applicationId: string) {
  const application = await loadApplication(db, applicationId);
  if (application.rulebook !== 'ehds') throw new InvalidJobInput(`Application ${applicationId} follows the rulebook ${application.rulebook} in the case file, not EHDS: the model and the case file disagree`);
  return application;
}

// A step of the path of a request for anonymised statistics: the model routes only such cases
// to it (by the variable applicationType), and the case file must agree.
export async function requireStatisticsRequest(db: Db, applicationId: string) {
  const application = await loadApplication(db, applicationId);
  if (!isStatisticsRequest(application.application_type)) throw new InvalidJobInput(`Application ${applicationId} is of type ${application.application_type} in the case file, not a request for anonymised statistics: the model and the case file disagree`);
  if (!isRulebookId(application.rulebook)) throw new InvalidJobInput(`Application ${applicationId} has no rulebook recorded (record-rulebook sets it)`);
  return { ...application, rulebook: application.rulebook };
}
