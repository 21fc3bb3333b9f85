// A dispensation from confidentiality concerns identifiable or indirectly identifiable data
// only: the model checks the approver's decision against the dispensation table before it is
// recorded, on the real engine and database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordPath } from '../coverage.ts';
import { assignAndComplete, findUserTask } from '../engine.ts';
import { eventually, startCase, startHarness, type Harness } from '../harness.ts';
import { approver, assess, caseRow, decide, passCompleteness, processVariable, research, sourceChoices, steps } from './case-steps.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

// An application for anonymous data from one central register: HDS decides, and no
// dispensation applies. (A request for anonymised statistics has a path of its own without the
// dispensation check: process/statistics-request.test.ts.)
const anonymousData = {
  ...research,
  project: { ...research.project, purposeCategory: 'statistics' },
  dataKind: 'anonymous',
  legalBasis: undefined,
  rekReference: undefined,
  dataSources: [research.dataSources[0]],
  linkage: { requested: false },
};

describe('dispensation from confidentiality', { timeout: 180_000 }, () => {
  it('sends a decision that grants a dispensation on anonymous data back to the approver with the reason, and records nothing until it is corrected', async () => {
    const { id, processInstanceId } = await startCase(h, anonymousData);
    await passCompleteness(processInstanceId);
    await assess(processInstanceId);
    // The form hides the box for anonymous data; the rule holds also when a client sets it.
    const first = await findUserTask(processInstanceId, 'make-decision');
    await assignAndComplete(first, approver, await sourceChoices(processInstanceId, { outcome: 'grant', dispensationGranted: true }));

    const again = await eventually(async () => {
      const task = await findUserTask(processInstanceId, 'make-decision');
      return task.id !== first.id ? task : undefined;
    }, { what: 'the decision task again' });
    expect(await processVariable(processInstanceId, 'decisionProblem')).toMatch(/^Søknaden gjelder anonyme opplysninger\./);
    expect(await caseRow(h, 'decisions', id)).toBeUndefined();
    expect(await steps(h, id)).not.toContain('decided');

    await assignAndComplete(again, approver, await sourceChoices(processInstanceId, { outcome: 'grant', dispensationGranted: false }));
    const decision = await eventually(() => caseRow(h, 'decisions', id), { what: 'the decision' });
    expect(decision).toMatchObject({ outcome: 'grant', dispensation_granted: false });
    expect(await processVariable(processInstanceId, 'decisionProblem')).toBeNull();

    const path = await recordPath('hds-application', processInstanceId, 'record-decision');
    expect(path.has('check-dispensation') && path.has('dispensation-gateway')).toBe(true);
  });

  it('records a dispensation on indirectly identifiable data', async () => {
    const { id, processInstanceId } = await startCase(h, { ...research, dataKind: 'indirectly-identifiable' });
    await passCompleteness(processInstanceId);
    await assess(processInstanceId);
    await decide(processInstanceId, { outcome: 'grant', dispensationGranted: true });
    const decision = await eventually(() => caseRow(h, 'decisions', id), { what: 'the decision' });
    expect(decision).toMatchObject({ outcome: 'grant', dispensation_granted: true });
    expect(await processVariable(processInstanceId, 'dispensationAllowed')).toBe(true);
  });
});
