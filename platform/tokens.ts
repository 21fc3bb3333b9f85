// Signs ES256 bearer tokens for local runs and tests: `npm run dev-token` and the test harness.
// In production an OAuth2 server issues the tokens and the API only verifies them.
import { createHash, createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type SigningKey = { privateJwk: JsonWebKey; publicJwk: JsonWebKey & { kid: string } };

export function generateSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const publicJwk = publicKey.export({ format: 'jwk' });
  const kid = createHash('sha256').update(`${publicJwk.x}${publicJwk.y}`).digest('base64url').slice(0, 16);
  return { privateJwk: privateKey.export({ format: 'jwk' }), publicJwk: { ...publicJwk, kid, alg: 'ES256', use: 'sig' } };
}

// The JSON Web Key Set that verifies tokens signed with the key (the form AUTH_JWKS takes).
export function jwksOf(key: SigningKey): string {
  return JSON.stringify({ keys: [key.publicJwk] });
}

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function signToken(key: SigningKey, claims: Record<string, unknown>, ttlSeconds = 12 * 3600): string {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url({ alg: 'ES256', typ: 'JWT', kid: key.publicJwk.kid });
  const payload = base64url({ iat: now, exp: now + ttlSeconds, ...claims });
  const privateKey = createPrivateKey({ key: key.privateJwk as never, format: 'jwk' });
  const signature = sign('sha256', Buffer.from(`${header}.${payload}`), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  return `${header}.${payload}.${signature.toString('base64url')}`;
}

// The local development key, made on first use and kept (outside git) so tokens printed by
// `npm run dev-token` stay valid across restarts of the local service.
export function loadOrCreateDevKey(dir: string): SigningKey {
  const file = join(dir, 'signing-key.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as SigningKey;
  } catch {
    mkdirSync(dir, { recursive: true });
    const key = generateSigningKey();
    try {
      writeFileSync(file, JSON.stringify(key), { flag: 'wx', mode: 0o600 });
      return key;
    } catch {
      // Another process made it first.
      return JSON.parse(readFileSync(file, 'utf8')) as SigningKey;
    }
  }
}
