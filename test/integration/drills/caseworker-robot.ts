// The drills' caseworker. Every path through the application process has a person in it, so
// the drills' data updates need someone to pass their completeness check and to confirm that
// each stays within its decision; this does that for the drill's own cases only, as soon as
// their tasks appear, while the drill kills engines and workers around it.
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { createEngineClient } from '../../../platform/engine-client.ts';
import { typedVariables } from '../../../platform/engine-variables.ts';
import { validSubmission } from '../harness.ts';

const decisions: Record<string, Record<string, unknown>> = {
  'check-completeness': { isComplete: 'yes' },
  'check-update-scope': { withinDecision: 'yes', updateCheckNotes: 'Innenfor vedtaket.', hoursSpent: 0 },
};

export function caseworkerRobot(engineUrl: string, caseIds: () => string[]) {
  const caseworker = createEngineClient({ url: engineUrl, user: 'saksbehandler', password: 'saksbehandler' });
  let stopped = false;
  const running = (async () => {
    while (!stopped) {
      const ids = caseIds();
      const tasks = ids.length
        ? await caseworker
            .call<{ id: string; taskDefinitionKey: string }[]>('POST', '/task', { processInstanceBusinessKeyIn: ids, taskDefinitionKeyIn: Object.keys(decisions) })
            .catch(() => [])
        : [];
      for (const task of tasks) {
        // A task another attempt completed, or an engine that is down, is passed by.
        await caseworker
          .call('POST', `/task/${task.id}/claim`, { userId: 'saksbehandler' })
          .then(() => caseworker.call('POST', `/task/${task.id}/complete`, { variables: typedVariables(decisions[task.taskDefinitionKey]!) }))
          .catch(() => undefined);
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  })();
  return async () => {
    stopped = true;
    await running;
  };
}

// A case of this service that HDS granted, written straight into the case file, for the
// drills' data updates to refer to (their sources and variables are within it).
export async function grantedCaseInCaseFile(db: Knex, reference: string, dataSources: object[]) {
  const [row] = await db('applications')
    .insert({ id: randomUUID(), reference, status: 'closed', application_type: 'new', submission: { ...validSubmission, dataSources }, submitted_by: 'drill' })
    .onConflict('reference')
    .merge()
    .returning('id');
  await db('decisions').insert({ application_id: row.id, decided_by_body: 'HDS', outcome: 'grant', decided_by: 'beslutter', decided_at: new Date() }).onConflict('application_id').ignore();
}
