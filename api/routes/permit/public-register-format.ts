// The public register as a web page that needs no JavaScript (a table, a filter form and
// links to the next page and the files) and as CSV (RFC 4180). Everything applicants wrote is
// escaped: in the page as HTML, in the file against spreadsheet formulas.
import { registers } from '../../../domain/registers.ts';
import { norwegianDate } from '../../../domain/working-days.ts';
import type { PublicPermit } from '../../../store/permit/public-register.ts';
import { csvLines, html } from '../../public-formats.ts';


function query(params: Record<string, string | undefined>): string {
  const entries = Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '');
  return entries.length ? `?${new URLSearchParams(entries)}` : '';
}

// What the decision refused of a source: all of it, or a number of its variables.
const refusalText = (r: PublicPermit['refusals'][number]) =>
  r.wholeSource ? 'hele kilden' : `${r.variablesRefused} ${r.variablesRefused === 1 ? 'variabel' : 'variabler'}`;

// The approved public title, with the summary under it; before approval, nothing from the
// application.
function project(permit: PublicPermit): string {
  if (permit.publicTitle === null) return '<em>Ikke publisert ennå</em>';
  const summary = permit.publicSummary ? `<br><small>${html(permit.publicSummary)}</small>` : '';
  return `${html(permit.publicTitle)}${summary}`;
}

function row(permit: PublicPermit): string {
  const sources = permit.sources.map((s) => `${html(s.name)} (${html(s.registerId)})`).join('<br>');
  const refusals = permit.refusals.map((r) => `${html(r.name)} (${html(r.registerId)}): ${refusalText(r)}`).join('<br>') || 'Ingenting';
  return `<tr>
      <td>${html(permit.reference)}</td>
      <td>${html(permit.institution)}</td>
      <td>${project(permit)}</td>
      <td>${html(permit.purpose)}</td>
      <td>${sources}</td>
      <td>${norwegianDate(permit.period.startDate)}–${norwegianDate(permit.period.endDate)}</td>
      <td>${norwegianDate(permit.decidedOn)}</td>
      <td>${html(permit.decidingBody)}</td>
      <td>${refusals}</td>
      <td>${html(permit.stateName)} fra ${norwegianDate(permit.stateSince)}</td>
    </tr>`;
}

// filters: the query the page was asked with, which its next page keeps.
export function registerPage(path: string, page: { items: PublicPermit[]; nextCursor: string | null }, filters: { registerId?: string; limit?: number }): string {
  const { registerId } = filters;
  const limit = filters.limit === undefined ? undefined : String(filters.limit);
  const options = registers
    .map((r) => `<option value="${html(r.id)}"${r.id === registerId ? ' selected' : ''}>${html(r.name)} (${html(r.id)})</option>`)
    .join('\n          ');
  const next = page.nextCursor ? `<a rel="next" href="${html(path + query({ format: 'html', registerId, limit, cursor: page.nextCursor }))}">Neste side</a>` : '';
  const body = page.items.length
    ? page.items.map(row).join('\n    ')
    : '<tr><td colspan="10">Ingen tillatelser å vise.</td></tr>';
  return `<!doctype html>
<html lang="nb">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Tillatelser til bruk av helsedata – Helsedataservice</title>
  <style>
    body { font-family: system-ui, sans-serif; margin: 2rem; color: #1a1a1a; }
    table { border-collapse: collapse; width: 100%; }
    th, td { border-bottom: 1px solid #ccc; padding: 0.4rem 0.6rem; text-align: left; vertical-align: top; }
    td:first-child { white-space: nowrap; }
    caption { text-align: left; font-weight: bold; padding-bottom: 0.5rem; }
    nav { margin: 1rem 0; display: flex; gap: 1.5rem; }
  </style>
</head>
<body>
  <h1>Tillatelser til bruk av helsedata</h1>
  <p>Helsedataservice publiserer hver tillatelse den gir til sekundærbruk av helsedata: hvem som har fått tilgang, til hvilket prosjekt og formål, fra hvilke datakilder og for hvilken periode, hva vedtaket avslo, og om tillatelsen er aktiv, forlenget, tilbakekalt, utløpt eller avsluttet. Prosjektets tittel og sammendrag publiseres først når en saksbehandler har godkjent dem. Registeret viser ingen personopplysninger.</p>
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
    <a href="${html(path + query({ format: 'csv', registerId }))}" download>Last ned alle som CSV</a>
    <a href="${html(path + query({ format: 'json', registerId }))}">JSON</a>
  </nav>
  <table>
    <caption>Tillatelser, nyeste vedtak først</caption>
    <thead>
      <tr><th scope="col">Saksnummer</th><th scope="col">Institusjon</th><th scope="col">Prosjekt</th><th scope="col">Formål</th><th scope="col">Datakilder</th><th scope="col">Periode</th><th scope="col">Vedtaksdato</th><th scope="col">Vedtaksorgan</th><th scope="col">Avslått</th><th scope="col">Status</th></tr>
    </thead>
    <tbody>
    ${body}
    </tbody>
  </table>
  <nav>${next}</nav>
</body>
</html>
`;
}

// offentlig_tittel and offentlig_sammendrag are empty until a caseworker approved them.
// avslaatt: each refused source's register id, with the number of refused variables after a
// colon when only some of them were refused (e.g. "BIVIRK MFR:1").
const csvHeader = ['saksnummer', 'institusjon', 'offentlig_tittel', 'offentlig_sammendrag', 'formaal', 'datakilder', 'periode_fra', 'periode_til', 'vedtaksdato', 'vedtaksorgan', 'avslaatt', 'status', 'status_fra'];
const csvRefusals = (permit: PublicPermit) => permit.refusals.map((r) => (r.wholeSource ? r.registerId : `${r.registerId}:${r.variablesRefused}`)).join(' ');

export function registerCsv(permits: PublicPermit[]): string {
  return csvLines([
    csvHeader,
    ...permits.map((p) => [p.reference, p.institution, p.publicTitle ?? '', p.publicSummary ?? '', p.purpose, p.sources.map((s) => s.registerId).join(' '), p.period.startDate, p.period.endDate, p.decidedOn, p.decidingBody, csvRefusals(p), p.stateName, p.stateSince]),
  ]);
}
