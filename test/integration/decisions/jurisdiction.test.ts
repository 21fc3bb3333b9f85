// The jurisdiction table on the real engine: every combination of the four flags routes to
// exactly one body (hit policy UNIQUE), as shared/domain.md "Who decides" says, and together
// the combinations match every row of bpmn/jurisdiction.dmn.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { deployModels, modelsDir } from '../../../platform/deploy.ts';
import { engine, evaluateDecision } from '../engine.ts';

const jurisdictionTable = path.join(modelsDir, 'jurisdiction.dmn');
const rulesInTable = [...readFileSync(jurisdictionTable, 'utf8').matchAll(/<rule id="([^"]+)"/g)].map((m) => m[1]);

beforeAll(async () => {
  await deployModels(engine, [jurisdictionTable]);
});

// The rows the combinations matched, as the engine's history recorded them.
const matched = new Set<string>();

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
      const { results, matchedRules } = await evaluateDecision('jurisdiction', { namesCentralRegister, custodianException, purposeIsResearch, onlyTreatmentRegisters });
      expect(results).toEqual([{ decidingBody, routingRule }]);
      // Each row is named after the routing rule it writes to the audit trail.
      expect(matchedRules).toEqual([`rule-${routingRule}`]);
      matched.add(`rule-${routingRule}`);
    },
  );

  it('has every row of the table matched by one of the combinations', () => {
    expect(rulesInTable.length).toBeGreaterThan(0);
    expect([...matched].sort()).toEqual([...rulesInTable].sort());
  });
});
