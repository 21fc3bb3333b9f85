// Looks up who completed a user task, through the engine's REST search.
import type { Camunda8 } from '@camunda8/sdk';
import type { UserTaskLookup } from '../workers/declaration.ts';

type FoundTask = { key: string | number; elementId: string; state: string; assignee?: string | null };

export function userTaskLookup(camunda: Camunda8): UserTaskLookup {
  const rest = camunda.getCamundaRestClient();
  return {
    async completedBy(processInstanceKey, elementId) {
      const { items } = (await rest.searchUserTasks({ filter: { processInstanceKey } } as never)) as unknown as { items: FoundTask[] };
      // The newest task of the element is the one just completed; until the search shows it
      // completed, the answer is not known yet.
      const [latest] = items
        .filter((t) => t.elementId === elementId)
        .sort((a, b) => (BigInt(b.key) > BigInt(a.key) ? 1 : -1));
      if (latest?.state !== 'COMPLETED') return undefined;
      return latest.assignee ?? null;
    },
  };
}
