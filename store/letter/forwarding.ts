// The forwarding letter: a case HDS does not decide goes to the body that does (REK,
// Helsedirektoratet, or each custodian under § 10) as a letter with the application in it,
// journaled as outgoing and e-mailed through the outbox to the body's address (domain/
// bodies.json, or the custodian's in registers.json). One per recipient; a retried step finds it.
import type { Knex } from 'knex';
import { isCustodianRecipient, recipientEmail, type Recipient } from '../../domain/case/forwarding.ts';
import type { Submission } from '../../domain/case/facts.ts';
import { letterKind } from '../../domain/letter/kinds.ts';
import { custodianRecipient, sendCaseLetter } from './case-letter.ts';
import type { IssuedDocument } from './documents.ts';

type Db = Knex | Knex.Transaction;

const purposes: Record<string, string> = {
  research: 'forskning',
  statistics: 'statistikk',
  'quality-improvement': 'kvalitetsforbedring',
  planning: 'planlegging',
  management: 'styring',
  preparedness: 'beredskap',
};
const dataKinds: Record<string, string> = {
  identifiable: 'personidentifiserbare helseopplysninger',
  'indirectly-identifiable': 'indirekte identifiserbare helseopplysninger',
  anonymous: 'anonyme opplysninger',
};

// What the application says, as the letter gives it; what an older submission lacks is left out.
function applicationFacts(submission: Submission & { project?: { description?: string }; analysisEnvironment?: string; linkage?: unknown }) {
  const linkage = typeof submission.linkage === 'object' && submission.linkage ? submission.linkage : undefined;
  return {
    purposeText: purposes[submission.project?.purposeCategory ?? ''] ?? submission.project?.purposeCategory ?? '',
    projectDescription: submission.project?.description ?? '',
    organisationNumber: submission.institution?.organisationNumber ?? '',
    rekReference: submission.rekReference ?? '',
    dataKindText: dataKinds[submission.dataKind ?? 'identifiable'] ?? submission.dataKind,
    analysisEnvironment: submission.analysisEnvironment ?? '',
    linkageJustification: linkage?.justification ?? '',
  };
}

export async function sendForwardingLetters(
  db: Db,
  forwarding: { applicationId: string; submission: Submission; recipients: Recipient[]; routingRule: string; now: Date },
): Promise<IssuedDocument[]> {
  const facts = { ...applicationFacts(forwarding.submission), routingRule: forwarding.routingRule };
  const letters: IssuedDocument[] = [];
  for (const { recipient, name, registerIds } of forwarding.recipients) {
    letters.push(
      await sendCaseLetter(db, {
        applicationId: forwarding.applicationId,
        kind: letterKind.forwardingLetter,
        qualifier: recipient,
        recipient: isCustodianRecipient(recipient) ? custodianRecipient(recipient) : { kind: 'body', name, email: recipientEmail(recipient) ?? null },
        facts: { ...facts, decidesFor: registerIds.join(', ') },
        now: forwarding.now,
      }),
    );
  }
  return letters;
}
