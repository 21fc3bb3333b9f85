import { describe, expect, it } from 'vitest';
import { decidingCustodians, forwardingRecipients, recipientName } from '../../../domain/case/forwarding.ts';

describe('decidingCustodians', () => {
  it('takes the custodians of the central registers named, not those of the sources linked with them', () => {
    expect(decidingCustodians(['KREFT', 'SSB-BEFOLKNING', 'BIVIRK'], '2026-11-22')).toEqual([
      { custodianId: 'DMP', registerIds: ['BIVIRK'] },
      { custodianId: 'FHI', registerIds: ['KREFT'] },
    ]);
  });

  it('asks the register table who held each register on the day', () => {
    expect(decidingCustodians(['KREFT', 'MFR'], '2023-12-31')).toEqual([
      { custodianId: 'FHI', registerIds: ['MFR'] },
      { custodianId: 'KREFTREGISTERET', registerIds: ['KREFT'] },
    ]);
    expect(decidingCustodians(['KREFT', 'MFR'], '2024-01-01')).toEqual([{ custodianId: 'FHI', registerIds: ['KREFT', 'MFR'] }]);
  });

  it('takes every source named when no central register is among them', () => {
    expect(decidingCustodians(['SSB-BEFOLKNING', 'NDR', 'PASIENTJOURNAL'], '2026-11-22')).toEqual([
      { custodianId: 'HELSE-BERGEN', registerIds: ['NDR'] },
      { custodianId: 'HELSEFORETAK', registerIds: ['PASIENTJOURNAL'] },
      { custodianId: 'SSB', registerIds: ['SSB-BEFOLKNING'] },
    ]);
  });

  it('names each register once, sorted', () => {
    expect(decidingCustodians(['NPR', 'MFR', 'NPR'], '2026-11-22')).toEqual([{ custodianId: 'FHI', registerIds: ['MFR', 'NPR'] }]);
  });
});

describe('forwardingRecipients', () => {
  it('forwards a case custodians decide to each of them, by name', () => {
    expect(forwardingRecipients('CUSTODIAN', ['BIVIRK', 'KREFT', 'SSB-BEFOLKNING'], '2026-11-22')).toEqual([
      { recipient: 'DMP', name: 'Direktoratet for medisinske produkter', registerIds: ['BIVIRK'] },
      { recipient: 'FHI', name: 'Folkehelseinstituttet', registerIds: ['KREFT'] },
    ]);
  });

  it('forwards a case REK or Helsedirektoratet decides to that body alone', () => {
    expect(forwardingRecipients('REK', ['NDR'], '2026-11-22')).toEqual([
      { recipient: 'REK', name: 'Regional komité for medisinsk og helsefaglig forskningsetikk (REK)', registerIds: [] },
    ]);
    expect(forwardingRecipients('HELSEDIREKTORATET', ['PASIENTJOURNAL'], '2026-11-22')).toEqual([
      { recipient: 'HELSEDIREKTORATET', name: 'Helsedirektoratet', registerIds: [] },
    ]);
  });

  it('refuses a body it cannot forward to', () => {
    expect(() => forwardingRecipients('HDS', ['MFR'], '2026-11-22')).toThrow(RangeError);
  });
});

describe('recipientName', () => {
  it('names bodies and custodians, and shows an unknown recipient as it is', () => {
    expect(recipientName('REK')).toMatch(/\(REK\)$/);
    expect(recipientName('KREFTREGISTERET')).toBe('Kreftregisteret');
    expect(recipientName('NOPE')).toBe('NOPE');
  });
});
