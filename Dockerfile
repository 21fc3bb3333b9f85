# The HDS case service: the API, the external-task workers and the outbox relay in one image; which of
# them a container runs is SERVICE_COMPONENTS. docker-compose.yml builds it.
FROM node:20-bookworm-slim

WORKDIR /app

# Node 20 cannot run TypeScript and the service has no build step: tsx, a devDependency,
# runs the sources, as `npm start` and the tests do. So the image keeps the dev dependencies
# (npm ci without --omit=dev); the price is image size, not behaviour.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

COPY . .

# The sources stay root's; the service writes only .data/ (the local development key for
# tokens, AUTH_DEV_KEYS_DIR).
RUN mkdir -p .data && chown node:node .data
USER node

ENV API_HOST=0.0.0.0 \
    API_PORT=3000 \
    AUTH_DEV_KEYS_DIR=/app/.data/dev-auth
EXPOSE 3000

# The slim image has no curl; Node 20 has fetch.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# tsx as a loader in one Node process rather than `npx tsx`, which starts npm, then tsx, then
# Node: here `docker stop`'s SIGTERM reaches platform/main.ts itself, which closes the API, the
# workers, the relay and the database before the container ends.
CMD ["node", "--import", "tsx", "platform/main.ts"]
