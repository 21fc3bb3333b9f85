// The rules of a request for anonymised statistics (domain/case/statistics-request.ts): its own
// tasks, what its assessment must find before anything is granted, no dispensation, the answer
// deadline by the case's rulebook, and what a release must confirm.
import { describe, expect, it } from 'vitest';
import type { SourceDecision } from '../../../domain/case/decision.ts';
import { caseTasks, isStatisticsRequest, statisticsAnswerDueAt, statisticsAnswerRule, statisticsAssessmentProblem, statisticsDecisionProblem, statisticsReleaseProblem } from '../../../domain/case/statistics-request.ts';
import { osloDay } from '../../../domain/working-days.ts';

const granted: SourceDecision = { registerId: 'MFR', granted: true, variables: ['svangerskapsdiabetes'], dispensation: false, conditions: null, refusalReason: null };
const refused: SourceDecision = { ...granted, granted: false, variables: [], refusalReason: 'Kan ikke anonymiseres.' };

describe('a request for anonymised statistics', () => {
  it('is the application type anonymous-statistics, assessed and decided in its own tasks', () => {
    expect(isStatisticsRequest('anonymous-statistics')).toBe(true);
    expect(isStatisticsRequest('new')).toBe(false);
    expect(caseTasks('anonymous-statistics')).toEqual({ assessment: 'assess-statistics-request', decision: 'decide-statistics-request' });
    expect(caseTasks('change')).toEqual({ assessment: 'legal-assessment', decision: 'make-decision' });
  });

  it('grants nothing without an aggregation level and small cells suppressed; a refusal needs neither', () => {
    expect(statisticsAssessmentProblem([granted], { aggregationLevel: 'Fylke', smallCellsSuppressed: true })).toBeNull();
    expect(statisticsAssessmentProblem([granted], { aggregationLevel: ' ', smallCellsSuppressed: true })).toMatch(/^Skriv aggregeringsnivået/);
    expect(statisticsAssessmentProblem([granted], { aggregationLevel: 'Fylke' })).toMatch(/^Kryss av for at små celler skjermes/);
    expect(statisticsAssessmentProblem([refused], {})).toBeNull();
  });

  it('gives no dispensation from confidentiality', () => {
    expect(statisticsDecisionProblem([granted, refused])).toBeNull();
    expect(statisticsDecisionProblem([{ ...granted, dispensation: true }])).toMatch(/ingen dispensasjon/);
  });

  it('is answered 3 months after the decision under EHDS (art. 69 nr. 4), 60 working days under the Norwegian rules', () => {
    // Decided on Friday 15 January 2027 in Oslo.
    const decidedAt = new Date('2027-01-15T09:00:00+01:00');
    expect(statisticsAnswerRule('ehds')).toMatchObject({ id: 'statistics-answer', value: 3, unit: 'months', article: 'forordning (EU) 2025/327 art. 69 nr. 4' });
    expect(statisticsAnswerDueAt('ehds', decidedAt).toISOString()).toBe('2027-04-15T21:59:59.999Z');
    expect(statisticsAnswerRule('norwegian')).toMatchObject({ id: 'statistics-answer', value: 60, unit: 'working-days', unconfirmed: true });
    expect(osloDay(statisticsAnswerDueAt('norwegian', decidedAt))).toBe('2027-04-14');
  });

  it('is released only after the disclosure control, saying what was sent', () => {
    expect(statisticsReleaseProblem({ disclosureControlConfirmed: true, releasedText: 'Tre tabeller.' })).toBeNull();
    expect(statisticsReleaseProblem({ disclosureControlConfirmed: false, releasedText: 'Tre tabeller.' })).toMatch(/^Kryss av for at røpingskontrollen er gjort/);
    expect(statisticsReleaseProblem({ disclosureControlConfirmed: true, releasedText: ' ' })).toMatch(/^Skriv hva som ble sendt/);
  });
});
