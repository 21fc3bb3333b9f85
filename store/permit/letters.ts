// The letters the permit process sends. To the holder: the reminder before the period ends, the
// request to confirm deletion, the decision on a revocation and the refusal of a delivery
// request (bpmn/letters/permit-<kind>.hbs). To each custodian of the permit's registers: the
// order to stop after a revocation and the order of a delivery within the permit
// (bpmn/letters/custodian-<kind>.hbs). Each is a letter of the permit's case: made once per
// kind and key as PDF/A, journaled and e-mailed.
import type { Knex } from 'knex';
import { auditStep } from '../../domain/audit-steps.ts';
import { stepOf } from '../../domain/state-machine.ts';
import { recordStep } from '../../platform/audit.ts';
import { custodianRecipient, sendCaseLetter } from '../letter/case-letter.ts';
import { holderName, type PermitRow } from './permits.ts';

type Db = Knex | Knex.Transaction;

export type PermitLetterKind = 'expiry-reminder' | 'deletion-request' | 'revocation-decision' | 'delivery-refusal';

export type PermitLetter = {
  kind: PermitLetterKind;
  // What makes the letter one of its kind, e.g. the end date it reminds of: a retried job
  // sends nothing twice.
  key: string;
  // What the letter says beyond the permit itself.
  content: Record<string, unknown>;
};

// The permit's current terms, not the granting application's: a change may have amended them
// (another project leader, another title).
function permitFacts(permit: PermitRow) {
  return {
    institution: permit.institution_name,
    applicantName: permit.project_leader_name ?? '',
    personsWithAccess: permit.persons_with_access,
    projectTitle: permit.project_title,
    analysisEnvironment: permit.analysis_environment ?? 'analyserommet i tillatelsen',
  };
}

// To the holder: the project leader the permit names now, at the institution.
export async function sendPermitLetter(tx: Db, permit: PermitRow, { kind, key, content }: PermitLetter, now: Date) {
  const applicationId = permit.application_id;
  const recipient = { kind: 'applicant' as const, name: holderName(permit), email: permit.project_leader_email };
  await recordStep(tx, { applicationId, step: auditStep.permitLetter, qualifier: `${kind}:${key}`, actor: 'system', detail: { permitId: permit.id, recipient: 'holder', ...content } });
  await sendCaseLetter(tx, { applicationId, kind: `permit-${kind}`, qualifier: key, facts: { ...permitFacts(permit), ...content }, recipient, now });
}

export type PermitOrderKind = 'stop-order' | 'delivery-order' | 'reinstatement';

// One order per custodian and revocation or delivery request (the key): a retried job finds
// the letter it sent, and the permit's view finds it by the same step.
export const permitOrderStep = (kind: PermitOrderKind, key: string, custodianId: string) => stepOf(`custodian-${kind}`, `${key}:${custodianId}`);

export type PermitOrder = {
  kind: PermitOrderKind;
  key: string;
  custodianId: string;
  // What the order says beyond the permit itself: this custodian's registers only.
  content: Record<string, unknown>;
};

export async function sendPermitOrder(tx: Db, permit: PermitRow, { kind, key, custodianId, content }: PermitOrder, now: Date) {
  const facts = { ...permitFacts(permit), ...content };
  return sendCaseLetter(tx, { applicationId: permit.application_id, kind: `custodian-${kind}`, qualifier: `${key}:${custodianId}`, facts, recipient: custodianRecipient(custodianId), now });
}
