// Every setting the service reads, in one place, with the defaults of a local run.
import type { MailConfig } from './delivery.ts';
import { isValidAccountNumber } from '../domain/invoice/account-number.ts';
import { isValidOrganisationNumber } from '../domain/organisation-number.ts';
export const componentNames = ['api', 'workers', 'relay', 'forecast'] as const;
export type Component = (typeof componentNames)[number];

function parseComponents(value: string | undefined): Component[] {
  const names = (value ?? componentNames.join(',')).split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = names.filter((name) => !(componentNames as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new Error(`SERVICE_COMPONENTS must list some of ${componentNames.join(', ')}; got "${value}"`);
  }
  return names as Component[];
}

export type Config = {
  databaseUrl: string | undefined;
  pgliteDir: string;
  apiHost: string;
  apiPort: number;
  logLevel: string;
  // The Operaton engine: its base URL (REST under /engine-rest, web apps under /operaton) and
  // the engine user the service signs in as.
  engine: { url: string; user: string; password: string };
  // Which parts this process runs; run the API, the workers, the relay and the forecast refresh
  // as separate processes (and several of each) by giving each its own list.
  components: Component[];
  relayIntervalMs: number;
  // How often the forecast refresh looks whether cases have moved (and recomputes if so).
  forecastRefreshIntervalMs: number;
  // Bearer tokens the API accepts. Keys come from a JWKS URL, an inline JWKS, or (when neither
  // is set: local runs only) a development key pair kept in devKeysDir.
  auth: { issuer: string; audience: string; jwksUrl: string | undefined; jwks: string | undefined; devKeysDir: string };
  // How long a replay of an Idempotency-Key answers the first answer; after that the key is free.
  idempotencyKeyTtlHours: number;
  // How old the figures of GET /stats may be before they are computed again.
  statsMaxAgeSeconds: number;
  // Per client address; generous, since integrators are few and known.
  rateLimit: { max: number; windowMs: number };
  // Where letters go: an SMTP server, or (no host: local runs) .eml files in dir.
  mail: MailConfig;
  payee: Payee;
  // Where an appeal goes, as every letter that can be appealed says (forvaltningsloven § 27).
  appeal: AppealAddress;
  // Applications received on or after this day (YYYY-MM-DD) follow the EHDS rulebook before it
  // applies by law; null: no pilot.
  ehdsPilotFrom: string | null;
  // The public address of the service (scheme, host and any path prefix, no trailing slash):
  // the absolute links of the Atom feed are built from it, never from a request's Host header,
  // which any client can forge.
  publicBaseUrl: string;
};

// Who HDS's invoices are paid to: the name, organisation number and postal address on the
// invoice and in its EHF, and the account the KID payments go to.
export type Payee = {
  name: string;
  organisationNumber: string;
  accountNumber: string;
  address: { street: string; postalCode: string; city: string };
};

// Read on its own as well: the invoice worker needs only this part. A wrong number is refused
// when the service starts, not found on the first invoice.
export function loadPayee(env: NodeJS.ProcessEnv = process.env): Payee {
  const payee = {
    name: env.INVOICE_PAYEE_NAME ?? 'Folkehelseinstituttet',
    organisationNumber: env.INVOICE_PAYEE_ORGANISATION_NUMBER ?? '983744516',
    accountNumber: (env.INVOICE_PAYEE_ACCOUNT_NUMBER ?? '76940512340').replace(/[ .]/g, ''),
    address: {
      street: env.INVOICE_PAYEE_STREET ?? 'Postboks 222 Skøyen',
      postalCode: env.INVOICE_PAYEE_POSTAL_CODE ?? '0213',
      city: env.INVOICE_PAYEE_CITY ?? 'Oslo',
    },
  };
  if (!isValidOrganisationNumber(payee.organisationNumber)) throw new Error(`INVOICE_PAYEE_ORGANISATION_NUMBER is not a valid organisation number: "${payee.organisationNumber}"`);
  if (!isValidAccountNumber(payee.accountNumber)) throw new Error(`INVOICE_PAYEE_ACCOUNT_NUMBER is not a valid Norwegian account number: "${payee.accountNumber}"`);
  return payee;
}

export type AppealAddress = { postalAddress: string; digitalChannel: string };

// Read on its own too: the letters name it wherever they are made.
export function appealAddress(env: NodeJS.ProcessEnv = process.env): AppealAddress {
  return {
    postalAddress: env.APPEAL_POSTAL_ADDRESS ?? 'Helsedataservice, Postboks 220 Skøyen, 0213 Oslo',
    digitalChannel: env.APPEAL_DIGITAL_CHANNEL ?? 'helsedata.no, under «Mine søknader»',
  };
}

// Read on its own too: the worker that registers an application gives it to the decision table
// that chooses the case's rulebook (bpmn/rulebook.dmn). A date that is not one is refused when
// the service starts, not found on the first case.
export function ehdsPilotFrom(env: NodeJS.ProcessEnv = process.env): string | null {
  const value = env.HDS_EHDS_PILOT_FROM?.trim();
  if (!value) return null;
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : undefined;
  if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value) {
    throw new Error(`HDS_EHDS_PILOT_FROM must be a day as YYYY-MM-DD, or unset; got "${value}"`);
  }
  return value;
}

