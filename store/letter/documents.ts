// The case's documents: a letter is made once per case and step from its template, stored as
// PDF/A with its SHA-256, journaled, and handed to the outbox for delivery, all in the
// caller's transaction. A retried step finds the stored document and makes no other.
import { createHash, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { osloDay } from '../../domain/working-days.ts';
import { letterPdf } from './pdf.ts';
import { renderLetter } from './templates.ts';

type Db = Knex | Knex.Transaction;

export type Recipient = { kind: 'applicant' | 'custodian' | 'body'; name: string; email: string | null; custodianId?: string };

export type DocumentRequest = {
  applicationId: string;
  caseReference: string;
  // Unique per case: the step that sends it (a worker's retry asks again with the same step).
  step: string;
  kind: string;
  template: string;
  facts: object;
  recipient: Recipient;
  now: Date;
};

export type IssuedDocument = { id: string; sha256: string; templateVersion: string; created: boolean };

async function stored(db: Db, applicationId: string, step: string): Promise<IssuedDocument | undefined> {
  const row = await db('documents').where({ application_id: applicationId, step }).first('id', 'sha256', 'template_version');
  return row && { id: row.id, sha256: row.sha256, templateVersion: row.template_version, created: false };
}

export async function issueDocument(db: Db, request: DocumentRequest): Promise<IssuedDocument> {
  const { applicationId, step, recipient, now } = request;
  const existing = await stored(db, applicationId, step);
  if (existing) return existing;
  const letter = renderLetter(request.template, request.facts);
  const content = await letterPdf(letter.body, { title: letter.title, subject: request.caseReference, createdAt: now });
  const document = await insertDocument(db, { ...request, title: letter.title, templateVersion: letter.templateVersion, content, mediaType: 'application/pdf' });
  if (!document.created) return document;
  await journal(db, {
    applicationId,
    documentId: document.id,
    entryType: 'U',
    title: letter.title,
    correspondent: recipient.name,
    documentDate: now,
    caseReference: request.caseReference,
    accessCode: letter.accessCode,
    exemptionBasis: letter.exemptionBasis,
    sourceKey: `document:${step}`,
  });
  if (recipient.email) await db('outbox').insert({ application_id: applicationId, command: 'deliver-document', payload: { documentId: document.id } });
  return document;
}

// Another form of a letter already issued (the invoice's EHF XML beside its PDF): stored,
// hashed and listed with the case's documents like the letter, neither journaled again (the
// journal entry is the letter's) nor e-mailed (an e-invoice travels through the Peppol network).
export type VariantRequest = Omit<DocumentRequest, 'facts'> & { title: string; templateVersion: string; content: Buffer; mediaType: string };

export async function storeVariant(db: Db, request: VariantRequest): Promise<IssuedDocument> {
  return (await stored(db, request.applicationId, request.step)) ?? insertDocument(db, request);
}

async function insertDocument(db: Db, request: VariantRequest): Promise<IssuedDocument> {
  const { applicationId, step, recipient, content } = request;
  const sha256 = createHash('sha256').update(content).digest('hex');
  const id = randomUUID();
  const inserted = await db('documents')
    .insert({
      id,
      application_id: applicationId,
      step,
      kind: request.kind,
      title: request.title,
      template: request.template,
      template_version: request.templateVersion,
      content,
      media_type: request.mediaType,
      sha256,
      size_bytes: content.length,
      recipient_kind: recipient.kind,
      recipient_name: recipient.name,
      recipient_email: recipient.email,
      custodian_id: recipient.custodianId ?? null,
      created_at: request.now,
    })
    .onConflict(['application_id', 'step'])
    .ignore()
    .returning('id');
  // Another attempt of the same step stored it first.
  if (inserted.length === 0) return (await stored(db, applicationId, step))!;
  return { id, sha256, templateVersion: request.templateVersion, created: true };
}

export type JournalEntry = {
  applicationId: string;
  documentId?: string;
  // I incoming, U outgoing, N internal.
  entryType: 'I' | 'U' | 'N';
  title: string;
  correspondent: string;
  documentDate: Date;
  caseReference: string;
  accessCode?: string | null;
  exemptionBasis?: string | null;
  sourceKey: string;
};

// Journals a document once per case and source key.
export async function journal(db: Db, entry: JournalEntry) {
  await db('journal_entries')
    .insert({
      application_id: entry.applicationId,
      document_id: entry.documentId ?? null,
      entry_type: entry.entryType,
      title: entry.title,
      correspondent: entry.correspondent,
      document_date: osloDay(entry.documentDate),
      journal_date: osloDay(new Date()),
      case_reference: entry.caseReference,
      access_code: entry.accessCode ?? null,
      exemption_basis: entry.exemptionBasis ?? null,
      source_key: entry.sourceKey,
    })
    .onConflict(['application_id', 'source_key'])
    .ignore();
}

// A case's documents as their readers see them: every one, or (custodian given) only those sent
// to that custodian.
const documentsOfCase = (db: Db, applicationId: string, custodianId?: string | null) =>
  db('documents')
    .where({ application_id: applicationId })
    .modify((q) => (custodianId === undefined ? q : q.where({ custodian_id: custodianId })));

export async function listDocuments(db: Db, applicationId: string, custodianId?: string | null): Promise<Record<string, any>[]> {
  return documentsOfCase(db, applicationId, custodianId)
    .orderBy([{ column: 'created_at' }, { column: 'id' }])
    .select('id', 'kind', 'title', 'created_at', 'media_type', 'sha256', 'size_bytes', 'template', 'template_version', 'recipient_kind', 'recipient_name', 'custodian_id', 'delivered_at');
}

export async function hasDocumentsFor(db: Db, applicationId: string, custodianId: string | null): Promise<boolean> {
  return Boolean(await documentsOfCase(db, applicationId, custodianId).first('id'));
}

export async function readDocument(db: Db, applicationId: string, documentId: string, custodianId?: string | null) {
  return documentsOfCase(db, applicationId, custodianId)
    .where({ id: documentId })
    .first<{ id: string; kind: string; mediaType: string; sha256: string; content: Buffer } | undefined>('id', 'kind', 'media_type as mediaType', 'sha256', 'content');
}

export async function journalOf(db: Db, applicationId: string): Promise<Record<string, any>[]> {
  return db('journal_entries').where({ application_id: applicationId }).orderBy('id');
}
