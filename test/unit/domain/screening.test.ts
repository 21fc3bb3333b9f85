import { describe, expect, it } from 'vitest';
import { identityNumberKind, personsNamedIn, screenText, screenTexts } from '../../../domain/publication/screening.ts';

const kinds = (text: string, persons: string[] = []) => screenText('title', text, persons).map((f) => [f.kind, f.match]);

describe('identityNumberKind', () => {
  it.each([
    ['15059010023', 'national-identity-number'],
    ['31129945020', 'national-identity-number'],
    // Day + 40: a D-nummer.
    ['55059010017', 'd-number'],
    // Month + 80: a synthetic test number, which a reader takes for a real one.
    ['41857034560', 'd-number'],
  ])('knows %s as a %s', (value, kind) => {
    expect(identityNumberKind(value)).toBe(kind);
  });

  it.each([
    ['15059010024', 'the second check digit is wrong'],
    ['15059010013', 'the first check digit is wrong'],
    ['55059010018', 'a D-nummer with a wrong check digit'],
    ['00000000000', 'day 0'],
    ['1505901002', 'ten digits'],
  ])('does not take %s for one (%s)', (value) => {
    expect(identityNumberKind(value)).toBeUndefined();
  });
});

describe('screenText', () => {
  it('flags a fødselsnummer and a D-nummer with valid check digits, also written 6 + 5, and leaves invalid ones', () => {
    expect(kinds('Pasient 15059010023 og 550590 10017')).toEqual([
      ['national-identity-number', '15059010023'],
      ['d-number', '550590 10017'],
    ]);
    expect(kinds('Kohort 15059010024, løpenummer 55059010018 og 150590100231')).toEqual([]);
  });

  it('flags e-mail addresses, also with Norwegian letters', () => {
    expect(kinds('Kontakt åse.ødegård@sykehus.no eller post@fhi.no')).toEqual([
      ['email', 'åse.ødegård@sykehus.no'],
      ['email', 'post@fhi.no'],
    ]);
  });

  it('flags Norwegian phone numbers, together, grouped and with +47 or 0047', () => {
    expect(kinds('Ring 91234567, 912 34 567, 22 33 44 55, +47 41234567 eller 0047 98765432')).toEqual([
      ['phone', '91234567'],
      ['phone', '912 34 567'],
      ['phone', '22 33 44 55'],
      ['phone', '+47 41234567'],
      ['phone', '0047 98765432'],
    ]);
  });

  it('leaves years, periods, organisation numbers and short counts alone', () => {
    expect(kinds('Data fra 2010 2020, 2010–2020, org.nr. 983744516, 1234567 personer')).toEqual([]);
  });

  it('flags the persons the application names: the whole name, first and last name, and the surname', () => {
    const persons = ['Åse Ødegård Bjørnstad'];
    expect(kinds('Studie ved åse ødegård bjørnstad', persons)).toEqual([['person-named', 'åse ødegård bjørnstad']]);
    expect(kinds('Studie ledet av Åse  Bjørnstad', persons)).toEqual([['person-named', 'Åse  Bjørnstad']]);
    expect(kinds('Bjørnstads kohort og bjørnstad-studien', persons)).toEqual([
      ['person-named', 'Bjørnstads'],
      ['person-named', 'bjørnstad'],
    ]);
    // Part of a longer word is not the name.
    expect(kinds('Bjørnstadvik skole', persons)).toEqual([]);
  });

  it('flags two or more capitalised words in a row as a possible name', () => {
    expect(kinds('Vaksiner hos pasient 15059010023 (Åse Ødegård Bjørnstad)')).toEqual([
      ['national-identity-number', '15059010023'],
      ['possible-name', 'Åse Ødegård Bjørnstad'],
    ]);
    expect(kinds('Hjertesykdom og svangerskap i Norge')).toEqual([]);
  });

  it('names where each finding is in its field', () => {
    const text = 'Ved Per Hansen, 91234567';
    expect(screenText('summary', text, ['Per Hansen'])).toEqual([
      { field: 'summary', kind: 'person-named', match: 'Per Hansen', start: 4, end: 14 },
      { field: 'summary', kind: 'phone', match: '91234567', start: 16, end: 24 },
    ]);
  });
});

describe('screenTexts', () => {
  it('screens every text that would be published, and skips those left out', () => {
    const findings = screenTexts({ publicTitle: 'Studie av Hansen', publicSummary: 'Skriv til per@uio.no', projectTitle: undefined }, ['Per Hansen']);
    expect(findings.map((f) => [f.field, f.kind])).toEqual([
      ['publicTitle', 'person-named'],
      ['publicSummary', 'email'],
    ]);
  });
});

describe('personsNamedIn', () => {
  it('takes the project leader and the invoice reference, when given', () => {
    expect(personsNamedIn({ projectLeader: { name: 'Åse Bjørnstad' }, institution: { invoiceReference: 'Ola Nordmann' } })).toEqual(['Åse Bjørnstad', 'Ola Nordmann']);
    expect(personsNamedIn({ projectLeader: { name: ' ' }, institution: {} })).toEqual([]);
  });

  it('takes the other persons with access to the data too', () => {
    const named = personsNamedIn({ projectLeader: { name: 'Åse Bjørnstad' }, personsWithAccess: [{ name: 'Per Berg' }], institution: {} });
    expect(named).toEqual(['Åse Bjørnstad', 'Per Berg']);
    expect(screenText('title', 'Studie ved Bergs gruppe', named).map((f) => f.kind)).toEqual(['person-named']);
  });
});
