// Prints a development bearer token for the local service, signed with the local development
// key (AUTH_DEV_KEYS_DIR) that the service trusts when no JWKS is configured.
//   npm run -s dev-token -- integrator [--sub <client id>]
//   npm run -s dev-token -- custodian --custodian <custodian id>
//   npm run -s dev-token -- caseworker [--sub <user>]
import { parseArgs } from 'node:util';
import { roles, scopesOfRole, type Role } from '../api/auth.ts';
import { loadConfig } from '../platform/config.ts';
import { loadOrCreateDevKey, signToken } from '../platform/tokens.ts';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { sub: { type: 'string' }, custodian: { type: 'string' }, hours: { type: 'string', default: '12' } },
});
const role = positionals[0] as Role;
if (!roles.includes(role)) {
  console.error(`usage: npm run -s dev-token -- <${roles.join('|')}> [--sub <id>] [--custodian <id>] [--hours <n>]`);
  process.exit(2);
}
if (role === 'custodian' && !values.custodian) {
  console.error('a custodian token needs --custodian <custodian id>, e.g. --custodian FHI');
  process.exit(2);
}
const { auth } = loadConfig();
const claims = {
  iss: auth.issuer,
  aud: auth.audience,
  sub: values.sub ?? `local-${role}`,
  roles: [role],
  scope: scopesOfRole[role].join(' '),
  ...(values.custodian ? { custodian_id: values.custodian } : {}),
};
console.log(signToken(loadOrCreateDevKey(auth.devKeysDir), claims, Number(values.hours) * 3600));
