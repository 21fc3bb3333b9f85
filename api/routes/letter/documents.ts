// A case's documents and journal. Applicants' integrators read their own cases' documents,
// caseworkers every case's, a custodian only the orders sent to it (any other case does not
// exist as far as it can tell). The journal is the case's record of every incoming and
// outgoing document (Noark 5 core metadata).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { day, findCase } from '../../../store/case/view.ts';
import { hasDocumentsFor, journalOf, listDocuments, readDocument } from '../../../store/letter/documents.ts';
import { isCaseworker, ownCasesOf, requires } from '../../auth.ts';
import { sendDocument } from '../../pdf.ts';
import { problems } from '../../problems.ts';
import { problemResponse } from '../../schemas.ts';

const uuid = { type: 'string', format: 'uuid' } as const;
const caseParams = { type: 'object', required: ['id'], properties: { id: uuid } } as const;

const documentItem = {
  type: 'object',
  required: ['id', 'kind', 'title', 'createdAt', 'mediaType', 'sha256', 'sizeBytes', 'template', 'templateVersion', 'recipient', 'deliveredAt', 'href'],
  properties: {
    id: uuid,
    kind: { type: 'string', description: 'acknowledgement, preliminary-answer, supplement-request, supplement-reminder, rejection, forwarding-notice, decision, invoice, invoice-ehf (the invoice as EHF Billing 3.0 XML), custodian-order, appeal-reversed, appeal-to-helseklage, appeal-dismissed, the permit\'s letters to its holder (permit-expiry-reminder, permit-deletion-request, permit-revocation-decision, permit-delivery-refusal) or to custodians (custodian-stop-order, custodian-delivery-order, custodian-reinstatement)' },
    title: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    mediaType: { type: 'string', enum: ['application/pdf', 'application/xml'], description: 'A letter is PDF/A; an invoice has its EHF Billing 3.0 (UBL 2.1) XML beside it' },
    sha256: { type: 'string', description: 'SHA-256 of the document as served, hex' },
    sizeBytes: { type: 'integer' },
    template: { type: 'string', description: 'The letter template in bpmn/letters/' },
    templateVersion: { type: 'string', description: 'Hash of the template text the document was made from' },
    recipient: { type: 'object', required: ['kind', 'name'], properties: { kind: { type: 'string' }, name: { type: 'string' }, custodianId: { type: ['string', 'null'] } } },
    deliveredAt: { type: ['string', 'null'], format: 'date-time' },
    href: { type: 'string', description: 'Where the document is' },
  },
} as const;

const journalItem = {
  type: 'object',
  required: ['entryType', 'title', 'correspondent', 'documentDate', 'journalDate', 'caseReference', 'accessCode', 'exemptionBasis', 'documentId'],
  properties: {
    entryType: { type: 'string', enum: ['I', 'U', 'N'], description: 'Noark 5 journalposttype: I incoming, U outgoing, N internal' },
    title: { type: 'string' },
    correspondent: { type: 'string', description: 'Sender of an incoming, recipient of an outgoing document' },
    documentDate: { type: 'string', format: 'date' },
    journalDate: { type: 'string', format: 'date' },
    caseReference: { type: 'string' },
    accessCode: { type: ['string', 'null'], description: 'Tilgangskode, when the document is exempt from public access' },
    exemptionBasis: { type: ['string', 'null'], description: 'The legal basis for the exemption (e.g. Offl. § 13)' },
    documentId: { anyOf: [uuid, { type: 'null' }] },
  },
} as const;


// Whose documents of the case the caller may read: a custodian's own (a case without any does
// not exist for it), everyone's for a caseworker or the integrator that submitted the case; else
// a 404 as for a case it cannot see.
async function readerOf(app: FastifyInstance, request: FastifyRequest, id: string): Promise<{ custodianId?: string | null }> {
  const { principal } = request;
  const unknown = problems.notFound(`Application ${id}`);
  if (!isCaseworker(principal) && principal.roles.includes('custodian')) {
    const custodianId = principal.custodianId ?? null;
    if (!(await hasDocumentsFor(app.deps.db, id, custodianId))) throw unknown;
    return { custodianId };
  }
  if (!(await findCase(app.deps.db, id, ownCasesOf(principal)))) throw unknown;
  return {};
}

export async function documentRoutes(app: FastifyInstance) {
  app.get<{ Params: { id: string } }>(
    '/applications/:id/documents',
    {
      config: requires('documents:read', 'integrator', 'custodian', 'caseworker'),
      schema: {
        summary: "List a case's documents (custodians: the orders sent to them)",
        tags: ['documents'],
        params: caseParams,
        response: { 200: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: documentItem } } }, 404: problemResponse('No such case, or not yours') },
      },
    },
    async (request) => {
      const { id } = request.params;
      const { custodianId } = await readerOf(app, request, id);
      const rows = await listDocuments(app.deps.db, id, custodianId);
      return {
        items: rows.map((row) => ({
          id: row.id,
          kind: row.kind,
          title: row.title,
          createdAt: new Date(row.created_at).toISOString(),
          mediaType: row.media_type,
          sha256: row.sha256,
          sizeBytes: row.size_bytes,
          template: row.template,
          templateVersion: row.template_version,
          recipient: { kind: row.recipient_kind, name: row.recipient_name, custodianId: row.custodian_id },
          deliveredAt: row.delivered_at ? new Date(row.delivered_at).toISOString() : null,
          href: `/applications/${id}/documents/${row.id}`,
        })),
      };
    },
  );

  app.get<{ Params: { id: string; documentId: string } }>(
    '/applications/:id/documents/:documentId',
    {
      config: requires('documents:read', 'integrator', 'custodian', 'caseworker'),
      schema: {
        summary: 'One document as it was sent: a PDF/A letter, or an invoice as EHF XML',
        tags: ['documents'],
        params: { type: 'object', required: ['id', 'documentId'], properties: { id: uuid, documentId: uuid } },
        produces: ['application/pdf', 'application/xml'],
        response: { 200: { description: 'The PDF/A document or the EHF invoice', type: 'string', format: 'binary' }, 404: problemResponse('No such document, or not yours') },
      },
    },
    async (request, reply) => {
      const { id, documentId } = request.params;
      const { custodianId } = await readerOf(app, request, id);
      const document = await readDocument(app.deps.db, id, documentId, custodianId);
      if (!document) throw problems.notFound(`Document ${documentId}`);
      return sendDocument(reply, document);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/applications/:id/journal',
    {
      config: requires('documents:read', 'integrator', 'caseworker'),
      schema: {
        summary: "The case's journal: every incoming and outgoing document (Noark 5 core metadata)",
        tags: ['documents'],
        params: caseParams,
        response: { 200: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: journalItem } } }, 404: problemResponse('No such case, or not yours') },
      },
    },
    async (request) => {
      const { id } = request.params;
      if (!(await findCase(app.deps.db, id, ownCasesOf(request.principal)))) throw problems.notFound(`Application ${id}`);
      const rows = await journalOf(app.deps.db, id);
      return {
        items: rows.map((row) => ({
          entryType: row.entry_type,
          title: row.title,
          correspondent: row.correspondent,
          documentDate: day(row.document_date),
          journalDate: day(row.journal_date),
          caseReference: row.case_reference,
          accessCode: row.access_code,
          exemptionBasis: row.exemption_basis,
          documentId: row.document_id,
        })),
      };
    },
  );
}
