// A reader's check: every template rendered for each outcome it serves, its text searched for
// what it must say (the rules it rests on, forvaltningsloven § 27's items, deadlines, the
// address and channel of an appeal, amounts) and for what it must not (fee text without a fee,
// GDPR articles for anonymous data, ISO dates, a "no conditions" line on a refusal).
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decisionTemplateFor } from '../../../domain/letter/kinds.ts';
import { lettersDir, renderLetter } from '../../../store/letter/templates.ts';
import { letterFacts } from '../../fixtures/letter-facts.ts';

const isoDate = /\b\d{4}-\d{2}-\d{2}\b/;
const appealItems = [
  'forvaltningsloven § 27 tredje ledd',
  'innen 23.12.2026',
  'forvaltningsloven §§ 28 og 29',
  'Helsedataservice, Postboks 220 Skøyen, 0213 Oslo',
  'helsedata.no, under «Mine søknader»',
  'Helseklage',
  'Du har rett til å se dokumentene i saken (forvaltningsloven § 18)',
];
const reasonsItems = ['forvaltningsloven §§ 24 og 25', 'Regler:', 'Faktum:', 'Hovedhensyn:'];

const refusedSources = [
  { name: 'Medisinsk fødselsregister (MFR)', periodStart: '2000-01-01', periodEnd: '2020-12-31', granted: false, outcomeText: 'avslått', variables: '', refusedVariables: '', dispensation: false, conditions: '', reason: 'Endringen går utover formålet i vedtaket.' },
];
const refusal = { ...letterFacts, granted: false, outcomeText: 'avslått', decisionSources: refusedSources, dispensationGranted: false, dispensationSources: '', conditions: '', permitEndsOn: null };
const anonymous = { ...letterFacts, personalData: false, gdprArticle6: null, gdprArticle9: null, dispensationGranted: false, dispensationSources: '' };
const exempt = { ...letterFacts, feeExemption: 'student-anonymous' };

type Reading = { template: string; outcome: string; facts: object; must: string[]; mustNot: (string | RegExp)[] };

