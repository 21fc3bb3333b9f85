// Who completed a user task, from the engine's history (written when the task completes).
import type { UserTaskLookup } from '../workers/declaration.ts';
import type { EngineClient } from './engine-client.ts';

type HistoricTask = { assignee: string | null; endTime: string | null };

export function userTaskLookup(engine: EngineClient): UserTaskLookup {
  return {
    async completedBy(processInstanceId, taskDefinitionKey) {
      const query = new URLSearchParams({ processInstanceId, taskDefinitionKey, finished: 'true', sortBy: 'endTime', sortOrder: 'desc', maxResults: '1' });
      const [latest] = await engine.call<HistoricTask[]>('GET', `/history/task?${query}`);
      if (!latest) return undefined;
      return latest.assignee;
    },
  };
}
