import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { redisStore } from '../../src/common/shared-store';
import { loadConfig } from '../../src/config';
import { loadTestConfig } from '../helpers/test-config';
import { App } from '../../src/server';
import { createTestDatabase } from '../helpers/test-db';
import { TEST_JWT_SECRET } from '../helpers/sessions';
import { errorCode } from '../helpers/graphql';
import { createTestApp, listen, postGraphQL, readGraphQL, stopApp } from '../helpers/http-app';

// Two replicas of the service behind one Redis (REDIS_URL): what one counts or
// learns, the other knows.
const withRedis = loadTestConfig().redisMissing ? describe.skip : describe;

withRedis('two replicas sharing Redis', () => {
  let db: DataSource;
  const replicas: { app: App; base: string }[] = [];

  const post = (replica: number, body: unknown) => postGraphQL(replicas[replica].base, body);

  beforeAll(async () => {
    db = await createTestDatabase('reference');
    const namespace = `skillgraph-test-${randomUUID()}`; // no counts left over from another run
    for (let i = 0; i < 2; i++) {
      const config = {
        ...loadConfig({}),
        nodeEnv: 'test' as const,
        jwtSecret: TEST_JWT_SECRET,
        authRateLimits: { perIp: 3, perEmail: 10 },
      };
      const app = await createTestApp(db, config, await redisStore(loadTestConfig().redisUrl, namespace));
      replicas.push({ app, base: await listen(app) });
    }
  });
  afterAll(async () => {
    for (const { app } of replicas) {
      await stopApp(app);
      await app.services.store.close();
    }
    await db?.destroy();
  });

  it('counts log-in attempts across replicas', async () => {
    const logIn = {
      query:
        'mutation { logIn(input: { email: "nobody@example.com", password: "wrong password" }) { token } }',
    };
    const statuses = [];
    for (const replica of [0, 1, 0, 1]) statuses.push((await post(replica, logIn)).status);
    // 3 a minute from one address: each replica alone has seen only 2.
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('serves a persisted query registered on one replica from the other', async () => {
    const query = '{ skill(slug: "git") { name } }';
    const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') };
    const unknown = await readGraphQL(await post(1, { extensions: { persistedQuery } }));
    expect(errorCode(unknown)).toBe('PERSISTED_QUERY_NOT_FOUND');

    await post(0, { query, extensions: { persistedQuery } });
    const byHash = await (await post(1, { extensions: { persistedQuery } })).json();
    expect(byHash).toEqual({ data: { skill: { name: 'Git' } } });
  });
});
