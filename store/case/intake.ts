// A new case in the case file: the application as submitted, the registers it names, its
// first audit step and the engine command. One statement writes them all (data-modifying CTEs),
// so the case is stored whole or not at all, inside the caller's transaction or on its own,
// in a single round trip to the database.
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { auditStep, message } from '../../domain/audit-steps.ts';
import { caseStatus, type CaseStatus } from '../../domain/case/states.ts';
import { applicantName } from '../../domain/case/facts.ts';
import { preliminaryAnswerAt } from '../../domain/deadlines.ts';
import { norwegianDate, osloDay } from '../../domain/working-days.ts';

export type NewCase = { id: string; reference: string; status: CaseStatus };
// What intake reads of a submission; the API has validated the whole of it.
type Submission = {
  applicationType: string;
  dataSources: readonly { registerId: string }[];
  project?: { title?: string };
  projectLeader?: { name?: string };
  institution?: { name?: string };
};

// The reference counts from 00001 and keeps its digits past 99999.
const insertCase = `
with numbered as (select nextval('application_number') as n),
application as (
  insert into applications (id, reference, status, application_type, submission, submitted_by, received_at)
  select :id, 'HDS-' || :year || '-' || lpad(cast(n as text), greatest(5, length(cast(n as text))), '0'), :status, :applicationType, :submission, :submittedBy, :receivedAt
  from numbered
  returning id, reference
),
journal as (
  insert into journal_entries (application_id, entry_type, title, correspondent, document_date, journal_date, case_reference, source_key)
  select id, 'I', :journalTitle, :sender, :receivedOn, :receivedOn, reference, 'application' from application
),
sources as (
  insert into application_sources (application_id, register_id)
  select application.id, register_id from application, unnest(cast(:registerIds as text[])) as register_id
),
received as (
  insert into audit_events (application_id, step, actor) select id, :step, :submittedBy from application
),
command as (
  insert into outbox (application_id, command, payload) select id, 'correlate-message', :payload from application
)
select reference from application`;

export async function createCase(
  db: Knex | Knex.Transaction,
  submission: Submission,
  submittedBy: string,
  receivedAt = new Date(),
): Promise<NewCase> {
  const id = randomUUID();
  const receivedOn = osloDay(receivedAt);
  const answerAt = preliminaryAnswerAt(receivedAt);
  const { rows } = await db.raw(insertCase, {
    id,
    status: caseStatus.received,
    step: auditStep.received,
    // The year of the Oslo calendar day: a case received at 00:30 on 1 January is the new year's.
    year: receivedOn.slice(0, 4),
    applicationType: submission.applicationType,
    submission: JSON.stringify(submission),
    submittedBy,
    registerIds: [...new Set(submission.dataSources.map((source) => source.registerId))],
    receivedAt,
    receivedOn,
    journalTitle: `Søknad om tilgang til helsedata – ${submission.project?.title ?? ''}`,
    sender: applicantName(submission),
    // The model's § 11 a timer (a preliminary answer one month after receipt) is set when the
    // instance starts, so its date comes with the start message. It is also the due date of the
    // checks before the statutory clock starts; the task cards show it as a reader reads it.
    payload: JSON.stringify({
      name: message.applicationSubmitted,
      businessKey: id,
      messageId: id,
      starts: true,
      variables: {
        applicationId: id,
        preliminaryAnswerAt: answerAt.toISOString(),
        preliminaryAnswerText: norwegianDate(osloDay(answerAt)),
      },
    }),
  }).options({ name: 'create-case' }); // prepared once per connection: PostgreSQL plans it once
  return { id, reference: rows[0].reference, status: caseStatus.received };
}
