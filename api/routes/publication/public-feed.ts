// GET /public/feed: an Atom feed of the newest entries of the public registers, without login.
import type { FastifyInstance } from 'fastify';
import { newestFeedEntries } from '../../../store/publication/public-feed.ts';
import { atomFeed } from './feed-format.ts';

const entriesInFeed = 50;

export async function publicFeedRoutes(app: FastifyInstance) {
  app.get(
    '/public/feed',
    {
      schema: {
        summary: 'An Atom 1.0 feed of the newest entries of the public registers: applications published, decisions published and permit state changes; no personal data',
        description: `No login. The newest ${entriesInFeed} entries, newest first; each links to the row of the register's web page.`,
        tags: ['public register'],
        response: { 200: { description: 'The feed', content: { 'application/atom+xml': { schema: { type: 'string' } } } } },
      },
    },
    async (_request, reply) => {
      const entries = await newestFeedEntries(app.deps.db, entriesInFeed);
      return reply
        .type('application/atom+xml; charset=utf-8')
        .header('cache-control', 'public, max-age=60')
        .send(atomFeed(app.settings.publicBaseUrl, entries, new Date()));
    },
  );
}
