// What the public pages share: the format a client asks for, HTML escaping, CSV fields, the
// policy of pages that load and run nothing, the link bar between them, and a register's web
// page and route (JSON, HTML, CSV).
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import { refusalText } from '../domain/publication/decision-publication.ts';
import type { PublicRefusal } from '../store/publication/public-refusals.ts';
import { problemResponse, publicRegisterQuery, type PublicRegisterQuery } from './schemas.ts';

export type Format = 'json' | 'html' | 'csv';
const mediaTypes: Record<Format, string> = { json: 'application/json', html: 'text/html', csv: 'text/csv' };

// The format the client prefers by its Accept header (q-values honoured) among those offered;
// JSON when it names none of them or accepts anything.
export function negotiate(accept: string | undefined, offered: readonly Format[] = ['json', 'html', 'csv']): Format {
  let best: { format: Format; q: number } = { format: 'json', q: 0 };
  for (const part of (accept ?? '').split(',')) {
    const [type, ...params] = part.trim().toLowerCase().split(';');
    const q = Number(params.map((p) => p.trim()).find((p) => p.startsWith('q='))?.slice(2) ?? 1);
    const format = offered.find((f) => mediaTypes[f] === type);
    if (format && q > best.q) best = { format, q };
  }
  return best.format;
}

