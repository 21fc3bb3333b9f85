// A stored letter answered as the PDF/A that was sent, with its hash as the ETag.
import type { FastifyReply } from 'fastify';

export function sendPdf(reply: FastifyReply, document: { id: string; kind: string; sha256: string; content: Buffer }) {
  return reply
    .type('application/pdf')
    .header('content-disposition', `inline; filename="${document.kind}-${document.id}.pdf"`)
    .header('etag', `"${document.sha256}"`)
    .send(document.content);
}
