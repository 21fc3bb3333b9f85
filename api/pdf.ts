// A stored document answered as it was sent (a letter's PDF/A, an invoice's EHF XML), with its
// hash as the ETag.
import type { FastifyReply } from 'fastify';

const extensions: Record<string, string> = { 'application/pdf': 'pdf', 'application/xml': 'xml' };

export function sendDocument(reply: FastifyReply, document: { id: string; kind: string; mediaType: string; sha256: string; content: Buffer }) {
  return reply
    .type(document.mediaType)
    .header('content-disposition', `inline; filename="${document.kind}-${document.id}.${extensions[document.mediaType] ?? 'bin'}"`)
    .header('etag', `"${document.sha256}"`)
    .send(document.content);
}
