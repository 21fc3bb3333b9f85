import { describe, expect, it } from 'vitest';
import { VerifiedTokens, type Principal } from '../../../api/auth.ts';

const principal = (subject: string): Principal => ({ subject, roles: ['integrator'], scopes: ['applications:write'] });
const now = 1_800_000_000_000;

describe('verified tokens', () => {
  it('trusts a token again until it expires', () => {
    const tokens = new VerifiedTokens(60_000);
    tokens.set('a', principal('a'), now / 1000 + 10, now);
    expect(tokens.get('a', now + 9_999)?.subject).toBe('a');
    expect(tokens.get('a', now + 10_000)).toBeUndefined();
  });

  it('checks a long-lived token again after the maximum age', () => {
    const tokens = new VerifiedTokens(60_000);
    tokens.set('a', principal('a'), now / 1000 + 3_600, now);
    tokens.set('b', principal('b'), undefined, now);
    expect(tokens.get('a', now + 59_999)?.subject).toBe('a');
    expect(tokens.get('a', now + 60_000)).toBeUndefined();
    expect(tokens.get('b', now + 60_000)).toBeUndefined();
  });

  it('knows nothing of a token it was not given', () => {
    const tokens = new VerifiedTokens();
    tokens.set('a', principal('a'), undefined, now);
    expect(tokens.get('a.', now)).toBeUndefined();
  });

  it('lets the oldest entry go when full', () => {
    const tokens = new VerifiedTokens(60_000, 2);
    tokens.set('a', principal('a'), undefined, now);
    tokens.set('b', principal('b'), undefined, now);
    tokens.set('c', principal('c'), undefined, now);
    expect(tokens.get('a', now)).toBeUndefined();
    expect(tokens.get('b', now)?.subject).toBe('b');
    expect(tokens.get('c', now)?.subject).toBe('c');
  });
});
