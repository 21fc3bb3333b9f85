// The project leader's name and e-mail never reach a log line, whatever the request does.
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../../api/app.ts';
import { createLogger } from '../../../platform/logger.ts';
import { bearer } from '../auth.ts';
import { apiHarness, testConfig, validSubmission } from '../harness.ts';

const h = apiHarness();

describe('log output of a submission', () => {
  it('has the case and no personal data', async () => {
    const lines: string[] = [];
    const log = createLogger('trace', { write: (line: string) => void lines.push(line) });
    const app = await buildApp({ db: h.db, engine: h.engine, log }, testConfig());
    // What a debugging session might add: the whole body in a log line.
    app.addHook('preHandler', async (request) => request.log.debug({ body: request.body }, 'request body'));
    try {
      const headers = { ...bearer('integrator'), 'idempotency-key': `log-test-${Date.now()}` };
      const accepted = await app.inject({ method: 'POST', url: '/applications', payload: validSubmission, headers });
      expect(accepted.statusCode).toBe(202);
      await app.inject({ method: 'POST', url: '/applications', payload: validSubmission, headers });
      await app.inject({ method: 'POST', url: '/applications', payload: { ...validSubmission, dataKind: 'x' }, headers });

      const output = lines.join('');
      // The capture works: the accepted case is in it.
      expect(output).toContain(accepted.json().reference);
      expect(output).toContain('application received');
      expect(output).toContain('request body');
      expect(output).toContain(validSubmission.institution.organisationNumber);
      expect(output).not.toContain(validSubmission.projectLeader.name);
      expect(output).not.toContain(validSubmission.projectLeader.email);
      expect(output).not.toContain(headers.authorization.slice(7));
      // Redaction censors the log line, never the request: the case file keeps the names.
      const stored = await h.db('applications').where({ id: accepted.json().id }).first();
      expect(stored.submission.projectLeader).toEqual(validSubmission.projectLeader);
    } finally {
      await app.close();
    }
  });
});
