import { describe, expect, it } from 'vitest';
import {
  amendmentReschedules,
  deletionConfirmationDue,
  deliveryRequestProblems,
  InvalidPermit,
  permitFacts,
  permitSchedule,
  permitTerms,
  startOfOsloDay,
  stateAfterAmendment,
  type PermitSubmission,
} from '../../../domain/permit/permit.ts';
import { validSubmission } from '../../fixtures/submission.ts';

const submission = validSubmission as PermitSubmission;

describe('permitTerms', () => {
  it('takes the holder, sources, environment and period from the application and the conditions from the decision', () => {
    expect(permitTerms(submission, 'Data slettes ved prosjektslutt.', {})).toEqual({
      institutionName: 'Folkehelseinstituttet',
      organisationNumber: '983744516',
      projectLeaderName: 'Kari Nordmann',
      projectLeaderEmail: 'kari.nordmann@example.no',
      personsWithAccess: [{ name: 'Kari Nordmann', role: 'Prosjektleder (ansvarlig)' }],
      projectTitle: 'Hjertesykdom etter svangerskapsdiabetes',
      purposeCategory: 'research',
      dataSources: [
        { registerId: 'MFR', variables: ['svangerskapsdiabetes', 'fodselsaar'] },
        { registerId: 'NPR', variables: ['hoveddiagnose', 'innleggelsesdato'] },
      ],
      analysisEnvironment: 'TSD',
      period: { startDate: '2025-01-01', endDate: '2029-12-31' },
      conditions: 'Data slettes ved prosjektslutt.',
      periodicDeliveries: false,
    });
  });

  it('ends the permit where the decision says, and allows repeated deliveries when it says so', () => {
    const terms = permitTerms(submission, '  ', { endDate: '2027-06-30', periodicDeliveries: true });
    expect(terms).toMatchObject({ period: { startDate: '2025-01-01', endDate: '2027-06-30' }, conditions: null, periodicDeliveries: true });
  });

  it('names the persons with access: the project leader first, then each person the application names once', () => {
    const named = { ...submission, personsWithAccess: [{ name: 'Ola Hansen', role: 'Statistiker' }, { name: ' kari nordmann ' }, { name: 'Per Berg' }] };
    expect(permitTerms(named, null, {}).personsWithAccess).toEqual([
      { name: 'Kari Nordmann', role: 'Prosjektleder (ansvarlig)' },
      { name: 'Ola Hansen', role: 'Statistiker' },
      { name: 'Per Berg', role: '' },
    ]);
  });

  it('allows only the sources and variables the decision granted', () => {
    const terms = permitTerms(submission, null, {}, [{ registerId: 'MFR', variables: ['fødselsår'] }]);
    expect(terms.dataSources).toEqual([{ registerId: 'MFR', variables: ['fødselsår'] }]);
  });

  it('refuses a permit that would end before it starts, or has no period', () => {
    expect(() => permitTerms(submission, null, { endDate: '2024-12-31' })).toThrow(InvalidPermit);
    expect(() => permitTerms({ ...submission, project: { title: 'Uten periode' } }, null, {})).toThrow(/no project period/);
  });
});

describe('the states of a permit', () => {
  it('is extended by a later end date, also once expired; a revoked or closed permit stays so', () => {
    expect(stateAfterAmendment('active', '2029-12-31', '2030-06-30')).toBe('extended');
    expect(stateAfterAmendment('active', '2029-12-31', '2029-06-30')).toBe('active');
    expect(stateAfterAmendment('expired', '2029-12-31', '2030-06-30')).toBe('extended');
    expect(stateAfterAmendment('expired', '2029-12-31', '2029-12-31')).toBe('expired');
    expect(stateAfterAmendment('revoked', '2029-12-31', '2030-06-30')).toBe('revoked');
    expect(stateAfterAmendment('closed', '2029-12-31', '2030-06-30')).toBe('closed');
  });

  it('plans the period again while it runs, and when an expired permit is extended', () => {
    expect(amendmentReschedules('active', 'active')).toBe(true);
    expect(amendmentReschedules('extended', 'extended')).toBe(true);
    expect(amendmentReschedules('expired', 'extended')).toBe(true);
    expect(amendmentReschedules('expired', 'expired')).toBe(false);
    expect(amendmentReschedules('closed', 'closed')).toBe(false);
  });
});

