// The jurisdiction table on the real engine: every combination of the four flags routes to
// exactly one body (hit policy UNIQUE), as shared/domain.md "Who decides" says.
import path from 'node:path';
import type { Camunda8 } from '@camunda8/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCamunda } from '../../../service/camunda.ts';
import { deployModels, modelsDir } from '../../../service/deploy.ts';
import { testConfig } from '../harness.ts';

let camunda: Camunda8;
beforeAll(async () => {
  camunda = createCamunda(testConfig());
  await deployModels(camunda, [path.join(modelsDir, 'jurisdiction.dmn')]);
});
afterAll(async () => camunda?.closeAllClients());

async function route(variables: Record<string, boolean>) {
  const result = await camunda.getZeebeGrpcApiClient().evaluateDecision({ decisionId: 'jurisdiction', variables });
  expect(result.failureMessage).toBe('');
  return JSON.parse(result.decisionOutput) as { decidingBody: string; routingRule: string } | null;
}

// Written out rather than derived, so the table is checked against the rules, not against itself.
const cases: [central: boolean, exception: boolean, research: boolean, treatmentOnly: boolean, body: string, rule: string][] = [
  [true, false, false, false, 'HDS', 'central-register'],
  [true, false, false, true, 'HDS', 'central-register'],
  [true, false, true, false, 'HDS', 'central-register'],
  [true, false, true, true, 'HDS', 'central-register'],
  [true, true, false, false, 'CUSTODIAN', 'custodian-exception'],
  [true, true, false, true, 'CUSTODIAN', 'custodian-exception'],
  [true, true, true, false, 'CUSTODIAN', 'custodian-exception'],
  [true, true, true, true, 'CUSTODIAN', 'custodian-exception'],
  [false, false, true, false, 'REK', 'rek-research'],
  [false, false, true, true, 'REK', 'rek-research'],
  [false, true, true, false, 'REK', 'rek-research'],
  [false, true, true, true, 'REK', 'rek-research'],
  [false, false, false, true, 'HELSEDIREKTORATET', 'hdir-treatment-only'],
  [false, true, false, true, 'HELSEDIREKTORATET', 'hdir-treatment-only'],
  [false, false, false, false, 'CUSTODIAN', 'controller-other'],
  [false, true, false, false, 'CUSTODIAN', 'controller-other'],
];

describe('jurisdiction decision', () => {
  it('lists each of the 16 combinations once', () => {
    expect(new Set(cases.map((c) => c.slice(0, 4).join())).size).toBe(16);
  });

  it.each(cases)(
    'central register %s, exception %s, research %s, only treatment registers %s: %s (%s)',
    async (namesCentralRegister, custodianException, purposeIsResearch, onlyTreatmentRegisters, decidingBody, routingRule) => {
      const output = await route({ namesCentralRegister, custodianException, purposeIsResearch, onlyTreatmentRegisters });
      expect(output).toEqual({ decidingBody, routingRule });
    },
  );
});
