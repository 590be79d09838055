# syntax=docker/dockerfile:1
#
# Virtual School in Teams: one image, run as ROLE=api (HTTP: API, bot, tab) and as
# ROLE=worker (the alert jobs). See compose.yaml and the README, "Production build and
# deployment". Build: docker build -t virtual-school .

# ---- build: install everything, compile to dist/, keep only the production dependencies
FROM node:20-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source (.npmrc build-from-source=true): Python and a C++ toolchain.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
# npm 11 reads package.json's allowScripts; the install runs only the scripts listed there.
RUN npm install -g npm@11
# botbuilder-dialogs' install script runs `npx rimraf`: answer npx yes (as .npmrc and CI do).
ENV npm_config_yes=true CI=true
# The dependency layer is cached until the lock file, settings or schema change;
# postinstall (prisma generate) needs the schema and prisma.config.ts.
COPY package.json package-lock.json .npmrc prisma.config.ts ./
COPY prisma/schema.prisma prisma/schema.prisma
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY api api
COPY bot bot
COPY cards cards
COPY core core
COPY jobs jobs
COPY legal legal
COPY manifest manifest
COPY prisma prisma
COPY scripts scripts
COPY tab tab
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# ---- runtime: node and the compiled server, no compiler, no dev dependencies, not root
FROM node:20-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3978
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
# dist/ holds the compiled code and what it reads at run time: prisma/ migrations, tab/,
# legal/, the cards' templates and the import thread's entry (scripts/build.ts).
COPY --from=build /app/dist ./dist
# The migrations also where a runner reading them from the working directory looks (./prisma).
COPY --from=build /app/dist/prisma ./prisma
# ./data: the SQLite file and the dev signing key when those are used (a volume in production).
RUN mkdir -p /app/data && chown node:node /app/data
# The node image's unprivileged user (uid 1000).
USER node
EXPOSE 3978
# ROLE=api answers /health (200 while the database answers). ROLE=worker serves no HTTP:
# compose.yaml turns this check off for it.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3978)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node itself is PID 1 and handles SIGTERM: requests and jobs finish within SHUTDOWN_GRACE_SECONDS.
CMD ["node", "dist/api/server.js"]
