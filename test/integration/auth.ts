// Bearer tokens for tests: signed with a key made for this test run, which the apps built by
// the harness trust (AUTH_JWKS in testConfig).
import { scopesOfRole, type Role } from '../../api/auth.ts';
import { loadConfig } from '../../platform/config.ts';
import { generateSigningKey, jwksOf, signToken } from '../../platform/tokens.ts';

const key = generateSigningKey();
export const testJwks = jwksOf(key);

export type TokenOptions = { sub?: string; custodianId?: string; scopes?: string[]; claims?: Record<string, unknown> };

// A token as the identity provider would issue it for the role; options narrow or alter it
// for the tests of what the API refuses.
export function tokenFor(role: Role, { sub, custodianId, scopes, claims }: TokenOptions = {}): string {
  const { auth } = loadConfig({});
  return signToken(key, {
    iss: auth.issuer,
    aud: auth.audience,
    sub: sub ?? (role === 'custodian' ? `custodian-${custodianId}` : `test-${role}`),
    roles: [role],
    scope: (scopes ?? scopesOfRole[role]).join(' '),
    ...(custodianId ? { custodian_id: custodianId } : {}),
    ...claims,
  });
}

export function bearer(role: Role, options: TokenOptions = {}) {
  return { authorization: `Bearer ${tokenFor(role, options)}` };
}

// Who sends a message into a case: a custodian confirms its delivery, a caseworker registers
// another body's decision, the submitting integrator sends the rest.
export function senderOf(url: string) {
  const delivery = /\/orders\/([^/]+)\/delivery$/.exec(url);
  if (delivery) return bearer('custodian', { custodianId: decodeURIComponent(delivery[1]!) });
  if (/\/(external-decision|helseklage-decision)$/.test(url)) return bearer('caseworker');
  return bearer('integrator');
}
