// Who completed a user task, from the engine's history (written when the task completes).
import { EngineError, type EngineClient } from './engine-client.ts';

// Who completed the latest user task of an element in an instance, from the engine's history
// (undefined: no such task has been completed; null: it was completed without an assignee).
export type UserTaskLookup = {
  completedBy(processInstanceId: string, activityId: string): Promise<string | null | undefined>;
  // A user's full name from the engine's user profile (for letters), or the id if it has none.
  nameOf(userId: string): Promise<string>;
};

type HistoricTask = { assignee: string | null; endTime: string | null };

export function userTaskLookup(engine: EngineClient): UserTaskLookup {
  return {
    async completedBy(processInstanceId, taskDefinitionKey) {
      const query = new URLSearchParams({ processInstanceId, taskDefinitionKey, finished: 'true', sortBy: 'endTime', sortOrder: 'desc', maxResults: '1' });
      const [latest] = await engine.call<HistoricTask[]>('GET', `/history/task?${query}`);
      if (!latest) return undefined;
      return latest.assignee;
    },
    async nameOf(userId) {
      try {
        const profile = await engine.call<{ firstName?: string; lastName?: string }>('GET', `/user/${encodeURIComponent(userId)}/profile`);
        return [profile.firstName, profile.lastName].filter(Boolean).join(' ') || userId;
      } catch (error) {
        if (error instanceof EngineError && error.status === 404) return userId;
        throw error;
      }
    },
  };
}