const readings: Reading[] = [
  {
    template: 'decision',
    outcome: 'grant, one delivery',
    facts: letterFacts,
    must: [
      ...appealItems,
      ...reasonsItems,
      'Dataperiode: 01.01.2000 – 31.12.2020',
      'analyserommet TSD',
      'Tillatelsen gjelder til og med 31.12.2029',
      'Dispensasjonen gjelder bare denne utleveringen, ikke framtidige eller periodiske utleveringer.',
      'personvernforordningen artikkel 6 nr. 1 bokstav e og artikkel 9 nr. 2 bokstav j',
      'prosjektperioden 01.01.2025 – 31.12.2029',
      'til sammen kr 7 620',
      'Vedtaket er fattet av: Bente Beslutter',
    ],
    mustNot: ['Dispensasjonen gjelder også', 'periodiske utleveringer av de samme variablene'],
  },
  {
    template: 'decision',
    outcome: 'grant with periodic deliveries',
    facts: { ...letterFacts, periodicDeliveries: true },
    must: ['Dispensasjonen gjelder også de periodiske utleveringene tillatelsen gir rett til', 'be om nye, periodiske utleveringer'],
    mustNot: ['Dispensasjonen gjelder bare denne utleveringen'],
  },
  {
    template: 'decision',
    outcome: 'grant of anonymous data',
    facts: anonymous,
    must: ['gjelder anonyme opplysninger', 'helseregisterloven §§ 19 og 19 a til 19 h'],
    mustNot: ['personvernforordningen', /artikkel [69]/, 'helsepersonelloven § 29'],
  },
  {
    template: 'decision',
    outcome: 'refusal',
    facts: refusal,
    must: [...appealItems, ...reasonsItems, 'Helsedataservice har avslått søknaden', 'Begrunnelse for avslag: Endringen går utover formålet i vedtaket.'],
    mustNot: ['Tillatelsen gjelder til', 'ingen særskilte vilkår', 'Registerforvalterne fakturerer', 'dispensasjon', 'anonymisert statistikk'],
  },
  {
    template: 'decision',
    outcome: 'refusal with anonymised statistics offered instead (EHDS)',
    facts: { ...refusal, statisticsOffer: true },
    must: [
      ...appealItems,
      'Helsedataservice har avslått søknaden',
      'tilbyr Helsedataservice deg anonymisert statistikk i stedet (forordning (EU) 2025/327 art. 68 nr. 3): Antall fødsler med svangerskapsdiabetes per fylke og år.',
      'senest 16.12.2026 (10 virkedager fra vedtaket)',
      'står avslaget',
    ],
    mustNot: ['Tillatelsen gjelder til', 'Registerforvalterne fakturerer'],
  },
  {
    template: 'decision',
    outcome: 'grant without a fee',
    facts: exempt,
    must: ['Det betales ikke gebyr til Helsedataservice: student som ber om anonyme data.'],
    mustNot: ['kr ', 'Faktura sendes'],
  },
  {
    template: 'decision',
    outcome: 'data update within an earlier decision',
    facts: { ...letterFacts, isUpdate: true, feeExemption: 'data-update', permitEndsOn: '2027-12-31' },
    must: [...appealItems, 'om dataoppdatering etter vedtak HDS-2025-00007', 'innenfor vedtak HDS-2025-00007 og tillatelsen, som gjelder til og med 31.12.2027', 'dataoppdatering etter eksisterende vedtak'],
    mustNot: ['kr ', 'Tillatelsen gjelder til og med 31.12.2029'],
  },
  {
    template: 'change-refusal',
    outcome: 'change refused',
    facts: { ...refusal, isChange: true },
    must: [
      ...appealItems,
      ...reasonsItems,
      'Helsedataservice har avslått søknaden om endring av vedtak HDS-2025-00007 av 14.03.2025.',
      'Vedtak HDS-2025-00007 gjelder uendret',
      'Tillatelsen løper fortsatt til og med 31.12.2027',
      'Endringen går utover formålet i vedtaket.',
      'Opprettholder vi avslaget',
    ],
    mustNot: ['Vedtak om tilgang til helsedata', 'ingen særskilte vilkår', 'har ingen vilkår', 'Registerforvalterne fakturerer', 'MFR: avslått'],
  },
  {
    template: 'change-refusal',
    outcome: 'change refused without a fee',
    facts: { ...refusal, isChange: true, feeExemption: '', amountNok: 0 },
    must: ['gjelder uendret'],
    mustNot: ['kr ', 'Gebyr', 'gebyr'],
  },
  {
    template: 'extension-grant',
    outcome: 'extension granted',
    facts: { ...letterFacts, isChange: true },
    must: [...appealItems, ...reasonsItems, 'endring av vedtak HDS-2025-00007 av 14.03.2025', 'Tillatelsen forlenges fra 31.12.2027 til og med 31.12.2029.', 'analyserommet TSD', 'til sammen kr 7 620'],
    mustNot: ['ingen særskilte vilkår'],
  },
  {
    template: 'statistics-decision',
    outcome: 'request for statistics granted under EHDS',
    facts: { ...anonymous, statisticsRequest: true, feeExemption: '' },
    must: [
      ...appealItems,
      ...reasonsItems,
      'Helsedataservice har delvis innvilget forespørselen om anonymisert statistikk.',
      'anonymiserte, aggregerte tall (fylke, kjønn og femårige aldersgrupper)',
      'Små celler skjermes',
      'senest 02.03.2027 (3 måneder fra denne avgjørelsen, forordning (EU) 2025/327 art. 69 nr. 4)',
      'forordning (EU) 2025/327 artikkel 69',
      'til sammen kr 7 620',
    ],
    mustNot: ['personvernforordningen', /artikkel [69] nr/, 'helsepersonelloven § 29', 'Tillatelsen gjelder', 'Dispensasjonen gjelder'],
  },
  {
    template: 'statistics-decision',
    outcome: 'request for statistics refused under the Norwegian rules',
    facts: { ...refusal, ...{ personalData: false, gdprArticle6: null, gdprArticle9: null }, statisticsRequest: true, ehds: false },
    must: [...appealItems, ...reasonsItems, 'Helsedataservice har avslått forespørselen om anonymisert statistikk.', 'Begrunnelse for avslag: Endringen går utover formålet i vedtaket.', 'helseregisterloven §§ 19 og 19 a til 19 h'],
    mustNot: ['personvernforordningen', 'forordning (EU) 2025/327', 'helsepersonelloven § 29', 'Tillatelsen', 'senest', 'Ingen særskilte vilkår', 'dispensasjon fra taushetsplikt for'],
  },
  {
    template: 'permit-revocation-decision',
    outcome: 'revocation',
    // A Norwegian permit: its letters get no EHDS deletion rule.
    facts: { ...letterFacts, deletionRule: '', deletionPeriod: '' },
    must: [
      ...appealItems,
      ...reasonsItems,
      'med virkning fra 30.11.2026',
      'Dataene er delt med en forsker utenfor prosjektet, i strid med vilkårene.',
      'helseregisterloven §§ 19 og 19 a til 19 h',
      'slettes eller leveres tilbake innen 28.12.2026',
      'Saken er forberedt av: Siri Saksbehandler',
      'Vedtaket er fattet av: Bente Beslutter',
    ],
    mustNot: ['forordning (EU) 2025/327'],
  },
  {
    template: 'permit-revocation-decision',
    outcome: 'revocation under EHDS',
    facts: letterFacts,
    must: ['Dataene skal slettes senest 6 måneder etter at tillatelsen ble tilbakekalt, det vil si innen 28.12.2026 (forordning (EU) 2025/327 art. 68 nr. 12)'],
    mustNot: ['slettes eller leveres tilbake'],
  },
  {
    template: 'rejection',
    outcome: 'rejection, no fee charged',
    facts: letterFacts,
    must: [...appealItems, 'forvaltningsloven § 17', 'Vurdering fra personvernombudet', 'Du kan sende en ny søknad'],
    mustNot: ['gebyr', 'Gebyr', 'kr '],
  },
  {
    template: 'rejection',
    outcome: 'rejection after a fee was charged',
    facts: { ...letterFacts, feeCharged: true, amountNok: 3000 },
    must: ['Gebyret for denne søknaden, kr 3 000, blir ikke betalt tilbake.'],
    mustNot: ['nytt gebyr'],
  },
  {
    template: 'acknowledgement',
    outcome: 'received, with a forecast',
    facts: letterFacts,
    must: ['innen 60 virkedager (helseregisterloven § 19 f)', 'venter vi vedtak rundt 15.02.2027, mest sannsynlig mellom 20.01.2027 og 10.03.2027'],
    mustNot: ['3–5 måneder', 'måneder fram til vedtak'],
  },
  {
    template: 'acknowledgement',
    outcome: 'received, no forecast yet',
    facts: { ...letterFacts, forecastDecision: null },
    must: ['innen 60 virkedager (helseregisterloven § 19 f)'],
    mustNot: ['3–5 måneder', 'venter vi vedtak rundt'],
  },
  {
    template: 'supplement-reminder',
    outcome: 'reminder (no fee charged yet)',
    facts: letterFacts,
    must: ['innen 16.12.2026'],
    mustNot: ['gebyr'],
  },
  {
    template: 'appeal-dismissed',
    outcome: 'appeal too late',
    facts: letterFacts,
    must: ['Klagefristen var 23.12.2026', 'Du kan klage på avvisningen innen tre uker etter at du mottok dette brevet (forvaltningsloven §§ 28 og 29), det vil si innen 07.01.2027', 'Helsedataservice, Postboks 220 Skøyen, 0213 Oslo', 'helsedata.no, under «Mine søknader»'],
    mustNot: [],
  },
  {
    template: 'custodian-order',
    outcome: 'order of anonymised statistics',
    facts: { ...anonymous, statisticsRequest: true },
    must: ['forespørsel om anonymisert statistikk', 'aggregerte, anonymiserte tall (fylke, kjønn og femårige aldersgrupper)', 'Lever ingen opplysninger om enkeltpersoner', 'Frist for utlevering'],
    mustNot: ['Personer med tilgang', 'Analyserom', 'helsepersonelloven § 29', 'Vi ber dere tilrettelegge og utlevere dataene'],
  },
  {
    template: 'custodian-order',
    outcome: 'order',
    facts: letterFacts,
    must: ['prosjektperiode 01.01.2025 – 31.12.2029', 'periode 01.01.2000 – 31.12.2020'],
    mustNot: [],
  },
];

