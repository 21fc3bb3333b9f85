// Security headers, rate limits and Prometheus metrics.
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../../api/app.ts';
import { bearer } from '../auth.ts';
import { apiHarness, testConfig } from '../harness.ts';

const h = apiHarness();

const unknownCase = '/applications/7d0f1c1e-59d4-4c39-9d51-6a1d8f0e3b2a';

describe('security headers', () => {
  it('are set on answers and on problems', async () => {
    for (const url of ['/health/live', unknownCase]) {
      const res = await h.app.inject({ method: 'GET', url, headers: bearer('caseworker') });
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['strict-transport-security']).toContain('max-age=');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });
});

describe('rate limits', () => {
  it('answer 429 as a problem past the configured limit, and leave probes alone', async () => {
    const app = await buildApp({ db: h.db, engine: h.engine, log: h.app.log as never }, { ...testConfig(), rateLimit: { max: 2, windowMs: 60_000 } });
    try {
      const codes = [];
      for (let i = 0; i < 3; i++) codes.push((await app.inject({ method: 'GET', url: unknownCase, headers: bearer('caseworker') })).statusCode);
      expect(codes).toEqual([404, 404, 429]);
      const limited = await app.inject({ method: 'GET', url: unknownCase, headers: bearer('caseworker') });
      expect(limited.headers['content-type']).toContain('application/problem+json');
      expect(limited.headers['retry-after']).toBeDefined();
      expect(limited.json()).toMatchObject({ status: 429, type: 'https://helsedata.no/problems/too-many-requests' });
      expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('are generous by default', async () => {
    const codes = new Set<number>();
    for (let i = 0; i < 50; i++) codes.add((await h.app.inject({ method: 'GET', url: unknownCase, headers: bearer('caseworker') })).statusCode);
    expect([...codes]).toEqual([404]);
  });
});

describe('GET /metrics', () => {
  it('reports request durations by route pattern, and the process', async () => {
    await h.app.inject({ method: 'GET', url: unknownCase, headers: bearer('caseworker') });
    await h.app.inject({ method: 'GET', url: '/health/live' });
    const res = await h.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toMatch(/http_request_duration_seconds_bucket\{[^}]*route="\/applications\/:id"[^}]*status_code="404"/);
    expect(res.body).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/health\/live",status_code="200"\} [1-9]/);
    expect(res.body).not.toContain('7d0f1c1e');
    expect(res.body).toContain('process_cpu_user_seconds_total');
  });
});
