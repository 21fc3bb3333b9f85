import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { askedSources, decisionProblem, deriveOutcome, hoursProblem, hoursValue, slotCount, slotVariableNames, slotVariables, sourceOutcome, sourcesFromSlots, type SourceDecision } from '../../../domain/case/decision.ts';
import { registers } from '../../../domain/registers.ts';

const asked = askedSources([
  { registerId: 'MFR', variables: ['svangerskapsdiabetes', 'fødselsår'] },
  { registerId: 'NPR', variables: ['hoveddiagnose'] },
]);

const granted = (registerId: string, variables: string[]): SourceDecision => ({ registerId, granted: true, variables, dispensation: true, conditions: null, refusalReason: null });
const refused = (registerId: string, refusalReason: string | null = 'Ikke nødvendig for formålet.'): SourceDecision => ({ registerId, granted: false, variables: [], dispensation: false, conditions: null, refusalReason });

describe('deriveOutcome', () => {
  it('is a grant when every source is granted with every variable asked', () => {
    expect(deriveOutcome(asked, [granted('MFR', ['fødselsår', 'svangerskapsdiabetes']), granted('NPR', ['hoveddiagnose'])])).toBe('grant');
  });

  it('is a partial grant when a variable or a source is refused', () => {
    expect(deriveOutcome(asked, [granted('MFR', ['svangerskapsdiabetes']), granted('NPR', ['hoveddiagnose'])])).toBe('partial-grant');
    expect(deriveOutcome(asked, [granted('MFR', ['svangerskapsdiabetes', 'fødselsår']), refused('NPR')])).toBe('partial-grant');
  });

  it('is a refusal when no source is granted', () => {
    expect(deriveOutcome(asked, [refused('MFR'), refused('NPR')])).toBe('refusal');
  });
});

describe('sourceOutcome', () => {
  it('tells a source granted in full from one granted in part', () => {
    expect(sourceOutcome(asked[0], granted('MFR', ['svangerskapsdiabetes', 'fødselsår']))).toBe('grant');
    expect(sourceOutcome(asked[0], granted('MFR', ['fødselsår']))).toBe('partial-grant');
    expect(sourceOutcome(asked[0], refused('MFR'))).toBe('refusal');
  });
});

describe('askedSources', () => {
  it('merges a register named twice into one source', () => {
    expect(askedSources([{ registerId: 'MFR', variables: ['a', 'b'] }, { registerId: 'MFR', variables: ['b', 'c'] }, { registerId: 'NPR' }])).toEqual([
      { registerId: 'MFR', variables: ['a', 'b', 'c'] },
      { registerId: 'NPR', variables: [] },
    ]);
  });
});

describe('decisionProblem', () => {
  it('accepts granted subsets of the variables asked and refusals with a reason', () => {
    expect(decisionProblem(asked, [granted('MFR', ['fødselsår']), refused('NPR')])).toBeNull();
  });

  it('names a variable that was not asked for', () => {
    expect(decisionProblem(asked, [granted('MFR', ['fødselsår', 'bosted']), granted('NPR', ['hoveddiagnose'])])).toContain('bosted er ikke blant variablene søkeren ba om');
  });

  it('wants a reason for a refused source', () => {
    expect(decisionProblem(asked, [granted('MFR', ['fødselsår']), refused('NPR', null)])).toBe('Norsk pasientregister (NPR) er avslått uten begrunnelse. Skriv hvorfor kilden avslås.');
  });

  it('refuses a granted source without variables, a source not asked for and a missing source', () => {
    expect(decisionProblem(asked, [granted('MFR', []), granted('NPR', ['hoveddiagnose'])])).toContain('innvilget uten variabler');
    expect(decisionProblem(asked, [granted('MFR', ['fødselsår']), granted('NPR', ['hoveddiagnose']), granted('KPR', ['x'])])).toContain('KPR) er ikke en kilde i søknaden');
    expect(decisionProblem(asked, [granted('MFR', ['fødselsår'])])).toBe('Vedtaket mangler Norsk pasientregister (NPR).');
  });
});

