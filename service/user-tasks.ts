// Looks up who completed a user task, through the engine's REST search.
import type { Camunda8 } from '@camunda8/sdk';
import type { UserTaskLookup } from '../workers/declaration.ts';

type FoundTask = { key: string | number; elementId: string; state: string; assignee?: string | null };

export function userTaskLookup(camunda: Camunda8): UserTaskLookup {
  const rest = camunda.getCamundaRestClient();
  return {
    async completedBy(processInstanceKey, elementId) {
      const { items } = (await rest.searchUserTasks({ filter: { processInstanceKey } } as never)) as unknown as { items: FoundTask[] };
      const completed = items
        .filter((t) => t.elementId === elementId && t.state === 'COMPLETED')
        .sort((a, b) => (BigInt(b.key) > BigInt(a.key) ? 1 : -1));
      if (completed.length === 0) return undefined;
      return completed[0]!.assignee ?? null;
    },
  };
}