describe("a reader's check of the letters", () => {
  it.each(readings)('$template ($outcome) says what it must and nothing it must not', ({ template, facts, must, mustNot }) => {
    const body = renderLetter(template, facts).body;
    for (const text of must) expect(body).toContain(text);
    for (const text of mustNot) {
      if (typeof text === 'string') expect(body).not.toContain(text);
      else expect(body).not.toMatch(text);
    }
  });

  const templates = readdirSync(lettersDir).filter((f) => f.endsWith('.hbs')).map((f) => f.replace(/\.hbs$/, ''));
  const outcomes = [letterFacts, refusal, anonymous, exempt, { ...letterFacts, periodicDeliveries: true, isChange: true }];

  it.each(templates)('%s writes every date as dd.mm.yyyy and leaves no gap, for each outcome', (template) => {
    for (const facts of outcomes) {
      const { title, body } = renderLetter(template, facts);
      expect(`${title}\n${body}`).not.toMatch(isoDate);
      expect(body).not.toMatch(/\{\{|\}\}|undefined|null|NaN/);
    }
  });

  it('serves every letter that can be appealed with the appeal address and channel', () => {
    for (const template of ['decision', 'change-refusal', 'extension-grant', 'statistics-decision', 'permit-revocation-decision', 'rejection']) {
      const body = renderLetter(template, letterFacts).body;
      for (const text of appealItems) expect(body, template).toContain(text);
    }
  });
});

