// docker-compose.yml, the Dockerfiles and platform/config.ts must agree: the compose file sets
// only variables the service reads, the API port is the same everywhere, the engine and
// database addresses name the compose services with their ports and credentials, and the
// engine runs as two nodes built from engine/ on the one PostgreSQL, with no vendor's engine
// image. Docker does not run in the test environment; this is what keeps the files from
// drifting apart without it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { variablesLoadConfigReads } from './config-reads.ts';

type Service = {
  image?: string;
  build?: string;
  ports?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
};

const root = new URL('../../../', import.meta.url);
// Merge keys (<<) are how the two engine nodes share one definition.
const compose = parse(readFileSync(new URL('docker-compose.yml', root), 'utf8'), { merge: true }) as { services: Record<string, Service> };

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

const [, app] = serviceWhere('the service built from the Dockerfile', (s) => s.build === '.');
const engineNodes = Object.entries(compose.services).filter(([, s]) => s.build === './engine');
const [postgresName, postgres] = serviceWhere('the PostgreSQL service', (s) => s.image?.startsWith('postgres:') ?? false);
const appEnv = app.environment ?? {};

describe('docker-compose.yml, Dockerfile and configuration', () => {
  it('sets only variables the service reads, and the ones it needs', () => {
    const read = variablesLoadConfigReads();
    expect(Object.keys(appEnv).filter((name) => !read.has(name))).toEqual([]);
    for (const name of ['DATABASE_URL', 'API_HOST', 'API_PORT', 'ENGINE_URL', 'ENGINE_USER', 'ENGINE_PASSWORD']) {
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

  it('reaches the engine at one of its nodes, on the port the node listens on', () => {
    const url = new URL(appEnv.ENGINE_URL!);
    const node = compose.services[url.hostname];
    expect(engineNodes.map(([name]) => name)).toContain(url.hostname);
    expect(url.port).toBe(node!.environment!.ENGINE_PORT);
    expect(portMappings(node!).map((m) => m.container)).toContain(Number(url.port));
  });

  it('runs two engine nodes built from engine/ on the PostgreSQL service, and no vendor image', () => {
    expect(engineNodes).toHaveLength(2);
    expect(readFileSync(new URL('engine/Dockerfile', root), 'utf8')).toMatch(/hds-engine\.jar/);
    const env = postgres.environment ?? {};
    for (const [name, node] of engineNodes) {
      const nodeEnv = node.environment ?? {};
      expect(nodeEnv.SPRING_PROFILES_ACTIVE?.split(','), name).toContain('postgres');
      expect(nodeEnv.ENGINE_JDBC_URL, name).toBe(`jdbc:postgresql://${postgresName}:5432/${env.POSTGRES_DB}`);
      expect(nodeEnv.ENGINE_DB_USER, name).toBe(env.POSTGRES_USER);
      expect(nodeEnv.ENGINE_DB_PASSWORD, name).toBe(env.POSTGRES_PASSWORD);
      expect(node.healthcheck?.test.join(' '), name).toContain('/actuator/health/readiness');
    }
    const images = Object.values(compose.services).map((s) => s.image).filter((image) => image !== undefined);
    expect(images.filter((image) => !image.startsWith('postgres:') && !image.startsWith('hds-'))).toEqual([]);
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
    const engineName = new URL(appEnv.ENGINE_URL!).hostname;
    expect(app.depends_on?.[engineName]?.condition).toBe('service_healthy');
    expect(postgres.healthcheck?.test.length).toBeGreaterThan(0);
  });

  it('builds on Node 20 and runs as a user other than root', () => {
    expect(instructions('FROM')[0]).toMatch(/^node:20\b/);
    const [user] = instructions('USER');
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user!.split(':')[0]);
  });
});
