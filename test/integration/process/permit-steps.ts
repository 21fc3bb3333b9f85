// Steps to a permit on the real engine, shared by the permit tests: a case HDS grants, its
// permit, and the permit's process.
import { engine, findTimer } from '../engine.ts';
import { eventually, startCase, type Harness } from '../harness.ts';
import { assess, decide, passCompleteness, research } from './case-steps.ts';

export const granting = { outcome: 'grant', dispensationGranted: true, conditions: 'Data slettes ved prosjektslutt.' };

// The newest permit process of a case, once the relay has started it; `after` leaves out
// instances known before.
export async function permitInstance(h: Harness, applicationId: string, after: string[] = []): Promise<string> {
  return eventually(
    async () => {
      await h.relay.relayDue();
      const query = new URLSearchParams({ processInstanceBusinessKey: applicationId, processDefinitionKey: 'hds-permit' });
      const found = await engine.call<{ id: string }[]>('GET', `/history/process-instance?${query}`);
      return found.find((instance) => !after.includes(instance.id))?.id;
    },
    { what: `the permit process of case ${applicationId}` },
  );
}

// A case of research on MFR (FHI) and BIVIRK (DMP) that HDS grants, its permit and the
// permit's process, waiting for the reminder.
export async function grantedPermit(h: Harness, decision: Record<string, unknown> = {}) {
  const { id, reference, processInstanceId } = await startCase(h, research);
  await passCompleteness(processInstanceId);
  await assess(processInstanceId);
  await decide(processInstanceId, { ...granting, ...decision });
  const permit = await eventually(() => h.db('permits').where({ application_id: id }).first(), { what: `the permit of case ${id}` });
  const instance = await permitInstance(h, id);
  await findTimer(instance, 'reminder-due');
  return { caseId: id, reference, caseInstance: processInstanceId, permitId: permit.id as string, instance };
}