describe('which decision letter a decision gets', () => {
  const decision = { applicationType: 'new', outcome: 'grant', permitEndsOn: '2029-12-31', earlierPermitEndsOn: null };
  it.each([
    ['a new application, granted', decision, 'decision'],
    ['a new application, refused', { ...decision, outcome: 'refusal', permitEndsOn: null }, 'decision'],
    ['a change, refused', { ...decision, applicationType: 'change', outcome: 'refusal', permitEndsOn: null, earlierPermitEndsOn: '2027-12-31' }, 'change-refusal'],
    ['a change granted with a later end date', { ...decision, applicationType: 'change', earlierPermitEndsOn: '2027-12-31' }, 'extension-grant'],
    ['a change granted with the same end date', { ...decision, applicationType: 'change', earlierPermitEndsOn: '2029-12-31' }, 'decision'],
    ['a change to a decision without a permit here', { ...decision, applicationType: 'change' }, 'decision'],
    ['a request for anonymised statistics, granted', { ...decision, applicationType: 'anonymous-statistics', permitEndsOn: null }, 'statistics-decision'],
    ['a request for anonymised statistics, refused', { ...decision, applicationType: 'anonymous-statistics', outcome: 'refusal', permitEndsOn: null }, 'statistics-decision'],
  ])('%s: %s', (_name, input, expected) => {
    expect(decisionTemplateFor(input)).toBe(expected);
  });
});