// The page loads nothing and runs nothing: no script at all, and only its own inline styles.
export const pagePolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const html = (text: string) => text.replace(/[&<>"']/g, (c) => htmlEscapes[c]!);

// A field as RFC 4180 quotes it; one a spreadsheet would read as a formula starts with '.
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export const csvLines = (rows: readonly (readonly string[])[]) => rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';

// A link's query: the parameters given, in order, without the empty ones.
export function queryString(params: Record<string, string | undefined>): string {
  const entries = Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '');
  return entries.length ? `?${new URLSearchParams(entries)}` : '';
}

// What a public page shows where a caseworker has not yet approved the text.
export const notPublished = '<em>Ikke publisert ennå</em>';

// The public pages, so that a visitor finds each from any other.
const publicPages = [
  { path: '/public/applications', name: 'Søknader' },
  { path: '/public/decisions', name: 'Vedtak' },
  { path: '/public/permits', name: 'Tillatelser' },
  { path: '/public/statistics/activity', name: 'Aktivitet' },
  { path: '/public/statistics/processing-times', name: 'Saksbehandlingstid' },
  { path: '/public/feed', name: 'Nyhetsstrøm (Atom)' },
] as const;

// The link bar at the top of every public page; current: the path of the page it is on.
export function publicNav(current: string): string {
  const links = publicPages.map(({ path, name }) => (path === current ? `<a href="${path}" aria-current="page"><strong>${html(name)}</strong></a>` : `<a href="${path}">${html(name)}</a>`));
  return `<nav aria-label="Offentlige sider" class="public-pages">${links.join(' · ')}</nav>`;
}

// Every public page: its title, the link bar (path: the page's own, which the bar marks), the
// feed's link, and the page's own styles beside the shared ones.
export function publicDocument(path: string, title: string, styles: string, body: string): string {
  return `<!doctype html>
<html lang="nb">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${html(title)} – Helsedataservice</title>
  <link rel="alternate" type="application/atom+xml" href="/public/feed" title="Nytt fra Helsedataservice">
  <style>
    body { font-family: system-ui, sans-serif; margin: 2rem; color: #1a1a1a; }
    caption { text-align: left; font-weight: bold; padding-bottom: 0.5rem; }
    nav.public-pages { display: block; }
    ${styles}
  </style>
</head>
<body>
  ${publicNav(path)}
  <h1>${html(title)}</h1>
  ${body}
</body>
</html>
`;
}

export type RegisterPageParts = {
  path: string;
  title: string;
  // Paragraphs of HTML above the filter.
  intro: string;
  caption: string;
  headers: readonly string[];
  // The table's rows as HTML, and the text of the row that stands for none.
  rows: readonly string[];
  empty: string;
  nextCursor: string | null;
  // The query the page was asked with, which its links keep.
  filters: { registerId?: string; limit?: number };
};

// A public register as a web page without JavaScript: the link bar, a filter by register, links
// to the next page and the files, and the table.
export function registerPageOf(parts: RegisterPageParts, registerOptions: readonly { id: string; name: string }[]): string {
  const { path, title, intro, caption, headers, rows, empty, nextCursor, filters } = parts;
  const { registerId } = filters;
  const limit = filters.limit === undefined ? undefined : String(filters.limit);
  const options = registerOptions
    .map((r) => `<option value="${html(r.id)}"${r.id === registerId ? ' selected' : ''}>${html(r.name)} (${html(r.id)})</option>`)
    .join('\n          ');
  const next = nextCursor ? `<a rel="next" href="${html(path + queryString({ format: 'html', registerId, limit, cursor: nextCursor }))}">Neste side</a>` : '';
  const body = rows.length ? rows.join('\n    ') : `<tr><td colspan="${headers.length}">${html(empty)}</td></tr>`;
  return publicDocument(
    path,
    title,
    `table { border-collapse: collapse; width: 100%; }
    th, td { border-bottom: 1px solid #ccc; padding: 0.4rem 0.6rem; text-align: left; vertical-align: top; }
    td:first-child { white-space: nowrap; }
    nav { margin: 1rem 0; display: flex; gap: 1.5rem; }
    ol.history { margin: 0.3rem 0 0; padding-left: 1.2rem; font-size: 0.9em; color: #444; }`,
    `${intro}
  <form method="get" action="${html(path)}">
    <input type="hidden" name="format" value="html">
    <label for="registerId">Datakilde</label>
    <select id="registerId" name="registerId">
          <option value="">Alle datakilder</option>
          ${options}
    </select>
    <button type="submit">Vis</button>
  </form>
  <nav>
    ${next}
    <a href="${html(path + queryString({ format: 'csv', registerId }))}" download>Last ned alle som CSV</a>
    <a href="${html(path + queryString({ format: 'json', registerId }))}">JSON</a>
  </nav>
  <table>
    <caption>${html(caption)}</caption>
    <thead>
      <tr>${headers.map((h) => `<th scope="col">${html(h)}</th>`).join('')}</tr>
    </thead>
    <tbody>
    ${body}
    </tbody>
  </table>
  <nav>${next}</nav>`,
  );
}

// What a decision refused, per source: all of it, or a number of its variables; "Ingenting"
// when nothing.
export const refusalsHtml = (refusals: readonly PublicRefusal[]) => refusals.map((r) => `${html(r.name)} (${html(r.registerId)}): ${refusalText(r)}`).join('<br>') || 'Ingenting';

// In a CSV file: each refused source's register id, with the number of refused variables after
// a colon when only some of them were refused (e.g. "BIVIRK MFR:1").
export const refusalsCsv = (refusals: readonly PublicRefusal[]) => refusals.map((r) => (r.wholeSource ? r.registerId : `${r.registerId}:${r.variablesRefused}`)).join(' ');

export type RegisterRoute<T> = {
  url: string;
  summary: string;
  // The JSON schema of one page (api/schemas.ts).
  list: object;
  // The CSV file's name when downloaded.
  fileName: string;
  page: (db: Knex, query: { registerId?: string; limit?: number; cursor?: string }) => Promise<{ items: T[]; nextCursor: string | null }>;
  all: (db: Knex, registerId?: string) => Promise<T[]>;
  htmlPage: (path: string, page: { items: T[]; nextCursor: string | null }, filters: { registerId?: string; limit?: number }) => string;
  csv: (items: T[]) => string;
};

// A public register without login: JSON by default (a page of limit items), a web page for
// browsers (no JavaScript needed) and CSV of every entry, chosen by the Accept header or by
// ?format= (what the pages' links use).
export function registerRoute<T>(app: FastifyInstance, route: RegisterRoute<T>) {
  app.get<{ Querystring: PublicRegisterQuery }>(
    route.url,
    {
      schema: {
        summary: route.summary,
        description: 'No login. JSON (pages of limit items), text/html (a page that works without JavaScript) or text/csv (every entry), by the Accept header or format.',
        tags: ['public register'],
        querystring: publicRegisterQuery,
        response: {
          200: {
            description: 'The register',
            content: {
              'application/json': { schema: route.list },
              'text/html': { schema: { type: 'string' } },
              'text/csv': { schema: { type: 'string' } },
            },
          },
          400: problemResponse('Invalid filter or cursor'),
        },
      },
    },
    async (request, reply) => {
      const { format = negotiate(request.headers.accept), registerId, cursor, limit } = request.query;
      reply.header('vary', 'Accept').header('cache-control', 'public, max-age=60');
      if (format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8; header=present')
          .header('content-disposition', `attachment; filename="${route.fileName}"`)
          .send(route.csv(await route.all(app.deps.db, registerId)));
      }
      const page = await route.page(app.deps.db, { registerId, cursor, limit });
      if (format === 'html') {
        return reply.type('text/html; charset=utf-8').header('content-security-policy', pagePolicy).send(route.htmlPage(route.url, page, { registerId, limit: request.query.limit }));
      }
      return reply.type('application/json; charset=utf-8').send(page);
    },
  );
}
