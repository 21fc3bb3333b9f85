// The rulebook table on the real engine: EHDS (Regulation (EU) 2025/327) for applications
// received from 26 March 2029, or on or after the pilot's first day; the Norwegian rules
// before that, and for every application when there is no pilot.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { deployModels, modelsDir } from '../../../platform/deploy.ts';
import { engine, evaluateDecision } from '../engine.ts';

const rulebookTable = path.join(modelsDir, 'rulebook.dmn');
const rulesInTable = [...readFileSync(rulebookTable, 'utf8').matchAll(/<rule id="([^"]+)"/g)].map((m) => m[1]);

beforeAll(async () => {
  await deployModels(engine, [rulebookTable]);
});

const matched = new Set<string>();

const cases: [receivedOn: string, ehdsPilotFrom: string | null, rulebook: string, rule: string][] = [
  ['2026-12-07', null, 'norwegian', 'rule-norwegian'],
  ['2029-03-25', null, 'norwegian', 'rule-norwegian'],
  ['2029-03-26', null, 'ehds', 'rule-ehds-in-force'],
  ['2031-01-01', '2027-01-01', 'ehds', 'rule-ehds-in-force'],
  // A pilot: from its first day on, not before.
  ['2027-01-01', '2027-01-01', 'ehds', 'rule-ehds-pilot'],
  ['2027-06-30', '2027-01-01', 'ehds', 'rule-ehds-pilot'],
  ['2026-12-31', '2027-01-01', 'norwegian', 'rule-norwegian'],
];

describe('rulebook decision', () => {
  it.each(cases)('received %s, pilot from %s: %s', async (receivedOn, ehdsPilotFrom, rulebook, rule) => {
    const { results, matchedRules } = await evaluateDecision('rulebook', { receivedOn, ehdsPilotFrom });
    expect(results).toEqual([{ rulebook }]);
    expect(matchedRules).toEqual([rule]);
    matched.add(rule);
  });

  it('chooses nothing for an application without a receipt day: record-rulebook refuses that', async () => {
    const { results } = await evaluateDecision('rulebook', { receivedOn: null, ehdsPilotFrom: null });
    expect(results).toEqual([]);
  });

  it('has every row of the table matched by one of the cases', () => {
    expect([...matched].sort()).toEqual([...rulesInTable].sort());
  });
});
