import { describe, expect, it } from 'vitest';
import { checkEarlierDecision, noDifferences, referenceKind, updateDifferences, updateDifferencesText } from '../../../domain/case/earlier-decision.ts';
import type { Submission } from '../../../domain/case/facts.ts';
import { validSubmission } from '../../fixtures/submission.ts';

const decidedAt = new Date('2026-03-12T10:00:00Z');
const grantedCase = { reference: 'HDS-2026-00012', projectTitle: 'Hjertesykdom', decision: { outcome: 'grant', decidedAt } };

describe('referenceKind', () => {
  it.each([
    [undefined, 'none'],
    ['  ', 'none'],
    ['HDS-2026-00012', 'hds'],
    ['hds-2026-00012 ', 'hds'],
    ['HDS-2026-123456', 'hds'],
    ['HDS-26-12', 'malformed-hds'],
    ['HDS 2026/12', 'malformed-hds'],
    ['Kreftregisteret 2021/123', 'other'],
  ])('%j is %s', (reference, kind) => {
    expect(referenceKind(reference)).toBe(kind);
  });
});

describe('checkEarlierDecision', () => {
  it('accepts an HDS case whose decision granted access, fully or partly', () => {
    expect(checkEarlierDecision('data-update', 'HDS-2026-00012', grantedCase)).toEqual({
      earlierDecisionValid: true,
      earlierDecisionCheck: 'HDS-2026-00012: innvilget 12.03.2026 – «Hjertesykdom»',
      earlierDecisionProblem: '',
    });
    const partial = checkEarlierDecision('change', 'hds-2026-00012', { ...grantedCase, decision: { outcome: 'partial-grant', decidedAt } });
    expect(partial).toMatchObject({ earlierDecisionValid: true, earlierDecisionCheck: 'HDS-2026-00012: delvis innvilget 12.03.2026 – «Hjertesykdom»' });
  });

  it('says why an HDS reference does not hold: no such case, no decision yet, or no access granted', () => {
    expect(checkEarlierDecision('change', 'HDS-2026-00099', undefined)).toEqual({
      earlierDecisionValid: false,
      earlierDecisionCheck: 'HDS-2026-00099 (finnes ikke)',
      earlierDecisionProblem: 'Helsedataservice har ingen sak med saksnummer HDS-2026-00099.',
    });
    expect(checkEarlierDecision('change', 'HDS-2026-00012', { reference: 'HDS-2026-00012' })).toMatchObject({
      earlierDecisionValid: false,
      earlierDecisionProblem: 'Sak HDS-2026-00012 har ikke fått vedtak ennå.',
    });
    for (const outcome of ['refusal', 'rejection']) {
      const refused = checkEarlierDecision('data-update', 'HDS-2026-00012', { ...grantedCase, decision: { outcome, decidedAt } });
      expect(refused.earlierDecisionValid).toBe(false);
      expect(refused.earlierDecisionProblem).toMatch(/^Vedtaket i sak HDS-2026-00012 ga ikke tilgang til data \((avslag|avvist)\)\.$/);
    }
    expect(checkEarlierDecision('change', 'HDS 2026/12', undefined).earlierDecisionProblem).toBe('«HDS 2026/12» er ikke et saksnummer fra Helsedataservice. Saksnummer har formen HDS-ÅÅÅÅ-NNNNN.');
  });

  it('shows another body\'s reference as given, and asks about it only for a data update', () => {
    const change = checkEarlierDecision('change', 'Kreftregisteret 2021/123', undefined);
    expect(change).toEqual({
      earlierDecisionValid: false,
      earlierDecisionCheck: 'Kreftregisteret 2021/123 (vedtak fra et annet organ, vist slik søker oppga det; ikke kontrollert)',
      earlierDecisionProblem: '',
    });
    expect(checkEarlierDecision('data-update', 'Kreftregisteret 2021/123', undefined).earlierDecisionProblem).toMatch(/^En dataoppdatering behandles her bare etter et vedtak fra Helsedataservice\./);
  });

  it('asks for a reference only where the application needs one', () => {
    expect(checkEarlierDecision('new', undefined, undefined)).toEqual({ earlierDecisionValid: false, earlierDecisionCheck: 'Ikke oppgitt', earlierDecisionProblem: '' });
    expect(checkEarlierDecision('data-update', '', undefined).earlierDecisionProblem).toBe('Søknaden viser ikke til vedtaket den endrer eller oppdaterer.');
  });
});

describe('updateDifferences', () => {
  const earlier = validSubmission;

  it('finds none for newer data from the same sources and variables inside the permit', () => {
    const update = {
      ...earlier,
      applicationType: 'data-update',
      dataSources: [{ ...earlier.dataSources[0]!, variables: ['fodselsaar'], period: { startDate: '2021-01-01', endDate: '2025-12-31' } }],
      project: { ...earlier.project, period: { startDate: '2026-01-01', endDate: '2029-12-31' } },
    };
    expect(updateDifferences(update, earlier)).toEqual([]);
    expect(updateDifferencesText(update, earlier)).toBe(noDifferences);
  });

  it('lists every way an update goes beyond the decision', () => {
    const update = {
      ...earlier,
      applicationType: 'data-update',
      project: { ...earlier.project, purposeCategory: 'statistics', period: { startDate: '2024-06-01', endDate: '2029-12-31' } },
      dataKind: 'anonymous',
      dataSources: [{ ...earlier.dataSources[0]!, variables: ['fodselsaar', 'bosted'] }, { registerId: 'KREFT', variables: ['diagnose'] }],
    };
    expect(updateDifferences(update, { ...earlier, linkage: { requested: false } })).toEqual([
      'Nye variabler fra Medisinsk fødselsregister (MFR): bosted',
      'Ny datakilde som vedtaket ikke omfatter: Kreftregisteret (KREFT)',
      'Annet formål: Statistikk (vedtaket: Forskning)',
      'Annen type data: Anonyme opplysninger (vedtaket: Personidentifiserbare opplysninger)',
      'Kobling av datakilder som vedtaket ikke omfatter',
      'Prosjektperioden 01.06.2024 – 31.12.2029 ligger ikke innenfor tillatelsens periode 01.01.2025 – 31.12.2029',
    ]);
  });

  it('treats a project period it cannot read as outside the permit', () => {
    const update: Submission = { ...earlier, project: { ...earlier.project, period: undefined } };
    expect(updateDifferences(update, earlier)).toEqual(['Prosjektperioden Ikke oppgitt ligger ikke innenfor tillatelsens periode 01.01.2025 – 31.12.2029']);
  });
});
