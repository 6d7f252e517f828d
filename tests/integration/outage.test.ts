import { DataSource } from 'typeorm';
import { seedReference } from '../../seeds/load';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/database';
import { App } from '../../src/server';
import { describeWithOwnMariaDb, MariaDbInstance } from '../helpers/mariadb-instance';
import { TEST_JWT_SECRET } from '../helpers/sessions';
import { captureConsole } from '../helpers/test-log';
import { errorCode } from '../helpers/graphql';
import { createTestApp, listen, postGraphQL, readGraphQL, stopApp } from '../helpers/http-app';

// A real outage: the test starts a MariaDB server of its own, kills it under a
// running service, and starts it again on the same port and data.
describeWithOwnMariaDb('when MySQL goes away and comes back', () => {
  let server: MariaDbInstance;
  let db: DataSource;
  let app: App;
  let base: string;
  // The service warns while MySQL is away, as it should; those lines are kept, not printed.
  let warnings: { restore(): void };

  const countSkills = async () => {
    const response = await postGraphQL(base, { query: '{ skills(first: 1) { totalCount } }' });
    return { status: response.status, body: await readGraphQL<{ skills: { totalCount: number } }>(response) };
  };

  beforeAll(async () => {
    warnings = captureConsole();
    server = await MariaDbInstance.start();
    const admin = await server.connect();
    await admin.query('CREATE DATABASE skillgraph CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
    await admin.end();
    const config = {
      ...loadConfig({}),
      nodeEnv: 'test' as const,
      jwtSecret: TEST_JWT_SECRET,
      databaseUrl: server.url('skillgraph'),
      queryTimeoutMs: 1000,
    };
    db = await openDatabase(config);
    await seedReference(db);
    app = await createTestApp(db, config);
    base = await listen(app);
  });
  afterAll(async () => {
    await stopApp(app);
    await db?.destroy().catch(() => undefined);
    await server?.destroy();
    warnings.restore();
  });

  const waitForRecovery = async (expected: number) => {
    let after = await countSkills();
    for (let tries = 0; tries < 100 && !after.body.data; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = await countSkills();
    }
    expect(after.body.data?.skills.totalCount).toBe(expected);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  };

  it('fails fast with SERVICE_UNAVAILABLE while it is down, stays up, and recovers by itself', async () => {
    const before = await countSkills();
    expect(before.body.data!.skills.totalCount).toBeGreaterThan(50);

    await server.halt();
    const started = Date.now();
    const during = await countSkills();
    const waited = Date.now() - started;
    expect(errorCode(during.body)).toBe('SERVICE_UNAVAILABLE');
    expect(JSON.stringify(during.body)).not.toMatch(/SELECT|127\.0\.0\.1|ECONN|3306|stack/i);
    expect(waited).toBeLessThan(5000);
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);

    await server.resume();
    await waitForRecovery(before.body.data!.skills.totalCount);
  });

  it('gives up on a server that hangs after the query timeout, and recovers when it answers again', async () => {
    const before = await countSkills();
    server.freeze();
    try {
      const started = Date.now();
      const during = await countSkills();
      // QUERY_TIMEOUT_MS is 1 s here; a new connection may wait out the 5 s connect timeout.
      expect(Date.now() - started).toBeLessThan(6500);
      expect(errorCode(during.body)).toBe('SERVICE_UNAVAILABLE');
      expect((await fetch(`${base}/readyz`)).status).toBe(503);
    } finally {
      server.thaw();
    }
    await waitForRecovery(before.body.data!.skills.totalCount);
  });
});
