// A letter about one case: the facts every letter may name (reference, applicant, project,
// sources, dates), the step's own facts beside them, to the applicant unless another
// recipient is named.
import type { Knex } from 'knex';
import { applicantName, linkageRequested, personsWithAccess, type Period, type Submission } from '../../domain/case/facts.ts';
import { custodianEmail, custodianName, registerName } from '../../domain/registers.ts';
import type { LetterKind, LetterTemplate } from '../../domain/letter/kinds.ts';
import { stepOf } from '../../domain/state-machine.ts';
import { osloDay } from '../../domain/working-days.ts';
import { appealAddress } from '../../platform/config.ts';
import { issueDocument, type IssuedDocument, type Recipient } from './documents.ts';

type Db = Knex | Knex.Transaction;

export type CaseLetter = {
  applicationId: string;
  kind: LetterKind;
  // What tells letters of one kind in a case apart (a job, a custodian, an appeal).
  qualifier?: string;
  // The kind's own template unless the letter is written for an outcome (a decision's).
  template?: LetterTemplate;
  facts?: object;
  recipient?: Recipient;
  now: Date;
};

export async function caseFactsForLetters(db: Db, applicationId: string, now: Date) {
  const application = await db('applications').where({ id: applicationId }).first();
  if (!application) throw new Error(`No application ${applicationId}`);
  const submission = application.submission as Submission & { projectLeader?: { email?: string } };
  return {
    reference: application.reference as string,
    today: osloDay(now),
    receivedOn: osloDay(new Date(application.received_at)),
    applicantName: submission.projectLeader?.name ?? '',
    applicantAndInstitution: applicantName(submission),
    applicantEmail: submission.projectLeader?.email ?? null,
    personsWithAccess: personsWithAccess(submission),
    institution: submission.institution?.name ?? '',
    projectTitle: submission.project?.title ?? '',
    projectPeriod: submission.project?.period,
    earlierDecisionReference: submission.earlierDecisionReference ?? null,
    linkageRequested: linkageRequested(submission.linkage),
    sources: submission.dataSources.map(letterSource),
    // Where an appeal goes (forvaltningsloven § 27), for the letters that can be appealed.
    appealPostalAddress: appealAddress().postalAddress,
    appealChannel: appealAddress().digitalChannel,
  };
}

// A source as letters name it: the register's name and id, its variables on one line, the period.
export function letterSource(source: { registerId: string; variables?: readonly string[]; period?: Period }) {
  return { id: source.registerId, name: registerName(source.registerId), variables: (source.variables ?? []).join(', '), period: source.period };
}

// A custodian receives its orders at the address registers.json gives.
export function custodianRecipient(custodianId: string): Recipient {
  return { kind: 'custodian', name: custodianName(custodianId) ?? custodianId, email: custodianEmail(custodianId) ?? null, custodianId };
}

export async function sendCaseLetter(db: Db, letter: CaseLetter): Promise<IssuedDocument> {
  const facts = await caseFactsForLetters(db, letter.applicationId, letter.now);
  const recipient: Recipient = letter.recipient ?? { kind: 'applicant', name: facts.applicantAndInstitution, email: facts.applicantEmail };
  return issueDocument(db, {
    applicationId: letter.applicationId,
    caseReference: facts.reference,
    step: stepOf(letter.kind, letter.qualifier),
    kind: letter.kind,
    template: letter.template ?? letter.kind,
    facts: { ...facts, recipientName: recipient.name, ...letter.facts },
    recipient,
    now: letter.now,
  });
}
