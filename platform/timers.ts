// The timer jobs of a process instance, moved to a new due date through the engine's REST API
// (PUT /job/{id}/duedate): a deadline that moves (an extension) moves the timer that waits for it.
import type { EngineClient } from './engine-client.ts';

export type TimerJobs = {
  // Moves the timer of an element in an instance to dueAt; false when the element has no timer
  // waiting (it has fired, or the instance has left the element).
  move(processInstanceId: string, activityId: string, dueAt: Date): Promise<boolean>;
};

// The engine's REST date format (yyyy-MM-dd'T'HH:mm:ss.SSSZ): an offset, not the letter Z.
const engineDate = (instant: Date) => instant.toISOString().replace(/Z$/, '+0000');

export function timerJobs(engine: EngineClient): TimerJobs {
  return {
    async move(processInstanceId, activityId, dueAt) {
      const query = new URLSearchParams({ processInstanceId, activityId, timers: 'true' });
      const jobs = await engine.call<{ id: string }[]>('GET', `/job?${query}`);
      for (const job of jobs) await engine.call('PUT', `/job/${job.id}/duedate`, { duedate: engineDate(dueAt) });
      return jobs.length > 0;
    },
  };
}
