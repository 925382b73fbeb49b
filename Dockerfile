# syntax=docker/dockerfile:1
# Production image of 職員提案・アクションスタンプ: the server (bot endpoint, tab API, built tab) on
# Node.js, without development dependencies, running as the unprivileged `node` user.
#   docker build -t staff-proposals .
#   docker run -p 3978:3978 -e DATABASE_URL=postgres://… -e … staff-proposals          (web)
#   docker run -e DATABASE_URL=… -e … staff-proposals node dist/server/worker.mjs (worker)
# Configuration: environment variables of bot/src/config.ts (docs/operations.md). The server applies
# migrations at start. Without DATABASE_URL it uses the embedded database in /app/.data (a volume;
# one container only) — for trials, not production.

ARG NODE_VERSION=20

# Build stage: all dependencies, then the tab's production build (tab/dist).
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY shared ./shared
COPY tab ./tab
RUN npm run build:tab

# Runtime stage: production dependencies (esbuild compiles the server at build time; tsx runs the CLI
# scripts), the server's sources and the built tab.
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3978 \
    DATA_DIR=/app/.data \
    NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY tsconfig.json ./
COPY shared ./shared
COPY bot ./bot
COPY scripts ./scripts
COPY --from=build /app/tab/dist ./tab/dist
# The server compiled to plain JavaScript (esbuild, a production dependency): no TypeScript loader at run time.
RUN node scripts/build-server.mjs
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3978
# Liveness: the process answers (readiness, /readyz, also needs the database).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# `npm start` without npm in between: node receives SIGTERM itself and shuts down gracefully.
CMD ["node", "dist/server/main.mjs"]
