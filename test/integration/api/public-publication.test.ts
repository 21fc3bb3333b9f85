// The public registers of applications and decisions and the Atom feed, without login: what
// each shows, in JSON, as a web page and as CSV, newest first with a cursor and a filter by
// register; and what they must never show: an application before a caseworker approved its
// summary, a decision before it was published, the reasons written to the applicant.
import { beforeAll, describe, expect, it } from 'vitest';
import { permitEvent } from '../../../domain/permit/states.ts';
import { norwegianDate, osloDay } from '../../../domain/working-days.ts';
import { applyPermitEvent } from '../../../store/permit/events.ts';
import { apiHarness, validSubmission } from '../harness.ts';
import { insertPermit } from '../permit-fixtures.ts';
import { approveSummary, decideCase, submitCase } from '../publication-fixtures.ts';

const h = apiHarness();

const open = (url: string, headers: Record<string, string> = {}) => h.app.inject({ method: 'GET', url, headers });
const references = (body: { items: { reference: string }[] }) => body.items.map((item) => item.reference);
const rowOf = (page: string, reference: string) => page.split('<tr ').find((r) => r.includes(`<td>${reference}</td>`));

const unapprovedTitle = 'Prosjekttittel som søkeren skrev og ingen godkjente';
const refusalReason = 'Begrunnelse til søkeren som ikke skal publiseres';
const sysvak = { ...validSubmission, project: { ...validSubmission.project, title: unapprovedTitle }, dataSources: [{ registerId: 'SYSVAK', variables: ['vaksine'], period: { startDate: '2010-01-01', endDate: '2020-12-31' } }] };

let approved: { id: string; reference: string };
let unapproved: { id: string; reference: string };
let partial: { id: string; reference: string };
let refused: { id: string; reference: string };
let unpublished: { id: string; reference: string };
// Published just now, so that they are the newest entries of the feed whatever other tests left
// in the case file.
const partialPublished = new Date(Date.now() - 60_000);
const refusalPublished = new Date(Date.now() - 30_000);

beforeAll(async () => {
  approved = await submitCase(h, { ...validSubmission, project: { ...validSubmission.project, title: unapprovedTitle } });
  // Received at 23:30 UTC on 1 March: 2 March in Norway.
  await h.db('applications').where({ id: approved.id }).update({ received_at: new Date('2026-03-01T23:30:00Z') });
  await approveSummary(h, approved.id, { title: 'Hjerte, "svangerskap" & <diabetes>', summary: '=Hvordan går det med mødrene?', institution: 'Universitetet i Oslo' });
  unapproved = await submitCase(h, sysvak);

  partial = await submitCase(h);
  await approveSummary(h, partial.id, { title: 'Delvis innvilget prosjekt', institution: 'Folkehelseinstituttet' });
  await decideCase(h, partial.id, {
    outcome: 'partial-grant',
    decidedAt: new Date('2026-04-01T22:30:00Z'),
    publishedAt: partialPublished,
    publicReasons: 'NPR avslås fordi formålet kan nås uten innleggelsesdato.',
    sources: [
      { registerId: 'MFR', asked: ['svangerskapsdiabetes', 'fodselsaar'], granted: ['svangerskapsdiabetes', 'fodselsaar'] },
      { registerId: 'NPR', asked: ['hoveddiagnose', 'innleggelsesdato'], granted: ['hoveddiagnose'], refusalReason },
    ],
  });
  refused = await submitCase(h, sysvak);
  await decideCase(h, refused.id, {
    outcome: 'refusal',
    decidedAt: new Date('2026-04-02T10:00:00Z'),
    publishedAt: refusalPublished,
    publicReasons: 'Søknaden avslås fordi behandlingsgrunnlaget mangler.',
    sources: [{ registerId: 'SYSVAK', asked: ['vaksine'], granted: [], refusalReason }],
  });
  unpublished = await submitCase(h);
  await approveSummary(h, unpublished.id, { title: 'Vedtak som ikke er publisert ennå' });
  await decideCase(h, unpublished.id, { outcome: 'grant', sources: [{ registerId: 'MFR', asked: ['fodselsaar'], granted: ['fodselsaar'] }] });
});

