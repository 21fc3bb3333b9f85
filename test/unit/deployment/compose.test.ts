// docker-compose.yml, the Dockerfile and service/config.ts must agree: the compose file sets
// only variables the service reads, the API port is the same everywhere, the engine and
// database addresses name the compose services with their ports and credentials, and the
// engine is Camunda 8.9. Docker does not run in the test environment; this is what keeps the
// files from drifting apart without it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { variablesLoadConfigReads } from './config-reads.ts';

type Service = {
  image?: string;
  build?: unknown;
  ports?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
};

const root = new URL('../../../', import.meta.url);
const compose = parse(readFileSync(new URL('docker-compose.yml', root), 'utf8')) as { services: Record<string, Service> };

// Dockerfile instructions with their continuation lines joined: [keyword, arguments].
const dockerfile = readFileSync(new URL('Dockerfile', root), 'utf8')
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'))
  .map((line) => {
    const [keyword, ...rest] = line.split(/\s+/);
    return [keyword!.toUpperCase(), rest.join(' ')] as const;
  });
const instructions = (keyword: string) => dockerfile.filter(([k]) => k === keyword).map(([, args]) => args);
const dockerfileEnv = Object.fromEntries(instructions('ENV').flatMap((args) => [...args.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1]!, m[2]!])));

function serviceWhere(what: string, test: (service: Service) => boolean): [string, Service] {
  const found = Object.entries(compose.services).filter(([, service]) => test(service));
  expect(found.map(([name]) => name), what).toHaveLength(1);
  return found[0]!;
}

// Short port syntax, "[host address:]host port:container port".
function portMappings(service: Service) {
  return (service.ports ?? []).map((mapping) => {
    const parts = mapping.split(':');
    return { host: Number(parts.at(-2)), container: Number(parts.at(-1)) };
  });
}

const [, app] = serviceWhere('the service built from the Dockerfile', (s) => s.build !== undefined);
const isCamunda = (s: Service) => s.image?.startsWith('camunda/camunda:') ?? false;
const [camundaName, camunda] = serviceWhere('the Camunda service', (s) => isCamunda(s) && s.ports !== undefined);
const [postgresName, postgres] = serviceWhere('the PostgreSQL service', (s) => s.image?.startsWith('postgres:') ?? false);
const appEnv = app.environment ?? {};

describe('docker-compose.yml, Dockerfile and configuration', () => {
  it('sets only variables the service reads, and the ones it needs', () => {
    const read = variablesLoadConfigReads();
    expect(Object.keys(appEnv).filter((name) => !read.has(name))).toEqual([]);
    for (const name of ['DATABASE_URL', 'API_HOST', 'API_PORT', 'ZEEBE_GRPC_ADDRESS', 'ZEEBE_REST_ADDRESS', 'CAMUNDA_AUTH_STRATEGY']) {
      expect(appEnv, name).toHaveProperty(name);
    }
  });

  it('sets in the Dockerfile only variables the service reads', () => {
    const read = variablesLoadConfigReads();
    expect(Object.keys(dockerfileEnv).filter((name) => !read.has(name))).toEqual([]);
  });

  it('uses one API port in the compose file and the Dockerfile, listening beyond the container', () => {
    const port = Number(appEnv.API_PORT);
    expect(port).toBeGreaterThan(0);
    expect(Number(dockerfileEnv.API_PORT)).toBe(port);
    expect(instructions('EXPOSE')).toEqual([String(port)]);
    expect(portMappings(app).map((m) => m.container)).toContain(port);
    const [healthcheck] = instructions('HEALTHCHECK');
    expect(healthcheck).toContain(`http://127.0.0.1:${port}/health/live`);
    expect(appEnv.API_HOST).toBe('0.0.0.0');
    expect(dockerfileEnv.API_HOST).toBe('0.0.0.0');
  });

  it('reaches the engine at the Camunda service on the ports it publishes', () => {
    const published = portMappings(camunda);
    const grpc = new URL(appEnv.ZEEBE_GRPC_ADDRESS!);
    const rest = new URL(appEnv.ZEEBE_REST_ADDRESS!);
    expect(grpc.protocol).toBe('grpc:');
    expect(grpc.hostname).toBe(camundaName);
    expect(published.map((m) => m.container)).toContain(Number(grpc.port));
    expect(rest.hostname).toBe(camundaName);
    expect(published.map((m) => m.container)).toContain(Number(rest.port));
    // The web apps share the REST API's port in 8.9; people reach them on the host.
    const webapps = new URL(appEnv.CAMUNDA_WEBAPPS_URL!);
    expect(published).toContainEqual({ host: Number(webapps.port), container: Number(rest.port) });
    expect(appEnv.CAMUNDA_AUTH_STRATEGY).toBe('NONE');
    expect(camunda.environment?.CAMUNDA_SECURITY_AUTHENTICATION_UNPROTECTEDAPI).toBe('true');
  });

  it('runs Camunda 8.9 with H2 as secondary storage', () => {
    expect(camunda.image).toMatch(/^camunda\/camunda:8\.9\.\d+$/);
    // The helper that prepares Camunda's volume uses the same image.
    expect(new Set(Object.values(compose.services).filter(isCamunda).map((s) => s.image))).toEqual(new Set([camunda.image]));
    expect(camunda.environment?.CAMUNDA_DATA_SECONDARYSTORAGE_TYPE).toBe('rdbms');
    expect(camunda.environment?.CAMUNDA_DATA_SECONDARYSTORAGE_RDBMS_URL).toMatch(/^jdbc:h2:file:/);
  });

  it('keeps the case file in the PostgreSQL service, with its credentials', () => {
    const url = new URL(appEnv.DATABASE_URL!);
    const env = postgres.environment ?? {};
    expect(url.protocol).toBe('postgres:');
    expect(url.hostname).toBe(postgresName);
    expect(url.port || '5432').toBe('5432');
    expect(decodeURIComponent(url.username)).toBe(env.POSTGRES_USER);
    expect(decodeURIComponent(url.password)).toBe(env.POSTGRES_PASSWORD);
    expect(url.pathname).toBe(`/${env.POSTGRES_DB}`);
  });

  it('starts the service once the database and the engine are healthy', () => {
    expect(app.depends_on?.[postgresName]?.condition).toBe('service_healthy');
    expect(app.depends_on?.[camundaName]?.condition).toBe('service_healthy');
    expect(postgres.healthcheck?.test.length).toBeGreaterThan(0);
    expect(camunda.healthcheck?.test.join(' ')).toContain('/actuator/health/readiness');
  });

  it('builds on Node 20 and runs as a user other than root', () => {
    expect(instructions('FROM')[0]).toMatch(/^node:20\b/);
    const [user] = instructions('USER');
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user!.split(':')[0]);
  });
});
