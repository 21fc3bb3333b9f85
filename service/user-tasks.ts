// Looks up who completed a user task, through the engine's REST search.
import type { Camunda8 } from '@camunda8/sdk';
import type { UserTaskLookup } from '../workers/declaration.ts';

// 8.6 names a task's key `key`; 8.8 and later name it `userTaskKey`.
type FoundTask = { key?: string | number; userTaskKey?: string | number; elementId: string; state: string; assignee?: string | null };
const keyOf = (task: FoundTask) => BigInt(task.userTaskKey ?? task.key ?? 0);

export function userTaskLookup(camunda: Camunda8): UserTaskLookup {
  const rest = camunda.getCamundaRestClient();
  return {
    async completedBy(processInstanceKey, elementId) {
      const { items } = (await rest.searchUserTasks({ filter: { processInstanceKey } } as never)) as unknown as { items: FoundTask[] };
      // The newest task of the element is the one just completed; until the search shows it
      // completed, the answer is not known yet.
      const [latest] = items
        .filter((t) => t.elementId === elementId)
        .sort((a, b) => (keyOf(b) > keyOf(a) ? 1 : -1));
      if (latest?.state !== 'COMPLETED') return undefined;
      return latest.assignee ?? null;
    },
  };
}
