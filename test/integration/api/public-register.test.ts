// The public register of permits, without login: what it shows of each permit, in JSON, as a
// web page and as CSV, its state and the day it took it, and what it must never show (persons,
// variables, conditions, the case's internals, revocation reasons).
import { beforeAll, describe, expect, it } from 'vitest';
import { permitEvent, type PermitEvent } from '../../../domain/permit/states.ts';
import { approvalProblems, screenSummary } from '../../../domain/publication/public-summary.ts';
import { personsNamedIn } from '../../../domain/publication/screening.ts';
import { applyPermitEvent } from '../../../store/permit/events.ts';
import { approvePublicSummary } from '../../../store/publication/public-summaries.ts';
import { bearer } from '../auth.ts';
import { apiHarness, validSubmission } from '../harness.ts';
import { insertPermit } from '../permit-fixtures.ts';

const h = apiHarness();

// Personal data and internals that the fixtures put in the case file, each of which the
// register must leave out.
const secret = {
  projectLeader: 'Sigrid Hemmelig',
  email: 'sigrid.hemmelig@example.no',
  organisationNumber: '983744516',
  variable: 'diagnosekode-hemmelig',
  conditions: 'Vilkår som ikke skal publiseres',
  submitter: 'integrator-hemmelig',
  revocationReason: 'Begrunnelse for tilbakekall som ikke skal publiseres',
};

const submission = {
  ...validSubmission,
  project: { ...validSubmission.project, title: 'Prosjekttittel som ikke er godkjent for publisering' },
  projectLeader: { name: secret.projectLeader, email: secret.email },
  dataSources: [
    { registerId: 'MFR', variables: [secret.variable], period: { startDate: '2000-01-01', endDate: '2020-12-31' } },
    { registerId: 'SYSVAK', variables: ['vaksine'], period: { startDate: '2000-01-01', endDate: '2020-12-31' } },
  ],
  analysisEnvironment: 'HUNT Cloud',
};

let published: { id: string; applicationId: string; reference: string };

beforeAll(async () => {
  // Decided at 23:30 UTC on 1 March: 2 March in Norway.
  published = await insertPermit(h, { submittedBy: secret.submitter, submission, conditions: secret.conditions, state: 'revoked', decidedAt: new Date('2026-03-01T23:30:00Z'), stateChangedAt: new Date('2026-04-15T08:00:00Z'), publicSummary: { title: 'Vaksiner & svangerskap <2026>', summary: 'Gir vaksiner i svangerskapet færre infeksjoner hos barnet?' } });
  await h.db('permit_revocations').insert({ id: crypto.randomUUID(), permit_id: published.id, reason: secret.revocationReason, requested_by: 'saksbehandler', outcome: 'revoked' });
  for (let n = 0; n < 3; n++) await insertPermit(h, { decidedAt: new Date(`2026-02-0${n + 1}T10:00:00Z`) });
});

const open = (url: string, headers: Record<string, string> = {}) => h.app.inject({ method: 'GET', url, headers });

function expectNothingSecret(body: string) {
  for (const [what, value] of Object.entries(secret)) expect(body, what).not.toContain(value);
  expect(body).not.toContain(submission.project.title);
  expect(body).not.toContain(published.id);
  expect(body).not.toContain(published.applicationId);
  expect(body).not.toContain('HUNT Cloud');
}

