// The statistics cache: pure logic, with a clock and a computation the test controls.
import { describe, expect, it } from 'vitest';
import { cachedFigures, type Period } from '../../../store/statistics/statistics.ts';

function setUp(maxAgeMs: number, options: { maxPeriods?: number } = {}) {
  let clock = 1_000_000;
  const calls: Period[] = [];
  const pending: { resolve: (n: number) => void; reject: (e: Error) => void }[] = [];
  const errors: unknown[] = [];
  const figures = cachedFigures(
    (period) => {
      calls.push(period);
      return new Promise<number>((resolve, reject) => pending.push({ resolve, reject }));
    },
    maxAgeMs,
    { ...options, now: () => clock, onError: (error) => errors.push(error) },
  );
  const settle = async (value: number) => {
    pending.shift()!.resolve(value);
    await new Promise((resolve) => setImmediate(resolve));
  };
  const fail = async () => {
    pending.shift()!.reject(new Error('database away'));
    await new Promise((resolve) => setImmediate(resolve));
  };
  // Asks for a period and lets its computation finish with the value.
  const computed = async (period: Period, value: number) => {
    const answer = figures(period);
    await settle(value);
    return answer;
  };
  return { figures, calls, errors, settle, fail, computed, tick: (ms: number) => (clock += ms) };
}

const quarter = { from: '2026-01-01', to: '2026-03-31' };

describe('cached statistics', () => {
  it('computes a period once while its figures are younger than the maximum age', async () => {
    const t = setUp(60_000);
    expect(await t.computed(quarter, 7)).toEqual({ figures: 7, computedAt: new Date(1_000_000) });
    t.tick(59_999);
    expect((await t.figures(quarter)).figures).toBe(7);
    expect(t.calls).toHaveLength(1);
  });

  it('lets concurrent first requests for a period share one computation', async () => {
    const t = setUp(60_000);
    const answers = [t.figures(quarter), t.figures({ ...quarter }), t.figures(quarter)];
    await t.settle(3);
    expect((await Promise.all(answers)).map((a) => a.figures)).toEqual([3, 3, 3]);
    expect(t.calls).toHaveLength(1);
  });

  it('keeps each period apart', async () => {
    const t = setUp(60_000);
    const all = t.figures({});
    const q = t.figures(quarter);
    await t.settle(1);
    await t.settle(2);
    expect([(await all).figures, (await q).figures]).toEqual([1, 2]);
    expect(t.calls).toEqual([{}, quarter]);
  });

  it('serves old figures while one new computation runs, then the new ones', async () => {
    const t = setUp(60_000);
    await t.computed(quarter, 1);
    t.tick(60_000);
    expect((await t.figures(quarter)).figures).toBe(1);
    expect((await t.figures(quarter)).figures).toBe(1);
    expect(t.calls).toHaveLength(2);
    await t.settle(2);
    const renewed = await t.figures(quarter);
    expect(renewed).toEqual({ figures: 2, computedAt: new Date(1_060_000) });
    expect(t.calls).toHaveLength(2);
  });

  it('keeps the old figures when computing them again fails, and tries again on the next request', async () => {
    const t = setUp(60_000);
    await t.computed(quarter, 1);
    t.tick(60_000);
    expect((await t.figures(quarter)).figures).toBe(1);
    await t.fail();
    expect(t.errors).toHaveLength(1);
    expect((await t.figures(quarter)).figures).toBe(1);
    expect(t.calls).toHaveLength(3);
  });

  it('serves old figures only while they are younger than twice the maximum age', async () => {
    const t = setUp(60_000);
    await t.computed(quarter, 1);
    t.tick(119_999);
    expect((await t.figures(quarter)).figures).toBe(1);
    await t.settle(2);
    t.tick(120_000);
    const waited = t.figures(quarter);
    expect(t.calls).toHaveLength(3);
    await t.settle(3);
    expect(await waited).toEqual({ figures: 3, computedAt: new Date(1_239_999) });
  });

  it('after an idle spell computes the figures before answering', async () => {
    const t = setUp(60_000);
    await t.computed(quarter, 1);
    t.tick(10 * 60_000);
    const answer = t.figures(quarter);
    await t.settle(2);
    expect(await answer).toEqual({ figures: 2, computedAt: new Date(1_600_000) });
    expect(t.calls).toHaveLength(2);
  });

  it('lets a request that finds the figures too old wait for the computation already running', async () => {
    const t = setUp(60_000);
    await t.computed(quarter, 1);
    t.tick(60_000);
    expect((await t.figures(quarter)).figures).toBe(1);
    t.tick(60_000);
    const waited = t.figures(quarter);
    await t.settle(2);
    expect(await waited).toEqual({ figures: 2, computedAt: new Date(1_060_000) });
    expect(t.calls).toHaveLength(2);
  });

  it('answers the failure rather than figures too old, and tries again on the next request', async () => {
    const t = setUp(60_000);
    await t.computed(quarter, 1);
    t.tick(120_000);
    const failed = expect(t.figures(quarter)).rejects.toThrow('database away');
    await t.fail();
    await failed;
    expect((await t.computed(quarter, 3)).figures).toBe(3);
    expect(t.calls).toHaveLength(3);
  });

  it('does not keep a first computation that failed', async () => {
    const t = setUp(60_000);
    const first = expect(t.figures(quarter)).rejects.toThrow('database away');
    await t.fail();
    await first;
    expect((await t.computed(quarter, 5)).figures).toBe(5);
    expect(t.calls).toHaveLength(2);
  });

  it('computes on every request with maximum age 0', async () => {
    const t = setUp(0);
    const a = t.figures(quarter);
    const b = t.figures(quarter);
    await t.settle(1);
    await t.settle(2);
    expect([(await a).figures, (await b).figures]).toEqual([1, 2]);
  });

  it('forgets the oldest period beyond its bound', async () => {
    const t = setUp(60_000, { maxPeriods: 2 });
    for (const to of ['2026-01-31', '2026-02-28', '2026-03-31']) await t.computed({ to }, 1);
    expect((await t.computed({ to: '2026-01-31' }, 9)).figures).toBe(9);
    expect((await t.figures({ to: '2026-03-31' })).figures).toBe(1);
    expect(t.calls).toHaveLength(4);
  });
});
