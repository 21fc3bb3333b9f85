import { describe, expect, it } from 'vitest';
import { nextAttemptDelayMs } from '../../../platform/outbox-relay.ts';

describe('nextAttemptDelayMs', () => {
  it('doubles the delay per failed attempt', () => {
    expect(nextAttemptDelayMs(0)).toBe(1_000);
    expect(nextAttemptDelayMs(1)).toBe(2_000);
    expect(nextAttemptDelayMs(5)).toBe(32_000);
  });

  it('caps the delay at five minutes', () => {
    expect(nextAttemptDelayMs(9)).toBe(300_000);
    expect(nextAttemptDelayMs(1_000)).toBe(300_000);
  });
});
