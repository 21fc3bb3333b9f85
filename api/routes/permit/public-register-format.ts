// The public register as a web page that needs no JavaScript (a table, a filter form and
// links to the next page and the files) and as CSV (RFC 4180). Everything applicants wrote is
// escaped: in the page as HTML, in the file against spreadsheet formulas.
import { registers } from '../../../domain/registers.ts';
import { norwegianDate } from '../../../domain/working-days.ts';
import type { PublicPermit } from '../../../store/permit/public-register.ts';
import { csvLines, html, notPublished, refusalsCsv, refusalsHtml, registerPageOf } from '../../public-formats.ts';

// The approved public title, with the summary under it; before approval, nothing from the
// application.
function project(permit: PublicPermit): string {
  if (permit.publicTitle === null) return notPublished;
  const summary = permit.publicSummary ? `<br><small>${html(permit.publicSummary)}</small>` : '';
  return `${html(permit.publicTitle)}${summary}`;
}

function row(permit: PublicPermit): string {
  const sources = permit.sources.map((s) => `${html(s.name)} (${html(s.registerId)})`).join('<br>');
  const history = permit.changes.map((c) => `<li>${html(c.stateName)} ${norwegianDate(c.on)}</li>`).join('');
  return `<tr id="${html(permit.reference)}">
      <td>${html(permit.reference)}</td>
      <td>${permit.institution === null ? notPublished : html(permit.institution)}</td>
      <td>${project(permit)}</td>
      <td>${html(permit.purpose)}</td>
      <td>${sources}</td>
      <td>${norwegianDate(permit.period.startDate)}–${norwegianDate(permit.period.endDate)}</td>
      <td>${norwegianDate(permit.decidedOn)}</td>
      <td>${html(permit.decidingBody)}</td>
      <td>${refusalsHtml(permit.refusals)}</td>
      <td>${html(permit.stateName)} fra ${norwegianDate(permit.stateSince)}<ol class="history" aria-label="Endringer">${history}</ol></td>
    </tr>`;
}

const intro = '<p>Helsedataservice publiserer hver tillatelse den gir til sekundærbruk av helsedata: hvem som har fått tilgang, til hvilket prosjekt og formål, fra hvilke datakilder og for hvilken periode, hva vedtaket avslo, og om tillatelsen er aktiv, forlenget, tilbakekalt, utløpt eller avsluttet, med hver endring og datoen for den. Institusjonen, prosjektets tittel og sammendrag publiseres først når en saksbehandler har godkjent dem. Registeret viser ingen personopplysninger.</p>';
const headers = ['Saksnummer', 'Institusjon', 'Prosjekt', 'Formål', 'Datakilder', 'Periode', 'Vedtaksdato', 'Vedtaksorgan', 'Avslått', 'Status'];

// filters: the query the page was asked with, which its next page keeps.
export function registerPage(path: string, page: { items: PublicPermit[]; nextCursor: string | null }, filters: { registerId?: string; limit?: number }): string {
  return registerPageOf(
    { path, title: 'Tillatelser til bruk av helsedata', intro, caption: 'Tillatelser, nyeste vedtak først', headers, rows: page.items.map(row), empty: 'Ingen tillatelser å vise.', nextCursor: page.nextCursor, filters },
    registers,
  );
}

// institusjon, offentlig_tittel and offentlig_sammendrag are empty until a caseworker approved
// them. endringer: each state the permit took with its day, oldest first.
// avslaatt: as refusalsCsv writes it.
const csvHeader = ['saksnummer', 'institusjon', 'offentlig_tittel', 'offentlig_sammendrag', 'formaal', 'datakilder', 'periode_fra', 'periode_til', 'vedtaksdato', 'vedtaksorgan', 'avslaatt', 'status', 'status_fra', 'endringer'];

const csvChanges = (permit: PublicPermit) => permit.changes.map((c) => `${c.stateName} ${c.on}`).join('; ');

export function registerCsv(permits: PublicPermit[]): string {
  return csvLines([
    csvHeader,
    ...permits.map((p) => [p.reference, p.institution ?? '', p.publicTitle ?? '', p.publicSummary ?? '', p.purpose, p.sources.map((s) => s.registerId).join(' '), p.period.startDate, p.period.endDate, p.decidedOn, p.decidingBody, refusalsCsv(p.refusals), p.stateName, p.stateSince, csvChanges(p)]),
  ]);
}
