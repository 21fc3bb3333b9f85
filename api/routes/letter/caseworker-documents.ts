// The case's documents for caseworkers in a browser. Tasklist's forms link to the engine's copy
// of these pages (engine/…/CaseDocuments.java), which checks the Tasklist sign-in and reads
// them from here as the service account; a caseworker may also come here directly with their
// engine login. Either way the login is HTTP Basic, which the engine verifies; only members of
// the caseworker and approver groups and the service itself get in. The page is plain HTML;
// each letter opens as its PDF.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { problems } from '../../problems.ts';
import { findCase } from '../../../store/case/view.ts';
import { journalOf, listDocuments, readDocument } from '../../../store/letter/documents.ts';
import { ehfMediaType } from '../../../store/letter/ehf.ts';
import { caseSummary, type CaseSummary } from '../../../domain/case/summary.ts';
import { osloDay } from '../../../domain/working-days.ts';
import { sendDocument } from '../../pdf.ts';

const readerGroups = ['saksbehandler', 'beslutter', 'hds-service'];
const realm = 'Basic realm="HDS saksbehandling", charset="UTF-8"';

// The application's facts as the forms label them.
const summaryLabels: Partial<Record<keyof CaseSummary, string>> = {
  receivedText: 'Mottatt',
  applicantName: 'Prosjektleder (søker)',
  institutionName: 'Institusjon (dataansvarlig)',
  projectTitle: 'Prosjekttittel',
  projectDescription: 'Prosjektbeskrivelse',
  purposeText: 'Formål',
  projectPeriod: 'Prosjektperiode',
  dataKindText: 'Type data',
  rekReference: 'REK-referanse',
  sourcesText: 'Datakilder (register, registerforvalter, periode og variabler)',
  analysisEnvironmentText: 'Analysemiljø',
  legalBasisSummary: 'Rettslig grunnlag (personvernforordningen art. 6 og 9)',
  linkageSummary: 'Kobling av datakilder og begrunnelse',
  earlierDecisionReference: 'Tidligere vedtak (ved endring eller oppdatering)',
};

const osloTime = (instant: Date) => new Date(instant).toLocaleString('nb-NO', { timeZone: 'Europe/Oslo' });

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
    const [documents, journal] = await Promise.all([listDocuments(app.deps.db, id), journalOf(app.deps.db, id)]);
    const letters = documents.map(
      (d) =>
        `<tr><td><a href="documents/${d.id}">${escape(d.title)}</a></td><td>${escape(d.recipient_name)}</td><td>${osloTime(d.created_at)}</td><td>${d.delivered_at ? 'sendt' : d.media_type === ehfMediaType ? 'e-faktura (EHF)' : 'venter'}</td><td><code>${d.sha256.slice(0, 12)}</code></td></tr>`,
    );
    const incoming = journal
      .filter((entry) => entry.entry_type === 'I')
      .map((entry) => `<tr><td>${escape(entry.title)}</td><td>${escape(entry.correspondent)}</td><td>${osloTime(entry.created_at)}</td></tr>`);
    const summary = caseSummary(application.submission, osloDay(application.received_at));
    const facts = Object.entries(summaryLabels)
      .map(([key, label]) => `<dt>${label}</dt><dd>${escape(summary[key as keyof CaseSummary])}</dd>`)
      .join('\n');
    const reference = escape(application.reference);
    return reply.type('text/html; charset=utf-8').send(`<!doctype html>
<html lang="nb"><head><meta charset="utf-8"><title>Dokumenter i sak ${reference}</title>
<style>body{font-family:sans-serif;margin:2rem;max-width:70rem}table{border-collapse:collapse}td,th{padding:.3rem .8rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}dt{font-weight:bold;margin-top:.6rem}dd{margin-left:0;white-space:pre-line}pre{white-space:pre-wrap}</style></head>
<body><h1>Dokumenter i sak ${reference}</h1>
<h2>Brev og vedtak</h2>
<table><thead><tr><th>Dokument</th><th>Mottaker</th><th>Laget</th><th>Sendt</th><th>SHA-256</th></tr></thead><tbody>
${letters.join('\n') || '<tr><td colspan="5">Ingen brev ennå.</td></tr>'}
</tbody></table>
<h2>Innkomne meldinger</h2>
<table><thead><tr><th>Melding</th><th>Fra</th><th>Mottatt</th></tr></thead><tbody>
${incoming.join('\n') || '<tr><td colspan="3">Ingen innkomne meldinger.</td></tr>'}
</tbody></table>
<h2>Søknaden slik den ble sendt inn</h2>
<dl>
${facts}
</dl>
<details><summary>Hele innsendingen, slik søkerens system sendte den</summary><pre>${escape(JSON.stringify(application.submission, null, 2))}</pre></details>
</body></html>`);
  });

  app.get<{ Params: { id: string; documentId: string } }>('/caseworker/applications/:id/documents/:documentId', { schema: { hide: true, params } }, async (request, reply) => {
    if (!(await signedIn(app, request, reply))) return reply;
    const { id, documentId } = request.params;
    const document = await readDocument(app.deps.db, id, documentId);
    if (!document) throw problems.notFound(`Document ${documentId}`);
    return sendDocument(reply, document);
  });
}
