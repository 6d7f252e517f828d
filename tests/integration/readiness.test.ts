import { Connection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config';
import { RefreshLog } from '../../src/common/refresh';
import { App, createApp } from '../../src/server';
import { connectBehindTheService } from '../helpers/behind-the-service';
import { listen, postGraphQL, readGraphQL, stopApp } from '../helpers/http-app';
import { createTestDatabase, isEmbedded } from '../helpers/test-db';

// /readyz says whether requests can be served: a database whose tables or migrations are
// gone answers `SELECT 1` but fails every operation.

const mysqlOnly = isEmbedded() ? describe.skip : describe;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

mysqlOnly('readiness', () => {
  let db: DataSource;
  let app: App;
  let base: string;
  let sql: Connection;
  const logged: { level: 'warn' | 'info'; message: string; fields: object }[] = [];
  const log: RefreshLog = {
    warn: (fields, message) => logged.push({ level: 'warn', message, fields }),
    info: (fields, message) => logged.push({ level: 'info', message, fields }),
  };

  const readyz = async () => {
    const response = await fetch(`${base}/readyz`);
    return { status: response.status, body: await response.json() };
  };
  const candidatesCount = async () =>
    readGraphQL<{ skills: { totalCount: number } }>(
      await postGraphQL(base, { query: '{ skills(first: 1) { totalCount } }' }),
    );
  /** Waits, polling every 20 ms, until the change feed has logged `count` lines. */
  const untilLogged = async (count: number) => {
    for (let i = 0; i < 250 && logged.length < count; i++) await sleep(20);
  };

  beforeAll(async () => {
    db = await createTestDatabase('reference');
    app = await createApp(db, { ...loadConfig({}), nodeEnv: 'test' });
    base = await listen(app);
    sql = await connectBehindTheService(db);
    // The change feed, polling fast, into a log the test reads.
    await app.services.refreshLoop.stop();
    app.services.refreshLoop.start(log, 20);
  });
  afterAll(async () => {
    await sql?.end();
    await stopApp(app);
    await db?.destroy().catch(() => undefined);
  });

  it('is ready when every table and migration is there', async () => {
    expect(await readyz()).toEqual({ status: 200, body: { status: 'ready' } });
  });

  it('is not ready while a migration is missing from the migrations table', async () => {
    const [rows] = await sql.query('SELECT * FROM migrations ORDER BY id DESC LIMIT 1');
    const last = (rows as { id: number; timestamp: number; name: string }[])[0];
    await sql.query('DELETE FROM migrations WHERE id = ?', [last.id]);
    try {
      expect(await readyz()).toEqual({
        status: 503,
        body: { status: 'unavailable', reason: 'migrations pending' },
      });
    } finally {
      await sql.query('INSERT INTO migrations (id, timestamp, name) VALUES (?, ?, ?)', [
        last.id,
        last.timestamp,
        last.name,
      ]);
    }
    expect((await readyz()).status).toBe(200);
  });

  it('is not ready while a table is gone, answers SERVICE_UNAVAILABLE, and logs the feed once each way', async () => {
    await untilLogged(0);
    logged.length = 0;
    await sql.query('RENAME TABLE candidate TO candidate_away, skill TO skill_away');
    try {
      expect(await readyz()).toEqual({
        status: 503,
        body: { status: 'unavailable', reason: 'schema incomplete' },
      });
      const during = await candidatesCount();
      expect(during.errors![0].extensions!.code).toBe('SERVICE_UNAVAILABLE');
      expect(JSON.stringify(during)).not.toMatch(/skill_away|SELECT|ER_/);
      await untilLogged(1);
      await sleep(200); // ten more failing polls
    } finally {
      await sql.query('RENAME TABLE candidate_away TO candidate, skill_away TO skill');
    }
    await untilLogged(2);
    await sleep(200); // ten more working polls
    expect(logged.map(({ level, message }) => ({ level, message }))).toEqual([
      { level: 'warn', message: 'match index: change feed failing; retrying every poll' },
      { level: 'info', message: 'match index: change feed recovered' },
    ]);
    expect(logged[0].fields).toEqual({ error: { class: 'QueryFailedError', code: 'ER_NO_SUCH_TABLE' } });
    expect((await readyz()).status).toBe(200);
    expect((await candidatesCount()).data!.skills.totalCount).toBeGreaterThan(50);
  });

  it('is not ready once the database is dropped, and operations answer SERVICE_UNAVAILABLE', async () => {
    const [[{ name }]] = (await sql.query('SELECT DATABASE() AS name')) as unknown as [{ name: string }[]];
    await sql.query(`DROP DATABASE \`${name}\``);
    expect((await readyz()).status).toBe(503);
    const during = await candidatesCount();
    expect(during.errors![0].extensions!.code).toBe('SERVICE_UNAVAILABLE');
  });
});
