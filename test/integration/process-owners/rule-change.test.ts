// A process owner changes a rule the way the README says: a new price row in bpmn/fee.dmn,
// deployed with the rest of bpmn/ in one deployment. Cases started after the deployment must
// follow the new rule; a case already running must keep the rule it started with, even when
// it reaches the fee only after the deployment (its business rule task calls the fee table
// with decisionRefBinding "deployment"). The original models are deployed again after.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { osloDay } from '../../../domain/working-days.ts';
import { deployModels, deployResources, readModels } from '../../../platform/deploy.ts';
import { assignAndComplete, decisionInstances, engine, findProcessInstance, findUserTask, matchedRules, waitForProcessInstanceState } from '../engine.ts';
import { startCase, startHarness, type Harness } from '../harness.ts';
import { sourceChoices } from '../process/case-steps.ts';

const caseworker = 'saksbehandler';
const approver = 'beslutter';
const process = 'hds-application';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  if (!h) return;
  await deployModels(h.engine);
  await h.close();
});

// The documented change: a row for several sources, dated from its first day, directly above
// the old price rows. Every other file is deployed unchanged.
function withNewHourlyRate(feeTable: Buffer, from: string, hourlyRateNok: number): Buffer {
  const oldRow = '<rule id="rule-several-sources-2024">';
  const xml = feeTable.toString('utf8');
  if (!xml.includes(oldRow)) throw new Error('fee.dmn no longer has the row this test adds a price above');
  const entries = ['-', '-', '-', '&gt; 1', `&gt;= date("${from}")`].map((text, i) => `<inputEntry id="rule-new-price-in-${i}"><text>${text}</text></inputEntry>`);
  const outputs = ['3000', String(hourlyRateNok), 'null', 'reductionPercent'].map((text, i) => `<outputEntry id="rule-new-price-out-${i}"><text>${text}</text></outputEntry>`);
  const newRow = `<rule id="rule-new-price">${entries.join('')}${outputs.join('')}</rule>`;
  return Buffer.from(xml.replace(oldRow, `${newRow}\n      ${oldRow}`));
}

// Completeness and the legal assessment (2 hours): the case then waits for the decision, which
// comes before the fee.
async function bringToDecision(processInstanceId: string) {
  await assignAndComplete(await findUserTask(processInstanceId, 'check-completeness'), caseworker, { isComplete: 'yes' });
  const assessment = await findUserTask(processInstanceId, 'legal-assessment');
  await assignAndComplete(assessment, caseworker, await sourceChoices(processInstanceId, {
    outcome: 'refusal',
    hoursSpent: 2,
    confidentialityBasis: 'dispensation',
    legalBasisConfirmed: true,
  }));
  await findUserTask(processInstanceId, 'make-decision');
}

async function refuseAndClose(processInstanceId: string) {
  // The approver confirms the caseworker's proposal: every source refused.
  await assignAndComplete(await findUserTask(processInstanceId, 'make-decision'), approver, {});
  await waitForProcessInstanceState(processInstanceId, 'COMPLETED');
}

const invoice = (applicationId: string) => h.db('invoices').where({ application_id: applicationId }).first();

// The fee date record-decision set: the day of the decision.
async function feeDate(processInstanceId: string): Promise<string> {
  const [variable] = await engine.call<{ value: string }[]>('GET', `/history/variable-instance?processInstanceId=${processInstanceId}&variableName=feeDate`);
  return variable!.value;
}

async function feeRulesMatched(processInstanceId: string) {
  const [evaluation] = await decisionInstances(`processInstanceId=${processInstanceId}&decisionDefinitionKey=fee`);
  return { decisionDefinitionId: evaluation!.decisionDefinitionId, rules: matchedRules(evaluation!) };
}

describe('changing a rule', { timeout: 180_000 }, () => {
  it('applies a changed fee table to cases started after the deployment, not to running ones', async () => {
    const running = await startCase(h);
    await bringToDecision(running.processInstanceId);

    // The new price applies from today. Both cases are decided after the deployment, so their
    // fee date (the day of the decision) falls under the new row: only the version of the
    // table each case runs can tell them apart.
    const from = osloDay(new Date());
    const changed = readModels().map((model) => (model.name === 'fee.dmn' ? { ...model, content: withNewHourlyRate(model.content, from, 1234) } : model));
    const { resources } = await deployResources(h.engine, changed);
    const withNewRule = resources.find((r) => r.kind === 'process' && r.id === process)!.version;

    const started = await startCase(h);
    await bringToDecision(started.processInstanceId);
    await refuseAndClose(started.processInstanceId);
    await refuseAndClose(running.processInstanceId);

    expect(await feeDate(running.processInstanceId) >= from, 'fee date of the running case').toBe(true);
    expect(await feeDate(started.processInstanceId) >= from, 'fee date of the new case').toBe(true);

    // Several sources: NOK 3,000 plus 2 hours at the hourly rate in force for the case.
    expect(await invoice(started.id)).toMatchObject({ base_fee_nok: 3000, hourly_rate_nok: 1234, hours_billed: 2, amount_nok: 3000 + 2 * 1234 });
    expect(await invoice(running.id)).toMatchObject({ base_fee_nok: 3000, hourly_rate_nok: 1155, hours_billed: 2, amount_nok: 3000 + 2 * 1155 });

    // The engine's record of each evaluation: the new row for the new case, the old row of
    // the older table for the running one.
    const startedFee = await feeRulesMatched(started.processInstanceId);
    const runningFee = await feeRulesMatched(running.processInstanceId);
    expect(startedFee.rules).toEqual(['rule-new-price']);
    expect(runningFee.rules).toEqual(['rule-several-sources-2024']);
    expect(runningFee.decisionDefinitionId).not.toBe(startedFee.decisionDefinitionId);

    // The unchanged process model got a new version with the changed table; the running case
    // stayed on the version it started on.
    expect((await findProcessInstance(started.processInstanceId))?.processDefinitionVersion).toBe(withNewRule);
    expect((await findProcessInstance(running.processInstanceId))?.processDefinitionVersion).toBeLessThan(withNewRule);
  });
});
