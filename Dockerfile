# Node 22 LTS for production; the code also runs on Node 20 (engines >=20).
FROM node:22-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
USER node
EXPOSE 3000
# The heap options bound the api's memory (apps/api/src/heap-limit.ts).
CMD ["node", "--max-old-space-size=320", "--max-semi-space-size=32", "dist/apps/api/apps/api/src/main.js"]
