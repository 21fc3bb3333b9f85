// Liveness (the process answers) and readiness (the database and the engine answer).
import type { FastifyInstance } from 'fastify';
import { ping } from '../../platform/db.ts';
import { problems } from '../problems.ts';

// Probes run often and from few addresses, so they are not rate limited.
const probe = (summary: string) => ({ config: { rateLimit: false }, schema: { summary, tags: ['health'] } });

export async function healthRoutes(app: FastifyInstance) {
  app.get('/health/live', probe('Liveness: the process answers'), async () => ({ status: 'up' }));

  app.get('/health/ready', probe('Readiness: the database and the engine answer'), async () => {
    const checks = await Promise.allSettled([
      ping(app.deps.db),
      app.deps.engine.call('GET', '/version'),
    ]);
    const [database, engine] = checks.map((c) => (c.status === 'fulfilled' ? 'up' : 'down'));
    if (database === 'down' || engine === 'down') {
      throw problems.unavailable(`database ${database}, engine ${engine}`);
    }
    return { status: 'up', database, engine };
  });
}