describe('GET /public/permits', () => {
  it('shows each permit without login: institution, project, purpose, sources, period, decision day and deciding body', async () => {
    const res = await open('/public/permits?limit=100');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const item = res.json().items.find((p: { reference: string }) => p.reference === published.reference);
    expect(item).toEqual({
      reference: published.reference,
      institution: 'Folkehelseinstituttet',
      publicTitle: 'Vaksiner & svangerskap <2026>',
      publicSummary: 'Gir vaksiner i svangerskapet færre infeksjoner hos barnet?',
      purpose: 'Forskning',
      sources: [
        { registerId: 'MFR', name: 'Medisinsk fødselsregister' },
        { registerId: 'SYSVAK', name: 'System for vaksinasjonskontroll' },
      ],
      period: { startDate: '2025-01-01', endDate: '2029-12-31' },
      decidedOn: '2026-03-02',
      decidingBody: 'Helsedataservice',
      refusals: [],
      state: 'revoked',
      stateName: 'Tilbakekalt',
      stateSince: '2026-04-15',
      changes: [
        { state: 'active', stateName: 'Aktiv', on: '2026-03-02' },
        { state: 'revoked', stateName: 'Tilbakekalt', on: '2026-04-15' },
      ],
    });
    expectNothingSecret(res.body);
  });

  it('publishes a permit as soon as it is decided, newest first, and filters by source', async () => {
    const fresh = await insertPermit(h);
    const { items } = (await open('/public/permits')).json();
    expect(items[0].reference).toBe(fresh.reference);
    // Other test files' permits may be in the register too: each listed one names SYSVAK.
    const sysvak = (await open('/public/permits?registerId=SYSVAK&limit=100')).json().items;
    expect(sysvak.map((p: { reference: string }) => p.reference)).toContain(published.reference);
    expect(sysvak.map((p: { reference: string }) => p.reference)).not.toContain(fresh.reference);
    for (const permit of sysvak) expect(permit.sources.map((source: { registerId: string }) => source.registerId)).toContain('SYSVAK');
  });

  it('pages with a cursor and refuses one it did not issue', async () => {
    const first = (await open('/public/permits?limit=2')).json();
    const second = (await open(`/public/permits?limit=2&cursor=${first.nextCursor}`)).json();
    // The two pages are the first four permits, none twice and none left out.
    const four = (await open('/public/permits?limit=4')).json();
    const references = (page: { items: { reference: string }[] }) => page.items.map((p) => p.reference);
    expect(four.items).toHaveLength(4);
    expect([...references(first), ...references(second)]).toEqual(references(four));
    const bad = await open('/public/permits?cursor=abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });

  it('is a web page for a browser, with no script and a policy that allows none', async () => {
    const res = await open('/public/permits?limit=100', { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers.vary).toContain('Accept');
    expect(res.body).not.toMatch(/<script/i);
    expect(res.body).toContain('Vaksiner &amp; svangerskap &lt;2026&gt;');
    expect(res.body).toContain(`<td>${published.reference}</td>`);
    expect(res.body).toContain('<td>02.03.2026</td>');
    expect(res.body).toContain('<td>Tilbakekalt fra 15.04.2026<ol class="history" aria-label="Endringer"><li>Aktiv 02.03.2026</li><li>Tilbakekalt 15.04.2026</li></ol></td>');
    expectNothingSecret(res.body);
  });

  it('is a CSV file of every permit', async () => {
    const res = await open('/public/permits?format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toBe('attachment; filename="tillatelser.csv"');
    const lines = res.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('saksnummer,institusjon,offentlig_tittel,offentlig_sammendrag,formaal,datakilder,periode_fra,periode_til,vedtaksdato,vedtaksorgan,avslaatt,status,status_fra,endringer');
    const [{ n }] = (await h.db('permits').count('* as n')) as [{ n: string }];
    expect(lines).toHaveLength(Number(n) + 1);
    expect(lines).toContain(`${published.reference},Folkehelseinstituttet,Vaksiner & svangerskap <2026>,Gir vaksiner i svangerskapet færre infeksjoner hos barnet?,Forskning,MFR SYSVAK,2025-01-01,2029-12-31,2026-03-02,Helsedataservice,,Tilbakekalt,2026-04-15,Aktiv 2026-03-02; Tilbakekalt 2026-04-15`);
    expectNothingSecret(res.body);
    expect((await open('/public/permits', { accept: 'text/csv' })).headers['content-type']).toContain('text/csv');
  });

  // Each state change goes through the permit's state module, as the workers and routes apply it.
  const apply = (permitId: string, event: PermitEvent, now: Date) => h.db.transaction((tx) => applyPermitEvent(tx, { permitId, event, actor: 'system', now }));
  const entry = async (reference: string) => (await open('/public/permits?limit=100')).json().items.find((p: { reference: string }) => p.reference === reference);

  it('shows a revocation the same day, in every format', async () => {
    const permit = await insertPermit(h, { decidedAt: new Date('2026-01-05T10:00:00Z') });
    expect(await entry(permit.reference)).toMatchObject({ state: 'active', stateName: 'Aktiv', stateSince: '2026-01-05' });
    // Revoked at 23:30 UTC on 9 June: 10 June in Norway.
    await apply(permit.id, permitEvent.permitRevoked, new Date('2026-06-09T23:30:00Z'));
    expect(await entry(permit.reference)).toMatchObject({
      state: 'revoked',
      stateName: 'Tilbakekalt',
      stateSince: '2026-06-10',
      changes: [
        { state: 'active', stateName: 'Aktiv', on: '2026-01-05' },
        { state: 'revoked', stateName: 'Tilbakekalt', on: '2026-06-10' },
      ],
    });
    const page = (await open('/public/permits?format=html&limit=100')).body;
    const row = page.split('<tr ').find((r) => r.includes(`<td>${permit.reference}</td>`));
    expect(row).toContain('<td>Tilbakekalt fra 10.06.2026<ol class="history" aria-label="Endringer"><li>Aktiv 05.01.2026</li><li>Tilbakekalt 10.06.2026</li></ol></td>');
    const csv = (await open('/public/permits?format=csv')).body.split('\r\n');
    expect(csv.find((line) => line.startsWith(`${permit.reference},`))).toMatch(/,Tilbakekalt,2026-06-10,Aktiv 2026-01-05; Tilbakekalt 2026-06-10$/);
  });

  it('shows each later state with the day the permit took it, and keeps the day when a step leaves the state as it was', async () => {
    const permit = await insertPermit(h, { decidedAt: new Date('2026-01-05T10:00:00Z') });
    await apply(permit.id, permitEvent.permitExtended, new Date('2026-02-10T10:00:00Z'));
    expect(await entry(permit.reference)).toMatchObject({ state: 'extended', stateName: 'Forlenget', stateSince: '2026-02-10' });
    await apply(permit.id, permitEvent.deliveryRequested, new Date('2026-02-20T10:00:00Z'));
    expect(await entry(permit.reference)).toMatchObject({ state: 'extended', stateSince: '2026-02-10' });
    await apply(permit.id, permitEvent.permitExpired, new Date('2026-03-01T10:00:00Z'));
    expect(await entry(permit.reference)).toMatchObject({ state: 'expired', stateName: 'Utløpt', stateSince: '2026-03-01' });
    await apply(permit.id, permitEvent.permitClosed, new Date('2026-03-20T10:00:00Z'));
    expect(await entry(permit.reference)).toMatchObject({ state: 'closed', stateName: 'Avsluttet', stateSince: '2026-03-20' });
    // The history has each change of state, and no entry for the step that kept it.
    expect((await entry(permit.reference)).changes).toEqual([
      { state: 'active', stateName: 'Aktiv', on: '2026-01-05' },
      { state: 'extended', stateName: 'Forlenget', on: '2026-02-10' },
      { state: 'expired', stateName: 'Utløpt', on: '2026-03-01' },
      { state: 'closed', stateName: 'Avsluttet', on: '2026-03-20' },
    ]);
  });

  it('never shows personal data written in the application, in any format: only a title a caseworker approved after screening', async () => {
    const number = '15059010023';
    const patient = 'Åse Ødegård Bjørnstad';
    const leaked = { ...validSubmission, project: { ...validSubmission.project, title: `Oppfølging av pasient ${number} (${patient})` }, projectLeader: { name: 'Kari Nordmann', email: 'kari.nordmann@example.no' } };
    const permit = await insertPermit(h, { submission: leaked });
    const formats = async () => [(await open('/public/permits?limit=100')).body, (await open('/public/permits?format=html&limit=100')).body, (await open('/public/permits?format=csv')).body];
    const expectNoPerson = (body: string) => {
      for (const value of [number, patient, 'Bjørnstad', 'Kari Nordmann', 'kari.nordmann@example.no', leaked.project.title]) expect(body).not.toContain(value);
    };
    // Before approval the register has the permit, but nothing of its title or institution.
    expect(await entry(permit.reference)).toMatchObject({ institution: null, publicTitle: null, publicSummary: null });
    expect((await open('/public/permits?format=html&limit=100')).body.split('<tr ').find((r) => r.includes(permit.reference))).toContain('Ikke publisert ennå');
    for (const body of await formats()) expectNoPerson(body);
    // The screening stops the raw title from being approved as it stands.
    const raw = { title: leaked.project.title, summary: 'Kontakt kari.nordmann@example.no eller 912 34 567.', institution: 'Folkehelseinstituttet' };
    const findings = screenSummary(raw, personsNamedIn(leaked));
    expect(findings.map((f) => f.kind)).toEqual(['national-identity-number', 'possible-name', 'email', 'phone']);
    expect(approvalProblems({ ...raw, findingsCleared: false }, findings)).toHaveLength(1);
    // The caseworker's edited text is what the register shows.
    // The institution as approved, not as the application gave it (permits.institution_name).
    const edited = { title: 'Oppfølging av pasienter etter hjerteinfarkt', summary: 'Hvordan går det med pasienter fem år etter et hjerteinfarkt?', institution: 'Godkjent institusjon' };
    expect(screenSummary(edited, personsNamedIn(leaked))).toEqual([]);
    await h.db.transaction((tx) => approvePublicSummary(tx, { applicationId: permit.applicationId, ...edited, findings: [], approvedBy: 'saksbehandler', now: new Date(), qualifier: 'test' }));
    expect(await entry(permit.reference)).toMatchObject({ institution: 'Godkjent institusjon', publicTitle: edited.title, publicSummary: edited.summary });
    for (const body of await formats()) {
      expect(body).toContain(edited.title);
      expectNoPerson(body);
    }
    const approved = await h.db('public_summaries').where({ application_id: permit.applicationId }).first();
    expect(approved).toMatchObject({ title: edited.title, summary: edited.summary, approved_by: 'saksbehandler' });
  });

  it('needs no token, and ignores one', async () => {
    expect((await open('/public/permits', bearer('caseworker'))).statusCode).toBe(200);
  });
});
