// The public registers' news as an Atom 1.0 feed (RFC 4287): each entry has a stable URN as its
// id, a title and summary in Norwegian, the moment it was published and a link to the row of
// the register's web page that shows it. Nothing but what the registers show.
import { norwegianDate, osloDay } from '../../../domain/working-days.ts';
import type { FeedEntry } from '../../../store/publication/public-feed.ts';

const xmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const xml = (text: string) => text.replace(/[&<>"']/g, (c) => xmlEscapes[c]!);

const titled = (title: string | null) => (title === null ? '' : `: ${title}`);

function described(entry: FeedEntry): { id: string; title: string; summary: string; page: string } {
  const { reference } = entry;
  switch (entry.kind) {
    case 'application':
      return {
        id: `urn:helsedataservice:application:${reference}`,
        title: `Søknad ${reference}${titled(entry.title)}`,
        summary: `Søknaden ${reference} er publisert i søknadsregisteret.`,
        page: '/public/applications',
      };
    case 'decision':
      return {
        id: `urn:helsedataservice:decision:${reference}`,
        title: `Vedtak i sak ${reference}: ${entry.outcomeName}`,
        summary: `Vedtaket i sak ${reference}${titled(entry.title)} er publisert i vedtaksregisteret. Utfall: ${entry.outcomeName}.`,
        page: '/public/decisions',
      };
    case 'permit-state':
      return {
        id: `urn:helsedataservice:permit:${entry.key}`,
        title: `Tillatelse ${reference}: ${entry.stateName}`,
        summary: `Tillatelsen ${reference}${titled(entry.title)} har status ${entry.stateName.toLowerCase()} fra ${norwegianDate(osloDay(entry.at))}.`,
        page: '/public/permits',
      };
  }
}

// base: the service's configured public address (publicBaseUrl), never the request's Host.
export function atomFeed(base: string, entries: readonly FeedEntry[], now: Date): string {
  const updated = (entries[0]?.at ?? now).toISOString();
  const items = entries.map((entry) => {
    const { id, title, summary, page } = described(entry);
    return `  <entry>
    <id>${xml(id)}</id>
    <title>${xml(title)}</title>
    <updated>${entry.at.toISOString()}</updated>
    <link rel="alternate" type="text/html" href="${xml(`${base}${page}?format=html#${encodeURIComponent(entry.reference)}`)}"/>
    <summary xml:lang="nb">${xml(summary)}</summary>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="nb">
  <id>urn:helsedataservice:public-registers</id>
  <title>Helsedataservice: nye søknader, vedtak og endringer i tillatelser</title>
  <subtitle>Nye oppføringer i de offentlige registrene over søknader, vedtak og tillatelser til bruk av helsedata. Ingen personopplysninger.</subtitle>
  <updated>${updated}</updated>
  <author><name>Helsedataservice</name></author>
  <link rel="self" type="application/atom+xml" href="${xml(`${base}/public/feed`)}"/>
  <link rel="alternate" type="text/html" href="${xml(`${base}/public/applications`)}"/>
${items.join('\n')}
</feed>
`;
}
