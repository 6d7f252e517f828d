import { parseDatabaseUrl, parseRedisUrl } from '../../src/config';

// The settings of a test run, apart from the service's own (src/config.ts): which MySQL
// server and Redis the tests use, and what the global setup found. The benchmarks use the
// same MySQL server.

type Env = Record<string, string | undefined>;

export interface TestConfig {
  /** server URL without a database name; each jest worker creates its own database */
  mysqlUrl: string;
  requireMysql: boolean;
  /** distinguishes databases of checkouts that run tests on the same server at once */
  databasePrefix: string;
  /** set by the test setup when no MySQL answered: tests run on in-memory SQLite */
  embedded: boolean;
  /** Redis for the tests of the shared store */
  redisUrl: string;
  requireRedis: boolean;
  /** set by the test setup when no Redis answered: those tests are skipped */
  redisMissing: boolean;
}

export function loadTestConfig(env: Env = process.env): TestConfig {
  return {
    mysqlUrl: parseDatabaseUrl(env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306', 'TEST_DATABASE_URL')!,
    requireMysql: env.REQUIRE_MYSQL === '1' || env.REQUIRE_MYSQL === 'true',
    databasePrefix: env.TEST_DATABASE_PREFIX?.trim() || 'skillgraph_test',
    embedded: env.SKILLGRAPH_TEST_EMBEDDED === '1',
    redisUrl: parseRedisUrl(env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379')!,
    requireRedis: env.REQUIRE_REDIS === '1' || env.REQUIRE_REDIS === 'true',
    redisMissing: env.SKILLGRAPH_TEST_NO_REDIS === '1',
  };
}

/** The jest worker this process is (1 outside jest). */
export function jestWorkerId(env: Env = process.env): string {
  return env.JEST_WORKER_ID ?? '1';
}
