// The fee table on the real engine: exemptions first, then the price dated from 2024-01-01
// (shared/domain.md "Fees"). A fee date with no price matches no row. Each case also names
// the row it must match, and together the cases match every row of bpmn/fee.dmn.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { deployModels, modelsDir } from '../../../platform/deploy.ts';
import { engine, evaluateDecision } from '../engine.ts';

const feeTable = path.join(modelsDir, 'fee.dmn');
const rulesInTable = [...readFileSync(feeTable, 'utf8').matchAll(/<rule id="([^"]+)"/g)].map((m) => m[1]);

beforeAll(async () => {
  await deployModels(engine, [feeTable]);
});

type FeeInput = { applicationType: string; applicantIsStudent: boolean; dataKind: string; sourceCount: number; feeDate: string };
const newApplication: FeeInput = { applicationType: 'new', applicantIsStudent: false, dataKind: 'identifiable', sourceCount: 1, feeDate: '2024-01-01' };

const evaluateFee = (changes: Partial<FeeInput>) => evaluateDecision('fee', { ...newApplication, ...changes });

const free = (feeExemption: string) => ({ baseFeeNok: 0, hourlyRateNok: 0, feeExemption });
const oneSource = { baseFeeNok: 1500, hourlyRateNok: 1155, feeExemption: null };
const severalSources = { baseFeeNok: 3000, hourlyRateNok: 1155, feeExemption: null };

// The rows the cases matched, as the engine's history recorded them.
const matched = new Set<string>();

describe('fee decision', () => {
  it.each<[string, Partial<FeeInput>, object, string]>([
    ['one source on the first day of the 2024 prices', {}, oneSource, 'rule-one-source-2024'],
    ['one source later', { feeDate: '2025-06-15' }, oneSource, 'rule-one-source-2024'],
    ['two sources on the first day of the 2024 prices', { sourceCount: 2 }, severalSources, 'rule-several-sources-2024'],
    ['a change application with many sources', { applicationType: 'change', sourceCount: 7 }, severalSources, 'rule-several-sources-2024'],
    ['anonymous statistics for a non-student', { applicationType: 'anonymous-statistics', dataKind: 'anonymous' }, oneSource, 'rule-statistics-one-source-2024'],
    ['anonymous statistics from several sources', { applicationType: 'anonymous-statistics', dataKind: 'anonymous', sourceCount: 4 }, severalSources, 'rule-statistics-several-sources-2024'],
    ['anonymous data asked for in an ordinary application', { dataKind: 'anonymous' }, oneSource, 'rule-one-source-2024'],
    ['a student asking for identifiable data', { applicantIsStudent: true, sourceCount: 2 }, severalSources, 'rule-several-sources-2024'],
    ['a student asking for indirectly identifiable data', { applicantIsStudent: true, dataKind: 'indirectly-identifiable' }, oneSource, 'rule-one-source-2024'],
    ['a student asking for anonymous statistics', { applicationType: 'anonymous-statistics', applicantIsStudent: true, dataKind: 'anonymous', sourceCount: 3 }, free('student-anonymous'), 'rule-student-anonymous'],
    ['a data update', { applicationType: 'data-update', sourceCount: 3 }, free('data-update'), 'rule-data-update'],
    ['a data update by a student for anonymous data (first row wins)', { applicationType: 'data-update', applicantIsStudent: true, dataKind: 'anonymous' }, free('data-update'), 'rule-data-update'],
    ['an appeal', { applicationType: 'appeal', sourceCount: 2 }, free('appeal'), 'rule-appeal'],
  ])('%s', async (_, changes, expected, rule) => {
    const { results, matchedRules } = await evaluateFee(changes);
    expect(results).toEqual([expected]);
    // Hit policy FIRST: the engine reports only the first matching row.
    expect(matchedRules).toEqual([rule]);
    matched.add(rule);
  });

  // The engine reports no match as a successful evaluation with an empty result, not as an
  // error: the process has to treat a missing fee as an error itself.
  it.each<[string, Partial<FeeInput>]>([
    ['a fee date before 2024', { feeDate: '2023-12-31' }],
    ['a data update before 2024', { applicationType: 'data-update', feeDate: '2023-12-31' }],
    ['a fee date that is not a date', { feeDate: '31.12.2024' }],
    ['no data source', { sourceCount: 0 }],
  ])('matches no row for %s', async (_, changes) => {
    const { results, matchedRules } = await evaluateFee(changes);
    expect(matchedRules).toEqual([]);
    expect(results).toEqual([]);
  });

  it('has every row of the table matched by one of the cases above', () => {
    expect(rulesInTable.length).toBeGreaterThan(0);
    expect([...matched].sort()).toEqual([...rulesInTable].sort());
  });
});