describe('GET /public/applications', () => {
  it('shows an application once its summary is approved: registers, institution, purpose, title, summary and day received', async () => {
    const res = await open('/public/applications?limit=100');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const { items } = res.json();
    expect(items.find((a: { reference: string }) => a.reference === approved.reference)).toEqual({
      reference: approved.reference,
      registers: [
        { registerId: 'MFR', name: 'Medisinsk fødselsregister' },
        { registerId: 'NPR', name: 'Norsk pasientregister' },
      ],
      institution: 'Universitetet i Oslo',
      purpose: 'Forskning',
      publicTitle: 'Hjerte, "svangerskap" & <diabetes>',
      publicSummary: '=Hvordan går det med mødrene?',
      receivedOn: '2026-03-02',
    });
    expect(references(res.json())).not.toContain(unapproved.reference);
    expect(res.body).not.toContain(unapprovedTitle);
  });

  it('lists the newest application first, pages with a cursor and filters by register', async () => {
    const first = (await open('/public/applications?limit=2')).json();
    expect(first.items[0].reference).toBe(unpublished.reference);
    const second = (await open(`/public/applications?limit=2&cursor=${first.nextCursor}`)).json();
    const four = (await open('/public/applications?limit=4')).json();
    expect([...references(first), ...references(second)]).toEqual(references(four));
    const mfr = (await open('/public/applications?registerId=SYSVAK&limit=100')).json();
    expect(references(mfr)).not.toContain(approved.reference);
    for (const item of mfr.items) expect(item.registers.map((r: { registerId: string }) => r.registerId)).toContain('SYSVAK');
    const npr = references((await open('/public/applications?registerId=NPR&limit=100')).json());
    expect(npr).toContain(approved.reference);
    const bad = await open('/public/applications?cursor=abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect((await open('/public/applications?registerId=NOPE')).statusCode).toBe(400);
  });

  it('is a web page without script, with the approved text escaped and links to the other public pages', async () => {
    const res = await open('/public/applications?limit=100', { accept: 'text/html' });
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.body).not.toMatch(/<script/i);
    const row = rowOf(res.body, approved.reference);
    expect(row).toContain('<td>02.03.2026</td>');
    expect(row).toContain('<td>Universitetet i Oslo</td>');
    expect(row).toContain('Hjerte, &quot;svangerskap&quot; &amp; &lt;diabetes&gt;');
    expect(res.body).not.toContain(unapproved.reference);
    for (const path of ['/public/permits', '/public/decisions', '/public/statistics/activity', '/public/statistics/processing-times', '/public/feed']) expect(res.body).toContain(`<a href="${path}">`);
    expect(res.body).toContain('<a href="/public/applications" aria-current="page">');
  });

  it('is a CSV file of every published application, quoted and safe from spreadsheet formulas', async () => {
    const res = await open('/public/applications?format=csv');
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toBe('attachment; filename="soknader.csv"');
    const lines = res.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('saksnummer,mottatt,institusjon,offentlig_tittel,offentlig_sammendrag,formaal,datakilder');
    const [{ n }] = (await h.db('public_summaries').count('* as n')) as [{ n: string }];
    expect(lines).toHaveLength(Number(n) + 1);
    expect(lines).toContain(`${approved.reference},2026-03-02,Universitetet i Oslo,"Hjerte, ""svangerskap"" & <diabetes>",'=Hvordan går det med mødrene?,Forskning,MFR NPR`);
    expect(res.body).not.toContain(unapproved.reference);
  });
});