// PUBLIC_BASE_URL, an absolute http(s) address; unset: the local API's own address.
export function publicBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const value = env.PUBLIC_BASE_URL?.trim() || `http://localhost:${Number(env.API_PORT ?? 3000)}`;
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.search || url.hash || url.username) {
    throw new Error(`PUBLIC_BASE_URL must be an absolute http or https address with no query, fragment or login; got "${value}"`);
  }
  return value.replace(/\/+$/, '');
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    pgliteDir: env.PGLITE_DIR ?? '.data/pglite',
    apiHost: env.API_HOST ?? '127.0.0.1',
    apiPort: Number(env.API_PORT ?? 3000),
    logLevel: env.LOG_LEVEL ?? 'info',
    engine: {
      url: (env.ENGINE_URL ?? 'http://127.0.0.1:8090').replace(/\/$/, ''),
      user: env.ENGINE_USER ?? 'hds-service',
      password: env.ENGINE_PASSWORD ?? 'hds-service',
    },
    components: parseComponents(env.SERVICE_COMPONENTS),
    relayIntervalMs: Number(env.OUTBOX_RELAY_INTERVAL_MS ?? 500),
    forecastRefreshIntervalMs: Number(env.FORECAST_REFRESH_INTERVAL_MS ?? 60_000),
    auth: {
      issuer: env.AUTH_ISSUER ?? 'hds-local',
      audience: env.AUTH_AUDIENCE ?? 'hds-case-api',
      jwksUrl: env.AUTH_JWKS_URL || undefined,
      jwks: env.AUTH_JWKS || undefined,
      devKeysDir: env.AUTH_DEV_KEYS_DIR ?? '.data/dev-auth',
    },
    idempotencyKeyTtlHours: Number(env.IDEMPOTENCY_KEY_TTL_HOURS ?? 24),
    statsMaxAgeSeconds: Number(env.STATS_MAX_AGE_SECONDS ?? 60),
    rateLimit: {
      max: Number(env.RATE_LIMIT_MAX ?? 600),
      windowMs: Number(env.RATE_LIMIT_WINDOW_MS ?? 60_000),
    },
    mail: {
      smtpHost: env.MAIL_SMTP_HOST || undefined,
      smtpPort: Number(env.MAIL_SMTP_PORT ?? 25),
      smtpSecure: env.MAIL_SMTP_SECURE === 'true',
      from: env.MAIL_FROM ?? 'Helsedataservice <noreply@helsedataservice.no>',
      dir: env.MAIL_DIR ?? '.data/mail',
    },
    payee: loadPayee(env),
    appeal: appealAddress(env),
    ehdsPilotFrom: ehdsPilotFrom(env),
    publicBaseUrl: publicBaseUrl(env),
  };
}
