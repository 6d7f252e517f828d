import { createHash } from 'node:crypto';
import net from 'node:net';
import { DataSource } from 'typeorm';
import { redisStore } from '../../src/common/shared-store';
import { loadConfig } from '../../src/config';
import { loadTestConfig } from '../helpers/test-config';
import { App, createApp } from '../../src/server';
import { listen, postGraphQL, readGraphQL, stopApp } from '../helpers/http-app';
import { createTestDatabase } from '../helpers/test-db';

// REDIS_URL pointing at a server that accepts connections and never answers (a hung
// Redis, a black-holed network): the service must answer as if Redis were not there.

/** A TCP server that accepts every connection and reads what is sent, never answering. */
async function hungServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('data', () => undefined);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `redis://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * A TCP proxy to the real Redis that can stop answering mid-session: the connection stays
 * open and commands reach Redis, but no reply comes back while it is frozen.
 */
async function freezableRedis(target: URL) {
  const sockets = new Set<net.Socket>();
  let frozen = false;
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 6379), target.hostname);
    sockets.add(client).add(upstream);
    client.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk) => {
      if (!frozen) client.write(chunk);
    });
    for (const socket of [client, upstream]) socket.on('error', () => undefined);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `redis://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    freeze: () => (frozen = true),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

// Far above the 200 ms a Redis command may take, far below the 20 s a request hung before.
const promptly = () => AbortSignal.timeout(5000);

describe('with a hung Redis', () => {
  let db: DataSource;
  let app: App;
  let base: string;
  let redis: Awaited<ReturnType<typeof hungServer>>;

  beforeAll(async () => {
    db = await createTestDatabase('reference');
    redis = await hungServer();
    const config = {
      ...loadConfig({}),
      nodeEnv: 'test' as const,
      authRateLimits: { perIp: 3, perEmail: 10 },
    };
    app = await createApp(db, config, await redisStore(redis.url, 'skillgraph-hung'));
    base = await listen(app);
  });
  afterAll(async () => {
    await stopApp(app);
    await app?.services.store.close();
    await redis?.close();
    await db?.destroy();
  });

  const post = (body: unknown) =>
    fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: promptly(),
    });

  it('answers queries, charging their cost to the in-memory fallback', async () => {
    for (let i = 0; i < 3; i++) {
      const response = await post({ query: '{ skill(slug: "git") { name } }' });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ data: { skill: { name: 'Git' } } });
    }
  });

  it('serves persisted queries as misses, then from the full query', async () => {
    const query = '{ skill(slug: "python") { name } }';
    const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') };
    const miss = await readGraphQL(await post({ extensions: { persistedQuery } }));
    expect(miss.errors![0].extensions!.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const full = await (await post({ query, extensions: { persistedQuery } })).json();
    expect(full).toEqual({ data: { skill: { name: 'Python' } } });
  });

  it('still limits log-in attempts, in memory', async () => {
    const logIn = {
      query:
        'mutation { logIn(input: { email: "nobody@example.com", password: "wrong password" }) { token } }',
    };
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await post(logIn)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('stays ready', async () => {
    const response = await fetch(`${base}/readyz`, { signal: promptly() });
    expect(response.status).toBe(200);
  });

  it('starts without waiting for Redis', async () => {
    const other = await createApp(db, { ...loadConfig({}), nodeEnv: 'test' }, await redisStore(redis.url));
    try {
      const otherBase = await listen(other);
      const response = await postGraphQL(otherBase, { query: '{ skill(slug: "git") { slug } }' });
      expect(await response.json()).toEqual({ data: { skill: { slug: 'git' } } });
    } finally {
      await stopApp(other);
      await other.services.store.close();
    }
  });
});

const withRedis = loadTestConfig().redisMissing ? describe.skip : describe;

withRedis('with Redis that stops answering after it was ready', () => {
  it('times its commands out and counts in memory, answering every request', async () => {
    const redis = await freezableRedis(new URL(loadTestConfig().redisUrl));
    const db = await createTestDatabase('reference');
    const config = {
      ...loadConfig({}),
      nodeEnv: 'test' as const,
      authRateLimits: { perIp: 3, perEmail: 10 },
    };
    const store = await redisStore(redis.url, `skillgraph-frozen-${Date.now()}`);
    const app = await createApp(db, config, store);
    try {
      const base = await listen(app);
      const post = (body: unknown) =>
        fetch(`${base}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: promptly(),
        });
      const logIn = {
        query:
          'mutation { logIn(input: { email: "nobody@example.com", password: "wrong password" }) { token } }',
      };
      // Served by Redis while it answers.
      expect((await post(logIn)).status).toBe(200);
      redis.freeze();
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await post(logIn)).status);
      // The fallback counts from nothing: the attempt Redis counted is not known to it.
      expect(statuses).toEqual([200, 200, 200, 429]);
      const query = await post({ query: '{ skill(slug: "git") { name } }' });
      expect(await query.json()).toEqual({ data: { skill: { name: 'Git' } } });
    } finally {
      await stopApp(app);
      await store.close();
      await redis.close();
      await db.destroy();
    }
  });
});

describe('with Redis refusing connections', () => {
  it('answers from the in-memory fallback', async () => {
    const closed = await hungServer();
    const url = closed.url;
    await closed.close(); // nothing listens on that port any more
    const db = await createTestDatabase('reference');
    const app = await createApp(db, { ...loadConfig({}), nodeEnv: 'test' }, await redisStore(url));
    try {
      const response = await postGraphQL(await listen(app), { query: '{ skill(slug: "git") { slug } }' });
      expect(await response.json()).toEqual({ data: { skill: { slug: 'git' } } });
    } finally {
      await stopApp(app);
      await app.services.store.close();
      await db.destroy();
    }
  });
});
