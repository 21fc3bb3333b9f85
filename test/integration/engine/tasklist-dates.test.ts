// Tasklist 8.6.0 writes the time of a task created on a whole second without milliseconds,
// and its indices took dates only with them: the task was refused, the importer tried the same
// batch for ever, and no later task reached the task search (engine/tasklist-dates.sh). Pinning
// the engine's clock to a whole second creates such a task on purpose.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUserTask, pinClock, resetClock } from '../engine.ts';
import { startCase, startHarness, type Harness } from '../harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await resetClock();
  await h?.close();
});

describe('Tasklist and whole seconds', () => {
  it('imports a task created on a whole second, and the tasks after it', async () => {
    const wholeSecond = new Date(Math.ceil(Date.now() / 1000) * 1000 + 1000);
    await pinClock(wholeSecond);
    const onTheSecond = await startCase(h);
    const task = await findUserTask(onTheSecond.processInstanceKey, 'check-completeness');
    expect(Date.parse(task.creationDate!)).toBe(wholeSecond.getTime());
    await resetClock();

    const after = await startCase(h);
    const next = await findUserTask(after.processInstanceKey, 'check-completeness');
    expect(Date.parse(next.creationDate!)).toBeGreaterThan(wholeSecond.getTime());
  });
});
