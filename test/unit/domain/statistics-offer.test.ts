// Statistics instead of a refusal (domain/case/statistics-offer.ts, EHDS Art. 68(3)): only where
// the rulebook has the rule, only with a refusal, with what is offered; the applicant's last day.
import { describe, expect, it } from 'vitest';
import { statisticsOfferDueAt, statisticsOfferProblem, statisticsOfferRule } from '../../../domain/case/statistics-offer.ts';
import { osloDay } from '../../../domain/working-days.ts';

const offer = { rulebook: 'ehds' as const, applicationType: 'new', outcome: 'refusal' as const, offerText: 'Tabeller per fylke og år.' };

describe('statistics instead of a refusal', () => {
  it('is offered under EHDS (art. 68 nr. 3), not under the Norwegian rules, which lack the row, nor for a request for statistics', () => {
    expect(statisticsOfferRule('ehds', 'new')).toMatchObject({ id: 'statistics-instead-of-refusal', value: 10, unit: 'working-days', article: 'forordning (EU) 2025/327 art. 68 nr. 3', unconfirmed: true });
    expect(statisticsOfferRule('norwegian', 'new')).toBeNull();
    expect(statisticsOfferRule('ehds', 'anonymous-statistics')).toBeNull();
  });

  it('is recorded only with a refusal under EHDS, saying what is offered', () => {
    expect(statisticsOfferProblem(offer)).toBeNull();
    expect(statisticsOfferProblem({ ...offer, rulebook: 'norwegian' })).toMatch(/^Anonymisert statistikk i stedet for avslag kan bare tilbys i saker etter EHDS-forordningen/);
    expect(statisticsOfferProblem({ ...offer, outcome: 'partial-grant' })).toMatch(/^Anonymisert statistikk kan bare tilbys i stedet for avslag/);
    expect(statisticsOfferProblem({ ...offer, offerText: '  ' })).toMatch(/^Skriv hvilken anonymisert statistikk/);
  });

  it('gives the applicant 10 working days from the refusal to accept', () => {
    // Refused on Friday 18 December 2026: Christmas Day, Boxing Day and New Year's Day are not working days.
    expect(osloDay(statisticsOfferDueAt(new Date('2026-12-18T10:00:00+01:00')))).toBe('2027-01-05');
  });
});