describe('GET /public/decisions', () => {
  it('shows each published decision: outcome, what was refused per source, the public reasons, and never the reasons to the applicant', async () => {
    const res = await open('/public/decisions?limit=100');
    expect(res.statusCode).toBe(200);
    const { items } = res.json();
    expect(items.find((d: { reference: string }) => d.reference === partial.reference)).toEqual({
      reference: partial.reference,
      registers: [
        { registerId: 'MFR', name: 'Medisinsk fødselsregister' },
        { registerId: 'NPR', name: 'Norsk pasientregister' },
      ],
      institution: 'Folkehelseinstituttet',
      purpose: 'Forskning',
      publicTitle: 'Delvis innvilget prosjekt',
      decidingBody: 'Helsedataservice',
      outcome: 'partial-grant',
      outcomeName: 'Delvis innvilget',
      decidedOn: '2026-04-02',
      publishedOn: osloDay(partialPublished),
      refusals: [{ registerId: 'NPR', name: 'Norsk pasientregister', wholeSource: false, variablesRefused: 1 }],
      publicReasons: 'NPR avslås fordi formålet kan nås uten innleggelsesdato.',
    });
    // A refusal of a case whose summary no caseworker approved: the decision, but no title or institution.
    expect(items.find((d: { reference: string }) => d.reference === refused.reference)).toMatchObject({
      institution: null,
      publicTitle: null,
      outcome: 'refusal',
      outcomeName: 'Avslått',
      refusals: [{ registerId: 'SYSVAK', name: 'System for vaksinasjonskontroll', wholeSource: true, variablesRefused: 1 }],
    });
    expect(references(res.json())).not.toContain(unpublished.reference);
    expect(res.body).not.toContain(refusalReason);
    expect(res.body).not.toContain(unapprovedTitle);
  });

  it('lists the latest published first, pages with a cursor and filters by register', async () => {
    const first = (await open('/public/decisions?limit=1')).json();
    const second = (await open(`/public/decisions?limit=1&cursor=${first.nextCursor}`)).json();
    const all = references((await open('/public/decisions?limit=100')).json());
    expect([...references(first), ...references(second)]).toEqual(all.slice(0, 2));
    expect(all.indexOf(refused.reference)).toBe(all.indexOf(partial.reference) - 1);
    const sysvak = (await open('/public/decisions?registerId=SYSVAK&limit=100')).json();
    expect(references(sysvak)).toContain(refused.reference);
    expect(references(sysvak)).not.toContain(partial.reference);
  });

  it('is a web page and a CSV file, neither with the reasons to the applicant', async () => {
    const page = (await open('/public/decisions?format=html&limit=100')).body;
    expect(page).not.toMatch(/<script/i);
    const row = rowOf(page, refused.reference);
    expect(row).toContain('<td><em>Ikke publisert ennå</em></td>');
    expect(row).toContain('<td>Avslått</td>');
    expect(row).toContain('<td>System for vaksinasjonskontroll (SYSVAK): hele kilden</td>');
    expect(rowOf(page, partial.reference)).toContain('<td>Norsk pasientregister (NPR): 1 variabel</td>');
    expect(page).not.toContain(refusalReason);
    expect(page).not.toContain(unpublished.reference);
    const csv = await open('/public/decisions?format=csv');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="vedtak.csv"');
    const lines = csv.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('saksnummer,institusjon,offentlig_tittel,formaal,datakilder,utfall,utfall_navn,avslaatt,begrunnelse,vedtaksorgan,vedtaksdato,publisert');
    expect(lines).toContain(`${partial.reference},Folkehelseinstituttet,Delvis innvilget prosjekt,Forskning,MFR NPR,partial-grant,Delvis innvilget,NPR:1,NPR avslås fordi formålet kan nås uten innleggelsesdato.,Helsedataservice,2026-04-02,${osloDay(partialPublished)}`);
    expect(lines).toContain(`${refused.reference},,,Forskning,SYSVAK,refusal,Avslått,SYSVAK,Søknaden avslås fordi behandlingsgrunnlaget mangler.,Helsedataservice,2026-04-02,${osloDay(refusalPublished)}`);
    const [{ n }] = (await h.db('decision_publications').whereNotNull('published_at').count('* as n')) as [{ n: string }];
    expect(lines).toHaveLength(Number(n) + 1);
    expect(csv.body).not.toContain(refusalReason);
  });
});

