// The public registers of applications and decisions as web pages that need no JavaScript and
// as CSV (RFC 4180). Only text a caseworker approved is shown, escaped: in the page as HTML, in
// the file against spreadsheet formulas.
import { registers } from '../../../domain/registers.ts';
import { norwegianDate } from '../../../domain/working-days.ts';
import type { PublicApplication } from '../../../store/publication/public-applications.ts';
import type { PublicDecision } from '../../../store/publication/public-decisions.ts';
import { csvLines, html, notPublished, refusalsCsv, refusalsHtml, registerPageOf } from '../../public-formats.ts';

type Page<T> = { items: T[]; nextCursor: string | null };
type Filters = { registerId?: string; limit?: number };

const registerList = (sources: PublicApplication['registers']) => sources.map((s) => `${html(s.name)} (${html(s.registerId)})`).join('<br>');
const registerIds = (sources: PublicApplication['registers']) => sources.map((s) => s.registerId).join(' ');
const approved = (text: string | null) => (text === null ? notPublished : html(text));

function applicationRow(a: PublicApplication): string {
  const summary = a.publicSummary ? `<br><small>${html(a.publicSummary)}</small>` : '';
  return `<tr id="${html(a.reference)}">
      <td>${html(a.reference)}</td>
      <td>${norwegianDate(a.receivedOn)}</td>
      <td>${approved(a.institution)}</td>
      <td>${html(a.publicTitle)}${summary}</td>
      <td>${html(a.purpose)}</td>
      <td>${registerList(a.registers)}</td>
    </tr>`;
}

export function applicationsPage(path: string, page: Page<PublicApplication>, filters: Filters): string {
  return registerPageOf(
    {
      path,
      title: 'Søknader om tilgang til helsedata',
      intro:
        '<p>Helsedataservice publiserer hver søknad den mottar om tilgang til helsedata: hvilken institusjon som søker, til hvilket prosjekt og formål, og hvilke datakilder søknaden gjelder. En søknad vises når en saksbehandler har godkjent tittelen, sammendraget og institusjonsnavnet for publisering. Registeret viser ingen personopplysninger.</p>',
      caption: 'Søknader, sist mottatt først',
      headers: ['Saksnummer', 'Mottatt', 'Institusjon', 'Prosjekt', 'Formål', 'Datakilder'],
      rows: page.items.map(applicationRow),
      empty: 'Ingen søknader å vise.',
      nextCursor: page.nextCursor,
      filters,
    },
    registers,
  );
}

// institusjon is empty until a caseworker approved it.
export function applicationsCsv(applications: readonly PublicApplication[]): string {
  return csvLines([
    ['saksnummer', 'mottatt', 'institusjon', 'offentlig_tittel', 'offentlig_sammendrag', 'formaal', 'datakilder'],
    ...applications.map((a) => [a.reference, a.receivedOn, a.institution ?? '', a.publicTitle, a.publicSummary ?? '', a.purpose, registerIds(a.registers)]),
  ]);
}

function decisionRow(d: PublicDecision): string {
  return `<tr id="${html(d.reference)}">
      <td>${html(d.reference)}</td>
      <td>${approved(d.institution)}</td>
      <td>${approved(d.publicTitle)}</td>
      <td>${html(d.purpose)}</td>
      <td>${registerList(d.registers)}</td>
      <td>${html(d.outcomeName)}</td>
      <td>${refusalsHtml(d.refusals)}</td>
      <td>${d.publicReasons === null ? '' : html(d.publicReasons)}</td>
      <td>${html(d.decidingBody)}</td>
      <td>${norwegianDate(d.decidedOn)}</td>
      <td>${norwegianDate(d.publishedOn)}</td>
    </tr>`;
}

export function decisionsPage(path: string, page: Page<PublicDecision>, filters: Filters): string {
  return registerPageOf(
    {
      path,
      title: 'Vedtak om tilgang til helsedata',
      intro:
        '<p>Helsedataservice publiserer hvert vedtak om tilgang til helsedata innen 30 virkedager: om søknaden ble innvilget, delvis innvilget, avslått eller avvist, hva som ble avslått per datakilde, og et sammendrag av begrunnelsen som en saksbehandler har godkjent for publisering. Institusjonen og prosjektets tittel vises når de er godkjent. Registeret viser ingen personopplysninger.</p>',
      caption: 'Vedtak, sist publisert først',
      headers: ['Saksnummer', 'Institusjon', 'Prosjekt', 'Formål', 'Datakilder', 'Utfall', 'Avslått', 'Begrunnelse', 'Vedtaksorgan', 'Vedtaksdato', 'Publisert'],
      rows: page.items.map(decisionRow),
      empty: 'Ingen vedtak å vise.',
      nextCursor: page.nextCursor,
      filters,
    },
    registers,
  );
}

// institusjon and offentlig_tittel are empty until a caseworker approved them; utfall is the
// outcome's code, utfall_navn its Norwegian name; avslaatt as refusalsCsv writes it.
export function decisionsCsv(decisions: readonly PublicDecision[]): string {
  return csvLines([
    ['saksnummer', 'institusjon', 'offentlig_tittel', 'formaal', 'datakilder', 'utfall', 'utfall_navn', 'avslaatt', 'begrunnelse', 'vedtaksorgan', 'vedtaksdato', 'publisert'],
    ...decisions.map((d) => [d.reference, d.institution ?? '', d.publicTitle ?? '', d.purpose, registerIds(d.registers), d.outcome, d.outcomeName, refusalsCsv(d.refusals), d.publicReasons ?? '', d.decidingBody, d.decidedOn, d.publishedOn]),
  ]);
}
