import { describe, expect, it } from 'vitest';
import { retryBackoffMs } from '../../../workers/runtime.ts';

describe('retryBackoffMs', () => {
  it('waits longer as retries run out', () => {
    expect(retryBackoffMs(4)).toBe(2_000);
    expect(retryBackoffMs(3)).toBe(4_000);
    expect(retryBackoffMs(0)).toBe(32_000);
    expect(retryBackoffMs(4)).toBeLessThan(retryBackoffMs(3));
  });

  it('never waits more than a minute, even for models that allow many retries', () => {
    expect(retryBackoffMs(-10)).toBe(60_000);
    expect(retryBackoffMs(50)).toBe(1_000);
  });
});
