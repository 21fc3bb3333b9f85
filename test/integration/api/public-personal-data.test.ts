// No public format ever contains personal data. Cases whose every personal field holds a
// distinctive string (the project leader, the e-mail, a phone number, the invoice reference, a
// fødselsnummer and a patient's name in the project title, an institution named after a
// person, the reasons written per source, the caseworkers' and the integrator's user ids) are
// decided, published and revoked; then every public endpoint, in each of its formats, must
// contain none of those strings, and its JSON no key outside an allow-list.
import { beforeAll, describe, expect, it } from 'vitest';
import { applicationTypes } from '../../../api/schemas.ts';
import { permitEvent } from '../../../domain/permit/states.ts';
import { publicOutcomeNames } from '../../../domain/publication/decision-publication.ts';
import { applyPermitEvent } from '../../../store/permit/events.ts';
import { apiHarness, validSubmission } from '../harness.ts';
import { insertPermit } from '../permit-fixtures.ts';
import { approveSummary, decideCase, insertPublication, submitCase } from '../publication-fixtures.ts';

const h = apiHarness();

const secret = {
  projectLeader: 'Ragnhild Personvernsen',
  email: 'ragnhild.personvernsen@example.no',
  phone: '+47 912 34 567',
  invoiceReference: 'FAKTURAREF-HEMMELIG-4711',
  nationalIdentityNumber: '15059010023',
  patient: 'Åse Ødegård Bjørnstad',
  institution: 'Legekontoret Ola Hemmeligsen',
  refusalReason: 'Avslagsgrunn per kilde som bare søkeren skal se',
  decidedBy: 'beslutter-hemmelig-77',
  publishedBy: 'saksbehandler-hemmelig-88',
  approvedBy: 'saksbehandler-hemmelig-99',
  revokedBy: 'saksbehandler-hemmelig-66',
  submitter: 'integrator-hemmelig-55',
  personWithAccess: 'Torleif Tilgangsen',
};

const submission = {
  ...validSubmission,
  project: {
    ...validSubmission.project,
    title: `Oppfølging av pasient ${secret.nationalIdentityNumber} (${secret.patient})`,
    description: `Ring prosjektleder på ${secret.phone}.`,
  },
  projectLeader: { name: secret.projectLeader, email: secret.email },
  personsWithAccess: [{ name: secret.personWithAccess, role: 'Statistiker' }],
  institution: { name: secret.institution, organisationNumber: '983744516', invoiceReference: secret.invoiceReference },
};

const npr = (refused: boolean) => ({ registerId: 'NPR', asked: ['hoveddiagnose', 'innleggelsesdato'], granted: refused ? [] : ['hoveddiagnose'], refusalReason: secret.refusalReason });

beforeAll(async () => {
  // Approved, decided in part, published, made a permit and revoked.
  const permit = await insertPermit(h, { submission, submittedBy: secret.submitter, publicSummary: { title: 'Oppfølging etter hjerteinfarkt', summary: 'Hvordan går det fem år etter?', institution: 'Et legekontor i Bergen' } });
  await h.db('public_summaries').where({ application_id: permit.applicationId }).update({ approved_by: secret.approvedBy });
  await h.db('decisions').where({ application_id: permit.applicationId }).update({ outcome: 'partial-grant', decided_by: secret.decidedBy });
  await insertPublication(h, permit.applicationId, { sources: [{ registerId: 'MFR', asked: ['fodselsaar'], granted: ['fodselsaar'] }, npr(false)], publishedAt: new Date(), publishedBy: secret.publishedBy, publicReasons: 'Innleggelsesdato er ikke nødvendig for formålet.' });
  await h.db.transaction((tx) => applyPermitEvent(tx, { permitId: permit.id, event: permitEvent.permitRevoked, actor: secret.revokedBy, now: new Date() }));
  // Refused and published, its summary never approved.
  const refused = await submitCase(h, submission, secret.submitter);
  await decideCase(h, refused.id, { outcome: 'refusal', decidedBy: secret.decidedBy, sources: [npr(true)], publishedAt: new Date(), publishedBy: secret.publishedBy, publicReasons: 'Formålet er ikke forskning.' });
  // Approved, not yet decided; and one neither approved nor decided.
  const approved = await submitCase(h, submission, secret.submitter);
  await approveSummary(h, approved.id, { title: 'Et godkjent prosjekt' });
  await submitCase(h, submission, secret.submitter);
});

const pages = ['/public/permits', '/public/applications', '/public/decisions'];
const statistics = ['/public/statistics/activity', '/public/statistics/processing-times'];

// Every key a public JSON document may have: the registers' fields and the statistics'
// figures; the statistics count by application type and outcome, whose codes are keys too.
const allowedKeys = new Set([
  ...['items', 'nextCursor', 'reference', 'institution', 'publicTitle', 'publicSummary', 'purpose', 'sources', 'registers', 'registerId', 'name', 'period', 'startDate', 'endDate'],
  ...['decidedOn', 'decidingBody', 'refusals', 'wholeSource', 'variablesRefused', 'state', 'stateName', 'stateSince', 'changes', 'on', 'receivedOn'],
  ...['outcome', 'outcomeName', 'publishedOn', 'publicReasons'],
  ...['computedAt', 'from', 'to', 'total', 'received', 'byType', 'decisions', 'byOutcome', 'toDecision', 'toDelivery', 'cases', 'medianDays', 'meanDays'],
  ...['statutoryDeadline', 'decided', 'withinDeadline', 'share', 'backlogAtEnd', 'open', 'stages', 'code'],
  ...['forecastComputedAt', 'figuresComputedAt', 'lastTwelveMonths', 'expected', 'median'],
  ...applicationTypes,
  ...Object.keys(publicOutcomeNames),
]);

function keysOf(value: unknown, keys = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) keysOf(item, keys);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      keys.add(key);
      keysOf(inner, keys);
    }
  }
  return keys;
}

describe('the public pages and files', () => {
  it('never contain personal data, in any format, and their JSON only allowed keys', async () => {
    const urls = [
      ...pages.flatMap((p) => [`${p}?limit=100`, `${p}?format=html&limit=100`, `${p}?format=csv`]),
      '/public/feed',
      ...statistics.flatMap((p) => [p, `${p}?format=html`]),
      '/public/statistics/activity?format=csv',
    ];
    for (const url of urls) {
      const res = await h.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      for (const [what, value] of Object.entries(secret)) expect(res.body, `${what} in ${url}`).not.toContain(value);
      if (!res.headers['content-type']?.toString().startsWith('application/json')) continue;
      const unexpected = [...keysOf(res.json())].filter((key) => !allowedKeys.has(key));
      expect(unexpected, `keys of ${url}`).toEqual([]);
    }
  });

  it('show the cases all the same, with only what a caseworker approved', async () => {
    const permits = (await h.app.inject({ method: 'GET', url: '/public/permits?limit=100' })).body;
    expect(permits).toContain('Et legekontor i Bergen');
    expect(permits).toContain('"stateName":"Tilbakekalt"');
    const decisions = (await h.app.inject({ method: 'GET', url: '/public/decisions?limit=100' })).body;
    expect(decisions).toContain('Innleggelsesdato er ikke nødvendig for formålet.');
    expect(decisions).toContain('Formålet er ikke forskning.');
    expect((await h.app.inject({ method: 'GET', url: '/public/applications?limit=100' })).body).toContain('Et godkjent prosjekt');
  });
});
