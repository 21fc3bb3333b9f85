// The case's documents for caseworkers in a browser, linked from Tasklist's forms. They sign
// in with their engine login (HTTP Basic), which the engine verifies; only members of the
// caseworker and approver groups get in. The page is plain HTML; each letter opens as its PDF.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { problems } from '../../problems.ts';
import { findCase } from '../../../store/case/view.ts';
import { listDocuments, readDocument } from '../../../store/letter/documents.ts';
import { ehfMediaType } from '../../../store/letter/ehf.ts';
import { sendDocument } from '../../pdf.ts';

const readerGroups = ['saksbehandler', 'beslutter'];
const realm = 'Basic realm="HDS saksbehandling", charset="UTF-8"';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function credentials(request: FastifyRequest): { username: string; password: string } | undefined {
  const header = request.headers.authorization;
  if (!header?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon > 0 ? { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) } : undefined;
}

// Whether the engine knows this login and the user is a caseworker or approver.
async function signedIn(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
  const login = credentials(request);
  if (login) {
    const { engine } = app.deps;
    const verified = await engine.call<{ authenticated: boolean }>('POST', '/identity/verify', login);
    if (verified.authenticated) {
      const { groups } = await engine.call<{ groups: { id: string }[] }>('GET', `/identity/groups?userId=${encodeURIComponent(login.username)}`);
      if (groups.some((group) => readerGroups.includes(group.id))) return true;
    }
  }
  await reply.status(401).header('www-authenticate', realm).type('text/plain; charset=utf-8').send('Logg inn med brukeren din i Tasklist.');
  return false;
}

export async function caseworkerDocumentRoutes(app: FastifyInstance) {
  const params = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' }, documentId: { type: 'string', format: 'uuid' } } } as const;

  app.get<{ Params: { id: string } }>('/caseworker/applications/:id/documents', { schema: { hide: true, params } }, async (request, reply) => {
    if (!(await signedIn(app, request, reply))) return reply;
    const { id } = request.params;
    const application = await findCase(app.deps.db, id);
    if (!application) throw problems.notFound(`Application ${id}`);
    const documents = await listDocuments(app.deps.db, id);
    const rows = documents
      .map(
        (d) =>
          `<tr><td><a href="documents/${d.id}">${escape(d.title)}</a></td><td>${escape(d.recipient_name)}</td><td>${new Date(d.created_at).toLocaleString('nb-NO', { timeZone: 'Europe/Oslo' })}</td><td>${d.delivered_at ? 'sendt' : d.media_type === ehfMediaType ? 'e-faktura (EHF)' : 'venter'}</td><td><code>${d.sha256.slice(0, 12)}</code></td></tr>`,
      )
      .join('\n');
    return reply.type('text/html; charset=utf-8').send(`<!doctype html>
<html lang="nb"><head><meta charset="utf-8"><title>Dokumenter i sak ${escape(application.reference)}</title>
<style>body{font-family:sans-serif;margin:2rem}table{border-collapse:collapse}td,th{padding:.3rem .8rem;border-bottom:1px solid #ddd;text-align:left}</style></head>
<body><h1>Dokumenter i sak ${escape(application.reference)}</h1>
<table><thead><tr><th>Dokument</th><th>Mottaker</th><th>Laget</th><th>Sendt</th><th>SHA-256</th></tr></thead><tbody>
${rows || '<tr><td colspan="5">Ingen dokumenter ennå.</td></tr>'}
</tbody></table></body></html>`);
  });

  app.get<{ Params: { id: string; documentId: string } }>('/caseworker/applications/:id/documents/:documentId', { schema: { hide: true, params } }, async (request, reply) => {
    if (!(await signedIn(app, request, reply))) return reply;
    const { id, documentId } = request.params;
    const document = await readDocument(app.deps.db, id, documentId);
    if (!document) throw problems.notFound(`Document ${documentId}`);
    return sendDocument(reply, document);
  });
}
