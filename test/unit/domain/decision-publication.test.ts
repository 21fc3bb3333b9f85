import { describe, expect, it } from 'vitest';
import { proposedPublicReasons, publicationProblems, reasonsRequired, refusalsText, screenPublication } from '../../../domain/publication/decision-publication.ts';
import { publicationDueAt } from '../../../domain/deadlines.ts';

const persons = ['Kari Nordmann'];
const text = { title: 'Hjertesykdom etter svangerskapsdiabetes', institution: 'Folkehelseinstituttet' };

describe('the publication of a decision', () => {
  it('asks for public reasons for everything but a full grant', () => {
    expect(['grant', 'partial-grant', 'refusal', 'rejection'].filter((o) => reasonsRequired(o as never))).toEqual(['partial-grant', 'refusal', 'rejection']);
    expect(publicationProblems('grant', { ...text, findingsCleared: false }, [])).toEqual([]);
    expect(publicationProblems('refusal', { ...text, reasons: ' ', findingsCleared: false }, [])).toEqual(['Skriv en offentlig begrunnelse: vedtaket er «avslått».']);
  });

  it('screens the reasons with the rest, and refuses findings not cleared', () => {
    const approval = { ...text, reasons: 'Kari Nordmann kan nås på 912 34 567.', findingsCleared: false };
    const findings = screenPublication(approval, persons);
    expect(findings.map((f) => [f.field, f.kind, f.match])).toEqual([
      ['reasons', 'person-named', 'Kari Nordmann'],
      ['reasons', 'phone', '912 34 567'],
    ]);
    expect(publicationProblems('refusal', approval, findings)[0]).toContain('Offentlig begrunnelse: Telefonnummer («912 34 567»)');
    expect(publicationProblems('refusal', { ...approval, findingsCleared: true }, findings)).toEqual([]);
  });

  it("starts a rejection's reasons from the standard one, others from nothing", () => {
    expect(proposedPublicReasons('rejection')).toMatch(/^Søknaden ble avvist/);
    expect(proposedPublicReasons('partial-grant')).toBe('');
  });

  it('names what was refused per source, in whole or by its variables', () => {
    expect(refusalsText([{ registerId: 'MFR', wholeSource: false, variablesRefused: 1 }, { registerId: 'NPR', wholeSource: false, variablesRefused: 2 }, { registerId: 'BIVIRK', wholeSource: true, variablesRefused: 1 }])).toBe(
      'Medisinsk fødselsregister (MFR): 1 variabel\nNorsk pasientregister (NPR): 2 variabler\nSystem for bivirkningsrapportering (BIVIRK): hele kilden',
    );
  });

  it('is due at the end of the 30th working day after the decision, in Norway', () => {
    // Decided on Friday 18 December 2026: weekends, Christmas Day and New Year's Day do not
    // count (Christmas Eve and New Year's Eve are working days); the 30th is Tuesday 2 February.
    expect(publicationDueAt(new Date('2026-12-18T10:00:00Z')).toISOString()).toBe('2027-02-02T22:59:59.999Z');
  });
});