describe('hoursProblem', () => {
  it('accepts 0 to 1000 hours, and says in Norwegian what is wrong with others', () => {
    expect(hoursProblem(0)).toBeNull();
    expect(hoursProblem(3.5)).toBeNull();
    expect(hoursProblem(1000)).toBeNull();
    expect(hoursProblem(-3)).toBe('Timer brukt må være et tall mellom 0 og 1000 (du skrev -3). Rett antallet timer og fullfør oppgaven på nytt.');
    expect(hoursProblem(100000)).toContain('mellom 0 og 1000');
    expect(hoursProblem(Number.NaN)).not.toBeNull();
    expect(hoursProblem('tre')).toContain('(du skrev tre)');
  });

  it('reads hours with a decimal comma or point', () => {
    expect(hoursValue(' 3,5 ')).toBe(3.5);
    expect(hoursValue('2.25')).toBe(2.25);
    expect(hoursValue(4)).toBe(4);
    expect(hoursValue('3,5,1')).toBeNaN();
    expect(hoursProblem('3,5')).toBeNull();
  });
});

describe('source slots', () => {
  it('has one slot per register in the table', () => {
    expect(slotCount).toBe(registers.length);
    expect(slotVariableNames()).toHaveLength(registers.length * 7);
  });

  it('fills a slot per source, granted with every variable asked, and empties the rest', () => {
    const slots = slotVariables(asked);
    expect(slots).toMatchObject({
      source1RegisterId: 'MFR',
      source1Name: 'Medisinsk fødselsregister (MFR)',
      source1Decision: 'granted',
      source1Variables: 'svangerskapsdiabetes\nfødselsår',
      source1Dispensation: false,
      source2RegisterId: 'NPR',
      source3RegisterId: '',
      source3Dispensation: false,
    });
    expect(slots).not.toHaveProperty('source3Name');
    expect(sourcesFromSlots(slots)).toEqual([
      { registerId: 'MFR', granted: true, variables: ['svangerskapsdiabetes', 'fødselsår'], dispensation: false, conditions: null, refusalReason: null },
      { registerId: 'NPR', granted: true, variables: ['hoveddiagnose'], dispensation: false, conditions: null, refusalReason: null },
    ]);
  });

  it('reads what the approver changed: variables deleted, a source refused with its reason', () => {
    const slots = { ...slotVariables(asked), source1Variables: ' fødselsår \r\n\n', source1Dispensation: true, source2Decision: 'refused', source2Reason: ' Ikke nødvendig. ', source2Dispensation: true };
    expect(sourcesFromSlots(slots)).toEqual([
      { registerId: 'MFR', granted: true, variables: ['fødselsår'], dispensation: true, conditions: null, refusalReason: null },
      { registerId: 'NPR', granted: false, variables: [], dispensation: false, conditions: null, refusalReason: 'Ikke nødvendig.' },
    ]);
  });

  it('puts a stored proposal back into the slots', () => {
    const proposal = [granted('MFR', ['fødselsår']), refused('NPR')];
    expect(sourcesFromSlots(slotVariables(asked, proposal))).toEqual(proposal);
  });

  it('matches the slots in both forms', () => {
    for (const form of ['legal-assessment', 'decision']) {
      const text = readFileSync(new URL(`../../../bpmn/forms/${form}.form`, import.meta.url), 'utf8');
      const keys = new Set([...text.matchAll(/"key": "(source\d+\w+)"/g)].map((m) => m[1]));
      for (const name of slotVariableNames().filter((n) => !n.endsWith('RegisterId'))) expect(keys.has(name), `${form}: ${name}`).toBe(true);
      expect(text).toContain(`"hide": "=source${slotCount}RegisterId = null or source${slotCount}RegisterId = \\"\\""`);
    }
  });
});