describe('GET /public/feed', () => {
  // The configured public address (PUBLIC_BASE_URL; the local default in the tests).
  const baseUrl = () => h.app.settings.publicBaseUrl;

  it("builds its links from the configured public address, whatever Host the request names", async () => {
    const base = baseUrl();
    expect(base).toBe('http://localhost:3000');
    const forged = await open('/public/feed', { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' });
    expect(forged.statusCode).toBe(200);
    expect(forged.body).not.toContain('evil.example');
    expect(forged.body).toContain(`<link rel="self" type="application/atom+xml" href="${base}/public/feed"/>`);
    for (const link of forged.body.matchAll(/href="([^"]+)"/g)) expect(link[1]!.startsWith(`${base}/public/`), link[1]).toBe(true);
  });

  it('is an Atom feed of the newest entries: applications published, decisions published and permit state changes', async () => {
    const revoked = await insertPermit(h);
    await h.db.transaction((tx) => applyPermitEvent(tx, { permitId: revoked.id, event: permitEvent.permitRevoked, actor: 'system', now: new Date() }));
    const { id: revocationId } = await h.db('permit_state_changes').where({ permit_id: revoked.id, state: 'revoked' }).first('id');
    const res = await open('/public/feed');
    const base = baseUrl();
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/atom+xml');
    const feed = res.body;
    expect(feed).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom" xml:lang="nb">/);
    expect(feed).toContain('<id>urn:helsedataservice:public-registers</id>');
    expect(feed).toContain(`<link rel="self" type="application/atom+xml" href="${base}/public/feed"/>`);
    const entries = feed.split('<entry>').slice(1);
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.length).toBeLessThanOrEqual(50);
    // The feed's updated is its newest entry's, and the entries come newest first.
    const updated = [...feed.matchAll(/<updated>([^<]+)<\/updated>/g)].map((m) => m[1]!);
    expect(updated[0]).toBe(updated[1]);
    expect([...updated.slice(1)].sort().reverse()).toEqual(updated.slice(1));
    for (const entry of entries) {
      expect(entry).toMatch(/<id>urn:helsedataservice:(application|decision|permit):[^<]+<\/id>/);
      expect(entry).toMatch(/<title>[^<]+<\/title>/);
      expect(entry).toMatch(new RegExp(`<link rel="alternate" type="text/html" href="${base}/public/(applications|decisions|permits)\\?format=html#[^"]+"/>`));
      expect(entry).toMatch(/<summary xml:lang="nb">[^<]+<\/summary>/);
    }
    const entryOf = (id: string) => entries.find((e) => e.includes(`<id>${id}</id>`));
    expect(entryOf(`urn:helsedataservice:decision:${refused.reference}`)).toContain('<title>Vedtak i sak ' + refused.reference + ': Avslått</title>');
    expect(entryOf(`urn:helsedataservice:decision:${partial.reference}`)).toContain('Delvis innvilget prosjekt');
    expect(entryOf(`urn:helsedataservice:application:${partial.reference}`)).toContain('<title>Søknad ' + partial.reference + ': Delvis innvilget prosjekt</title>');
    expect(entryOf(`urn:helsedataservice:application:${approved.reference}`)).toContain('Hjerte, &quot;svangerskap&quot; &amp; &lt;diabetes&gt;');
    expect(feed).not.toContain(unapproved.reference);
    // A permit's revocation is in the feed the moment it happens, with the day.
    const permitEntry = entryOf(`urn:helsedataservice:permit:${revoked.reference}:${revocationId}`);
    expect(permitEntry).toContain(`<title>Tillatelse ${revoked.reference}: Tilbakekalt</title>`);
    expect(permitEntry).toContain(`har status tilbakekalt fra ${norwegianDate(osloDay(new Date()))}.</summary>`);
    expect(feed).not.toContain(`urn:helsedataservice:decision:${unpublished.reference}`);
    expect(feed).not.toContain(refusalReason);
    expect(feed).not.toContain(unapprovedTitle);
  });
});

describe('the link bar', () => {
  const pages = ['/public/applications', '/public/decisions', '/public/permits', '/public/statistics/activity', '/public/statistics/processing-times'];
  it('links every public web page to the others and to the feed, marking the page itself', async () => {
    for (const page of pages) {
      const body = (await open(`${page}?format=html`)).body;
      const bar = body.match(/<nav aria-label="Offentlige sider" class="public-pages">(.*?)<\/nav>/)?.[1];
      expect(bar, page).toBeDefined();
      for (const other of [...pages, '/public/feed'].filter((p) => p !== page)) expect(bar, `${page} to ${other}`).toContain(`<a href="${other}">`);
      expect(bar, page).toContain(`<a href="${page}" aria-current="page">`);
    }
  });
});
