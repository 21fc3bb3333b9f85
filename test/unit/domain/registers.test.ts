import { describe, expect, it } from 'vitest';
import { custodianName, custodianOn, findRegister, isCentralRegister, registers, registersByCustodian, registersHeldBy } from '../../../domain/registers.ts';

describe('register table', () => {
  it('holds the 11 central registers HDS decides for', () => {
    expect(registers.filter((r) => r.kind === 'central')).toHaveLength(11);
  });

  it('names a known custodian for every holder, with periods that do not overlap', () => {
    for (const register of registers) {
      for (const holder of register.holders) expect(custodianName(holder.custodian), register.id).toBeTruthy();
      const periods = register.holders.map((h) => [h.from, h.to ?? '9999-12-31']).sort();
      for (let i = 1; i < periods.length; i++) expect(periods[i]![0]! > periods[i - 1]![1]!, register.id).toBe(true);
    }
  });

  it('follows the 2024 moves of Kreftregisteret, NPR and KPR into FHI and SLV becoming DMP', () => {
    expect(custodianOn('KREFT', '2023-06-01')).toBe('KREFTREGISTERET');
    expect(custodianOn('KREFT', '2024-01-01')).toBe('FHI');
    expect(custodianOn('NPR', '2023-12-31')).toBe('HDIR');
    expect(custodianOn('KPR', '2026-11-22')).toBe('FHI');
    expect(custodianOn('BIVIRK', '2026-11-22')).toBe('DMP');
  });

  it('lists the registers a custodian holds on the day, as they moved', () => {
    expect(registersHeldBy('KREFTREGISTERET', '2023-06-01')).toContain('KREFT');
    expect(registersHeldBy('KREFTREGISTERET', '2024-01-01')).toEqual([]);
    expect(registersHeldBy('FHI', '2024-01-01')).toEqual(expect.arrayContaining(['KREFT', 'MFR', 'NPR', 'KPR']));
    for (const day of ['2023-06-01', '2026-11-22']) {
      for (const register of registers) {
        if (register.holders.some((h) => h.from <= day && (!h.to || day <= h.to))) expect(registersHeldBy(custodianOn(register.id, day), day), `${register.id} ${day}`).toContain(register.id);
      }
    }
  });

  it('tells central registers from other sources', () => {
    expect(isCentralRegister('MFR')).toBe(true);
    expect(isCentralRegister('NDR')).toBe(false);
    expect(isCentralRegister('NOPE')).toBe(false);
    expect(findRegister('NDR')?.kind).toBe('quality');
  });

  it('refuses an unknown register', () => {
    expect(() => custodianOn('NOPE', '2026-01-01')).toThrow(RangeError);
  });
});

describe('registersByCustodian', () => {
  it('makes one order per custodian, as custodians held the registers on the day', () => {
    const now = registersByCustodian(['MFR', 'NPR', 'KREFT', 'BIVIRK'], '2026-11-22');
    expect([...now.entries()]).toEqual([['FHI', ['MFR', 'NPR', 'KREFT']], ['DMP', ['BIVIRK']]]);
    const before = registersByCustodian(['MFR', 'NPR', 'KREFT'], '2023-06-01');
    expect([...before.keys()].sort()).toEqual(['FHI', 'HDIR', 'KREFTREGISTERET']);
  });
});
