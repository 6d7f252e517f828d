import { DataSource } from 'typeorm';
import { MysqlDriver } from 'typeorm/driver/mysql/MysqlDriver';
import { Role } from '../../src/access/role';
import { Candidate } from '../../src/candidate/candidate.entity';
import { RemotePolicy } from '../../src/common/remote-policy';
import { Config, loadConfig } from '../../src/config';
import { App } from '../../src/server';
import { createTestDatabase, isEmbedded } from '../helpers/test-db';
import { signedIn, TEST_JWT_SECRET } from '../helpers/sessions';
import { captureConsole } from '../helpers/test-log';
import { errorCode } from '../helpers/graphql';
import { createTestApp, listen, postGraphQL, readGraphQL, stopApp } from '../helpers/http-app';

// The service as clients meet it: over HTTP, with its headers, status codes and endpoints.

const blockedUpdates =
  "SELECT COUNT(*) AS n FROM information_schema.processlist WHERE db = DATABASE() AND info LIKE 'UPDATE `candidate`%'";
describe('over HTTP', () => {
  let db: DataSource;
  let app: App;
  let base: string;

  const post = (body: unknown, headers: Record<string, string> = {}, to = base) =>
    postGraphQL(to, body, headers);

  async function start(config: Partial<Config>): Promise<{ app: App; base: string }> {
    const started = await createTestApp(db, {
      ...loadConfig({}),
      nodeEnv: 'test',
      jwtSecret: TEST_JWT_SECRET,
      ...config,
    });
    return { app: started, base: await listen(started) };
  }

  beforeAll(async () => {
    db = await createTestDatabase('reference');
    ({ app, base } = await start({ authRateLimits: { perIp: 3, perEmail: 2 } }));
  });
  afterAll(async () => {
    await stopApp(app);
    await db?.destroy().catch(() => undefined); // its pool may already be closed
  });

  it('answers liveness and readiness', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ status: 'ready' });
  });

  it("keeps the caller's request id, or makes one, and returns it", async () => {
    const mine = await post(
      { query: '{ skill(slug: "git") { slug } }' },
      { 'x-request-id': 'client-req-42' },
    );
    expect(mine.headers.get('x-request-id')).toBe('client-req-42');
    const made = await post({ query: '{ skill(slug: "git") { slug } }' });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('counts operations by name and outcome in Prometheus format', async () => {
    await post({ query: 'query GitSkill { skill(slug: "git") { slug } }', operationName: 'GitSkill' });
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(/skillgraph_graphql_requests_total\{operation="GitSkill",outcome="success"\} [1-9]/);
    expect(text).toContain('skillgraph_sql_statements_per_request_bucket');
    expect(text).toContain('process_resident_memory_bytes');
  });

  it('measures DataLoader batch sizes and pool connections', async () => {
    await post({ query: '{ skills(first: 20) { edges { node { aliases } } } }' });
    const text = await (await fetch(`${base}/metrics`)).text();
    // the 20 skills' aliases came in batches, not one by one
    const batches = Number(
      text.match(/skillgraph_dataloader_batch_size_count\{loader="aliasesBySkillId"\} (\d+)/)![1],
    );
    const keys = Number(
      text.match(/skillgraph_dataloader_batch_size_sum\{loader="aliasesBySkillId"\} (\d+)/)![1],
    );
    expect(keys / batches).toBeGreaterThanOrEqual(20);
    if (!isEmbedded())
      expect(text).toMatch(/skillgraph_db_pool_connections\{server="MASTER",state="open"\} [1-9]/);
  });

  it('reports the size of the match index', async () => {
    // One transaction, as the service writes: a feed poll must not see Ida without her skill.
    await db.transaction(async (tx) => {
      const candidate = await tx.getRepository(Candidate).save({
        displayName: 'Indexed Ida',
        email: 'ida@example.com',
        location: 'Lisbon',
        remote: RemotePolicy.REMOTE,
        yearsExperience: 2,
      });
      const [git] = await tx.query("SELECT id FROM skill WHERE slug = 'git'");
      await tx.query('INSERT INTO candidate_skill (candidateId, skillId, level) VALUES (?, ?, 3)', [
        candidate.id,
        git.id,
      ]);
    });
    await app.services.matchIndex.refresh(); // as the change feed would within a second
    const text = await (await fetch(`${base}/metrics`)).text();
    const gauge = (name: string) =>
      Number(text.match(new RegExp(`^skillgraph_match_index_${name} (\\S+)$`, 'm'))![1]);
    const [counts] = await db.query(
      'SELECT (SELECT COUNT(*) FROM candidate) AS candidates, (SELECT COUNT(*) FROM candidate_skill) AS entries',
    );
    expect(gauge('candidates')).toBe(Number(counts.candidates));
    expect(gauge('entries')).toBe(Number(counts.entries));
    expect(gauge('entries')).toBeGreaterThanOrEqual(1);
    expect(gauge('bytes')).toBeGreaterThan(0);
    expect(gauge('build_seconds')).toBeGreaterThan(0);
  });

  it('answers a rate-limited log-in with 429 and Retry-After', async () => {
    const logIn = () =>
      post({
        query: 'mutation { logIn(input: { email: "x@example.com", password: "wrong password" }) { token } }',
      });
    await logIn();
    await logIn();
    const limited = await logIn();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(errorCode(await readGraphQL(limited))).toBe('RATE_LIMITED');
  });

  it('spends a per-client cost budget per minute, then answers 429', async () => {
    const budgeted = await start({ costPerMinute: 12000 });
    try {
      // 5,151 cost units each (50 postings × their 50 skills at most × each parent), against 12,000 a minute;
      // a forged X-Forwarded-For does not make a new client.
      const expensive = {
        query: '{ jobPostings(first: 50) { edges { node { skills { skill { parent { slug } } } } } } }',
      };
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++)
        statuses.push((await post(expensive, { 'x-forwarded-for': `10.0.0.${i}` }, budgeted.base)).status);
      expect(statuses).toEqual([200, 200, 429]);
      const cheap = await post({ query: '{ skill(slug: "git") { slug } }' }, {}, budgeted.base);
      expect(cheap.status).toBe(429);
      expect(Number(cheap.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await stopApp(budgeted.app);
    }
  });

  it('tells clients behind a trusted proxy apart by X-Forwarded-For, and no one else', async () => {
    const proxied = await start({ trustProxy: ['loopback'], authRateLimits: { perIp: 1, perEmail: 10 } });
    try {
      const logIn = (client: string) =>
        post(
          {
            query:
              'mutation { logIn(input: { email: "y@example.com", password: "wrong password" }) { token } }',
          },
          { 'x-forwarded-for': client },
          proxied.base,
        );
      expect((await logIn('203.0.113.1')).status).toBe(200);
      expect((await logIn('203.0.113.1')).status).toBe(429);
      expect((await logIn('203.0.113.2')).status).toBe(200);
    } finally {
      await stopApp(proxied.app);
    }
  });

  it('refuses a GET mutation and a simple cross-site POST (CSRF prevention)', async () => {
    const simple = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{"query":"{ __typename }"}',
    });
    expect(simple.status).toBe(400);
  });

  it('lets a request whose client has left finish before the pool may close', async () => {
    if (isEmbedded()) return; // holding a row lock needs MySQL
    const own = await start({});
    const candidate = await db.getRepository(Candidate).save({
      displayName: 'Leaving Learner',
      email: 'leaving@example.com',
      headline: '',
      location: '',
      remote: RemotePolicy.REMOTE,
      yearsExperience: 0,
      openToWork: true,
    });
    const { token } = await signedIn(db, own.app.services, { role: Role.LEARNER, candidateId: candidate.id });
    // Another transaction holds the row, so the write waits inside the server.
    const lock = db.createQueryRunner();
    await lock.startTransaction();
    await lock.query('SELECT id FROM candidate WHERE id = ? FOR UPDATE', [candidate.id]);
    const client = new AbortController();
    const write = fetch(`${own.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: 'mutation { updateMyProfile(input: { headline: "kept" }) { candidate { id } } }',
      }),
      signal: client.signal,
    }).catch(() => 'left');
    while (Number((await db.query(blockedUpdates))[0].n) === 0)
      await new Promise((resolve) => setTimeout(resolve, 20));
    client.abort();
    expect(await write).toBe('left');

    await own.app.apollo.stop(); // the drain finds no connection left to wait for
    let idle = false;
    const settled = own.app.idle().then(() => (idle = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(idle).toBe(false);
    await lock.commitTransaction();
    await lock.release();
    await settled;
    await own.app.services.refreshLoop.stop();
    expect((await db.getRepository(Candidate).findOneByOrFail({ id: candidate.id })).headline).toBe('kept');
  });

  it('says SERVICE_UNAVAILABLE, without driver details, while the database is away, and turns unready', async () => {
    if (isEmbedded()) return; // the embedded database cannot go away
    // The match index's change feed warns from now on, as it should; kept, not printed.
    captureConsole();
    // Close the driver's pool under TypeORM, as a lost server would leave it.
    await new Promise((resolve) => (db.driver as MysqlDriver).pool.end(resolve));
    const response = await post({ query: '{ skills(first: 1) { totalCount } }' });
    const body = await readGraphQL(response);
    expect(errorCode(body)).toBe('SERVICE_UNAVAILABLE');
    expect(JSON.stringify(body)).not.toMatch(/SELECT|127\.0\.0\.1|3306|Pool|stack/i);
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
  });

  it('turns unready once shutdown begins', async () => {
    app.beginShutdown();
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
  });
});
