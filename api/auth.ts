// Who may do what. Every route that is not a probe or the API description names the scope it
// needs and the roles that may use it; a bearer JWT from the configured issuer proves both.
// Which cases a caller may see (its own, its orders, all) is decided by the routes, from the
// principal this plugin puts on the request.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import type { Config } from '../platform/config.ts';
import { jwksOf, loadOrCreateDevKey } from '../platform/tokens.ts';
import { problems } from './problems.ts';

export const roles = ['integrator', 'custodian', 'caseworker'] as const;
export type Role = (typeof roles)[number];

export const scopes = [
  'applications:write',
  'applications:read',
  'orders:read',
  'orders:write',
  'decisions:write',
  'stats:read',
  'permits:read',
  'permits:write',
  'documents:read',
] as const;
export type Scope = (typeof scopes)[number];

// The scopes an identity provider grants each role; development tokens carry exactly these.
export const scopesOfRole: Record<Role, Scope[]> = {
  integrator: ['applications:write', 'applications:read', 'permits:read', 'permits:write', 'documents:read'],
  custodian: ['orders:read', 'orders:write', 'permits:read', 'permits:write', 'documents:read'],
  caseworker: ['applications:read', 'orders:read', 'decisions:write', 'stats:read', 'permits:read', 'documents:read'],
};

export type Principal = { subject: string; roles: Role[]; scopes: string[]; custodianId?: string };
export type Access = { scope: Scope; roles: Role[] };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal;
  }
}

// The route config of a protected route; the OpenAPI document states it too (api/openapi.ts).
export function requires(scope: Scope, ...allowed: Role[]) {
  return { access: { scope, roles: allowed } };
}

export const isCaseworker = (principal: Principal) => principal.roles.includes('caseworker');

// An integrator reaches only the cases it submitted: the submitter to filter by, or nothing
// for callers who see every case (caseworkers) or reach cases by their orders (custodians).
export function ownCasesOf(principal: Principal): string | undefined {
  return principal.roles.includes('integrator') && !isCaseworker(principal) ? principal.subject : undefined;
}

function principalOf(payload: JWTPayload): Principal {
  const scope = typeof payload.scope === 'string' ? payload.scope.split(' ') : Array.isArray(payload.scp) ? payload.scp : [];
  const claimed = Array.isArray(payload.roles) ? payload.roles : [];
  return {
    subject: payload.sub ?? '',
    roles: claimed.filter((role): role is Role => (roles as readonly unknown[]).includes(role)),
    scopes: scope.filter((s): s is string => typeof s === 'string'),
    ...(typeof payload.custodian_id === 'string' ? { custodianId: payload.custodian_id } : {}),
  };
}

type KeySet = Parameters<typeof jwtVerify>[1];

function keySetOf(auth: Config['auth'], app: FastifyInstance): KeySet {
  if (auth.jwksUrl) return createRemoteJWKSet(new URL(auth.jwksUrl));
  if (auth.jwks) return createLocalJWKSet(JSON.parse(auth.jwks));
  app.log.warn({ devKeysDir: auth.devKeysDir }, 'no AUTH_JWKS_URL or AUTH_JWKS: trusting the local development key');
  return createLocalJWKSet(JSON.parse(jwksOf(loadOrCreateDevKey(auth.devKeysDir))));
}

// Checking a signature costs more than the rest of a small request, and a client sends the
// same token until it expires. A token that passed is trusted again without the check until
// its expiry, for at most a minute (so a key withdrawn from the key set stops working soon
// after); the oldest entries make room beyond a bound.
export class VerifiedTokens {
  private readonly entries = new Map<string, { principal: Principal; until: number }>();

  constructor(private readonly maxAgeMs = 60_000, private readonly maxEntries = 10_000) {}

  get(token: string, now = Date.now()): Principal | undefined {
    const entry = this.entries.get(token);
    if (entry && entry.until > now) return entry.principal;
    if (entry) this.entries.delete(token);
    return undefined;
  }

  set(token: string, principal: Principal, expiresAt: number | undefined, now = Date.now()) {
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { principal, until: Math.min(now + this.maxAgeMs, expiresAt === undefined ? Infinity : expiresAt * 1000) });
  }
}

async function authenticate(request: FastifyRequest, keySet: KeySet, auth: Config['auth'], verified: VerifiedTokens): Promise<Principal> {
  const [kind, token] = (request.headers.authorization ?? '').split(' ');
  if (kind?.toLowerCase() !== 'bearer' || !token) throw problems.unauthenticated('A bearer token is required');
  const known = verified.get(token);
  if (known) return known;
  try {
    const { payload } = await jwtVerify(token, keySet, { issuer: auth.issuer, audience: auth.audience, algorithms: ['ES256', 'RS256'] });
    const principal = principalOf(payload);
    if (!principal.subject) throw problems.unauthenticated('The token has no subject');
    verified.set(token, principal, payload.exp);
    return principal;
  } catch (error) {
    if (error instanceof errors.JOSEError) throw problems.unauthenticated(`The token was not accepted: ${error.code}`);
    throw error;
  }
}

function authorize(principal: Principal, access: Access) {
  if (!principal.scopes.includes(access.scope)) throw problems.forbidden(`The token lacks the scope ${access.scope}`);
  if (!principal.roles.some((role) => access.roles.includes(role))) {
    throw problems.forbidden(`This needs one of the roles ${access.roles.join(', ')}`);
  }
  if (principal.roles.includes('custodian') && access.roles.includes('custodian') && !principal.custodianId) {
    throw problems.forbidden('A custodian token must name its custodian (custodian_id)');
  }
}

async function auth(app: FastifyInstance, settings: Config['auth']) {
  const keySet = keySetOf(settings, app);
  const verified = new VerifiedTokens();
  app.decorateRequest('principal', null as never);
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (!access) return;
    request.principal = await authenticate(request, keySet, settings, verified);
    authorize(request.principal, access);
  });
}

export const authPlugin = fastifyPlugin(auth, { name: 'hds-auth' });