describe('permitSchedule', () => {
  it('reminds at the start of the Norwegian day 60 days before the end, and ends after the last day', () => {
    // Winter time (UTC+1) at both.
    expect(permitSchedule('2029-12-31')).toEqual({ reminderAt: new Date('2029-10-31T23:00:00.000Z'), endsAt: new Date('2029-12-31T22:59:59.999Z'), extensionRequestBy: null });
    // Summer time (UTC+2) at both.
    expect(permitSchedule('2027-08-31')).toEqual({ reminderAt: new Date('2027-07-01T22:00:00.000Z'), endsAt: new Date('2027-08-31T21:59:59.999Z'), extensionRequestBy: null });
  });

  it('under EHDS reminds 30 days before the last day to ask for an extension, a month before the end', () => {
    // Ends 31 March: the last day to ask is 28 February (Art. 68(12)), the reminder 29 January.
    expect(permitSchedule('2030-03-31', 'ehds')).toEqual({ reminderAt: new Date('2030-01-28T23:00:00.000Z'), endsAt: new Date('2030-03-31T21:59:59.999Z'), extensionRequestBy: '2030-02-28' });
    // Counted back from the last day to ask, not from the end as the Norwegian 60 days are.
    expect(permitSchedule('2030-03-31').reminderAt.toISOString()).toBe('2030-01-29T23:00:00.000Z');
  });
});

describe('deletionConfirmationDue', () => {
  it('gives 20 working days from the expiry under the Norwegian rules', () => {
    // Expired at the end of 22 March 2027: 20 working days over Easter.
    expect(deletionConfirmationDue('norwegian', '2027-03-22', new Date('2027-03-22T22:59:59.999Z')).toISOString()).toBe('2027-04-22T21:59:59.999Z');
  });

  it('gives 6 months from the last day under EHDS, whenever the expiry ran', () => {
    // 31 August plus 6 months is the last day of February (Art. 68(12)).
    expect(deletionConfirmationDue('ehds', '2030-08-31', new Date('2030-08-31T22:00:00.000Z')).toISOString()).toBe('2031-02-28T22:59:59.999Z');
    expect(deletionConfirmationDue('ehds', '2030-08-31', new Date('2030-09-03T08:00:00.000Z')).toISOString()).toBe('2031-02-28T22:59:59.999Z');
  });

  it('finds the first moment of a day across the change to summer time', () => {
    expect(startOfOsloDay('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfOsloDay('2026-03-30').toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });
});

describe('deliveryRequestProblems', () => {
  const permit = { state: 'active', periodicDeliveries: true, endsOn: '2029-12-31', dataSources: [{ registerId: 'MFR', variables: ['a', 'b'] }] };

  it('finds none for the same sources and variables, or fewer, within the period', () => {
    expect(deliveryRequestProblems({ permit, requestedSources: [{ registerId: 'MFR', variables: ['a'] }], today: '2027-01-01' })).toEqual([]);
  });

  it('names each way a request goes beyond the permit', () => {
    expect(
      deliveryRequestProblems({
        permit: { ...permit, periodicDeliveries: false },
        requestedSources: [{ registerId: 'MFR', variables: ['a', 'c'] }, { registerId: 'NPR', variables: ['x'] }],
        today: '2030-01-01',
      }),
    ).toEqual([
      'Tillatelsen gir ikke rett til gjentatte utleveringer.',
      'Tillatelsens periode endte 31.12.2029.',
      'Nye variabler fra Medisinsk fødselsregister (MFR): c',
      'Ny datakilde som vedtaket ikke omfatter: Norsk pasientregister (NPR)',
    ]);
    expect(deliveryRequestProblems({ permit: { ...permit, state: 'revoked' }, requestedSources: [{ registerId: 'MFR', variables: ['a'] }], today: '2027-01-01' })).toEqual(['Tillatelsen er ikke aktiv (Tilbakekalt).']);
  });
});

describe('permitFacts', () => {
  it('gives every form text, with the sources one per line', () => {
    const facts = permitFacts({ reference: 'HDS-2026-00001', terms: permitTerms(submission, null, {}) });
    expect(facts).toEqual({
      applicationReference: 'HDS-2026-00001',
      institutionName: 'Folkehelseinstituttet (org.nr. 983744516)',
      projectTitle: 'Hjertesykdom etter svangerskapsdiabetes',
      sourcesSummary: 'Medisinsk fødselsregister (MFR): 2 variabler\nNorsk pasientregister (NPR): 2 variabler',
      permitPeriod: '01.01.2025 – 31.12.2029',
      permitConditions: 'Ingen særskilte vilkår',
    });
  });
});
