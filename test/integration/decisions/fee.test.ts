// The fee table on the real engine: exemptions first, then the price dated from 2024-01-01
// (shared/domain.md "Fees"). A fee date with no price matches no row. Each case also names
// the row it must match, and together the cases match every row of bpmn/fee.dmn. Under EHDS
// the required decision fee-reduction reduces a price for a confirmed fee category (Art. 62(3)).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { deployModels, modelsDir } from '../../../platform/deploy.ts';
import { decisionInstances, engine, evaluateDecision, matchedRules } from '../engine.ts';

const feeTable = path.join(modelsDir, 'fee.dmn');
const rulesInTable = [...readFileSync(feeTable, 'utf8').matchAll(/<rule id="([^"]+)"/g)].map((m) => m[1]);

beforeAll(async () => {
  await deployModels(engine, [feeTable]);
});

type FeeInput = { applicationType: string; applicantIsStudent: boolean; dataKind: string; sourceCount: number; feeDate: string; rulebook: string; feeCategory: string };
const newApplication: FeeInput = { applicationType: 'new', applicantIsStudent: false, dataKind: 'identifiable', sourceCount: 1, feeDate: '2024-01-01', rulebook: 'norwegian', feeCategory: 'none' };

const evaluateFee = (changes: Partial<FeeInput>) => evaluateDecision('fee', { ...newApplication, ...changes });

const free = (feeExemption: string) => ({ baseFeeNok: 0, hourlyRateNok: 0, feeExemption, feeReductionPercent: 0 });
const oneSource = { baseFeeNok: 1500, hourlyRateNok: 1155, feeExemption: null, feeReductionPercent: 0 };
const severalSources = { baseFeeNok: 3000, hourlyRateNok: 1155, feeExemption: null, feeReductionPercent: 0 };
const halved = (price: object) => ({ ...price, feeReductionPercent: 50 });
const ehds = (feeCategory: string) => ({ rulebook: 'ehds', feeCategory });

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
    ['an EHDS case of a public body', ehds('public-body'), halved(oneSource), 'rule-one-source-2024'],
    ['an EHDS case of a university with several sources', { ...ehds('university'), sourceCount: 2 }, halved(severalSources), 'rule-several-sources-2024'],
    ['an EHDS case of a micro-enterprise', ehds('micro-enterprise'), halved(oneSource), 'rule-one-source-2024'],
    ['an EHDS case with no reduced category', ehds('none'), oneSource, 'rule-one-source-2024'],
    ['a Norwegian case of a public body (no reduction)', { feeCategory: 'public-body' }, oneSource, 'rule-one-source-2024'],
    ['an exempt EHDS case of a public body (the exemption wins)', { ...ehds('public-body'), applicationType: 'appeal' }, free('appeal'), 'rule-appeal'],
  ])('%s', async (_, changes, expected, rule) => {
    const { results, matchedRules } = await evaluateFee(changes);
    expect(results).toEqual([expected]);
    // Hit policy FIRST: the engine reports only the first matching row.
    expect(matchedRules).toEqual([rule]);
    matched.add(rule);
  });

  // The required decision's row, as the engine's history recorded its evaluation.
  it.each<[string, Partial<FeeInput>, number, string]>([
    ['a public body under EHDS', ehds('public-body'), 50, 'rule-reduced-public-body'],
    ['a university under EHDS', ehds('university'), 50, 'rule-reduced-university'],
    ['a micro-enterprise under EHDS', ehds('micro-enterprise'), 50, 'rule-reduced-micro-enterprise'],
    ['no confirmed category under EHDS', ehds('none'), 0, 'rule-not-reduced'],
    ['a university under the Norwegian rules', { feeCategory: 'university' }, 0, 'rule-not-reduced'],
  ])('reduces the fee of %s by the row of fee-reduction', async (_, changes, percent, rule) => {
    const { results } = await evaluateFee(changes);
    expect(results[0]).toMatchObject({ feeReductionPercent: percent });
    const [latest] = await decisionInstances('decisionDefinitionKey=fee-reduction&maxResults=1');
    expect(matchedRules(latest!)).toEqual([rule]);
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
