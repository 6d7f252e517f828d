# Build stage: compile TypeScript (better-sqlite3 needs a toolchain to build).
FROM node:20-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY web/package.json web/package-lock.json web/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm run build:web && npm prune --omit=dev

# Runtime stage: compiled code and production dependencies only.
FROM node:20-bookworm-slim
# Inside a container, the service must listen on every interface to be reached at all.
ENV NODE_ENV=production HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
COPY package.json ./
# DATA_DIR: where the saved match index is kept (a volume in docker-compose.yml).
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 4000
# Applies pending migrations, then serves. A young generation of up to 64 MiB a semi-space
# (16 by default): with dozens of requests in flight, their objects outlived the small one
# and were copied again and again (see README, "Load").
CMD ["node", "--max-semi-space-size=64", "dist/src/main.js"]
