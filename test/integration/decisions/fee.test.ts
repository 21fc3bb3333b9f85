// The fee table on the real engine: exemptions first, then the price dated from 2024-01-01
// (shared/domain.md "Fees"). A fee date with no price matches no row.
import path from 'node:path';
import type { Camunda8 } from '@camunda8/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCamunda } from '../../../service/camunda.ts';
import { deployModels, modelsDir } from '../../../service/deploy.ts';
import { testConfig } from '../harness.ts';

let camunda: Camunda8;
beforeAll(async () => {
  camunda = createCamunda(testConfig());
  await deployModels(camunda, [path.join(modelsDir, 'fee.dmn')]);
});
afterAll(async () => camunda?.closeAllClients());

type FeeInput = { applicationType: string; applicantIsStudent: boolean; dataKind: string; sourceCount: number; feeDate: string };
const newApplication: FeeInput = { applicationType: 'new', applicantIsStudent: false, dataKind: 'identifiable', sourceCount: 1, feeDate: '2024-01-01' };

async function evaluateFee(changes: Partial<FeeInput>) {
  const result = await camunda.getZeebeGrpcApiClient().evaluateDecision({ decisionId: 'fee', variables: { ...newApplication, ...changes } });
  return { output: JSON.parse(result.decisionOutput) as unknown, matchedRules: result.evaluatedDecisions[0]?.matchedRules ?? [], failureMessage: result.failureMessage };
}

const free = (feeExemption: string) => ({ baseFeeNok: 0, hourlyRateNok: 0, feeExemption });
const oneSource = { baseFeeNok: 1500, hourlyRateNok: 1155, feeExemption: null };
const severalSources = { baseFeeNok: 3000, hourlyRateNok: 1155, feeExemption: null };

describe('fee decision', () => {
  it.each<[string, Partial<FeeInput>, object]>([
    ['one source on the first day of the 2024 prices', {}, oneSource],
    ['one source later', { feeDate: '2025-06-15' }, oneSource],
    ['two sources on the first day of the 2024 prices', { sourceCount: 2 }, severalSources],
    ['a change application with many sources', { applicationType: 'change', sourceCount: 7 }, severalSources],
    ['anonymous statistics for a non-student', { applicationType: 'anonymous-statistics', dataKind: 'anonymous' }, oneSource],
    ['a student asking for identifiable data', { applicantIsStudent: true, sourceCount: 2 }, severalSources],
    ['a student asking for indirectly identifiable data', { applicantIsStudent: true, dataKind: 'indirectly-identifiable' }, oneSource],
    ['a student asking for anonymous statistics', { applicationType: 'anonymous-statistics', applicantIsStudent: true, dataKind: 'anonymous', sourceCount: 3 }, free('student-anonymous')],
    ['a data update', { applicationType: 'data-update', sourceCount: 3 }, free('data-update')],
    ['a data update by a student for anonymous data (first row wins)', { applicationType: 'data-update', applicantIsStudent: true, dataKind: 'anonymous' }, free('data-update')],
    ['an appeal', { applicationType: 'appeal', sourceCount: 2 }, free('appeal')],
  ])('%s', async (_, changes, expected) => {
    const { output, failureMessage } = await evaluateFee(changes);
    expect(failureMessage).toBe('');
    expect(output).toEqual(expected);
  });

  // The engine reports no match as a successful evaluation with a null result, not as a
  // failure: the process has to treat a null fee as an error itself.
  it.each<[string, Partial<FeeInput>]>([
    ['a fee date before 2024', { feeDate: '2023-12-31' }],
    ['a data update before 2024', { applicationType: 'data-update', feeDate: '2023-12-31' }],
    ['a fee date that is not a date', { feeDate: '31.12.2024' }],
    ['no data source', { sourceCount: 0 }],
  ])('matches no row for %s', async (_, changes) => {
    const { output, matchedRules, failureMessage } = await evaluateFee(changes);
    expect(failureMessage).toBe('');
    expect(matchedRules).toEqual([]);
    expect(output).toBeNull();
  });
});
