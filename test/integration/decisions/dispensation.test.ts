// The dispensation table on the real engine: a dispensation from confidentiality is allowed
// for identifiable and indirectly identifiable data and never for anonymous data
// (shared/domain.md, "Who decides"), and every combination matches exactly one row.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { deployModels, modelsDir } from '../../../platform/deploy.ts';
import { engine, evaluateDecision } from '../engine.ts';

const dispensationTable = path.join(modelsDir, 'dispensation.dmn');
const rulesInTable = [...readFileSync(dispensationTable, 'utf8').matchAll(/<rule id="([^"]+)"/g)].map((m) => m[1]);

beforeAll(async () => {
  await deployModels(engine, [dispensationTable]);
});

const matched = new Set<string>();

const cases: [dataKind: string, dispensationRequested: boolean, allowed: boolean, rule: string][] = [
  ['anonymous', true, false, 'rule-anonymous-with-dispensation'],
  ['anonymous', false, true, 'rule-anonymous-without-dispensation'],
  ['identifiable', true, true, 'rule-personal-data'],
  ['identifiable', false, true, 'rule-personal-data'],
  ['indirectly-identifiable', true, true, 'rule-personal-data'],
  ['indirectly-identifiable', false, true, 'rule-personal-data'],
];

describe('dispensation decision', () => {
  it.each(cases)('%s data, dispensation %s: allowed %s', async (dataKind, dispensationRequested, allowed, rule) => {
    const { results, matchedRules } = await evaluateDecision('dispensation', { dataKind, dispensationRequested });
    expect(results).toHaveLength(1);
    expect(results[0]!.dispensationAllowed).toBe(allowed);
    // A refusal says why, for the approver; an allowed dispensation needs no reason.
    if (allowed) expect(results[0]!.reason).toBeNull();
    else expect(results[0]!.reason).toMatch(/anonyme opplysninger.*helsepersonelloven § 29/);
    expect(matchedRules).toEqual([rule]);
    matched.add(rule);
  });

  it('allows nothing for a data kind it does not know: no row matches, and the model reads that as not allowed', async () => {
    const { results } = await evaluateDecision('dispensation', { dataKind: 'pseudonymous', dispensationRequested: true });
    expect(results).toEqual([]);
  });

  it('has every row of the table matched by one of the combinations', () => {
    expect([...matched].sort()).toEqual([...rulesInTable].sort());
  });
});
