import { createClient } from '@keyv/redis';
import { createConnection } from 'mysql2/promise';
import { loadTestConfig } from './test-config';

// Decides once, before the workers start, whether tests run on MySQL. Without a
// reachable server they fall back to the embedded database, loudly, unless
// REQUIRE_MYSQL=1 (as in CI), where that is a failure. The same for Redis, whose
// tests are skipped without it unless REQUIRE_REDIS=1.
export default async function globalSetup(): Promise<void> {
  await checkMysql();
  await checkRedis();
}

async function checkRedis(): Promise<void> {
  const config = loadTestConfig();
  const client = createClient({
    url: config.redisUrl,
    socket: { connectTimeout: 2000, reconnectStrategy: false },
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.close();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (config.requireRedis) {
      throw new Error(`REQUIRE_REDIS is set but Redis at ${config.redisUrl} is not reachable: ${reason}`);
    }
    console.warn(
      `\nRedis at ${config.redisUrl} is not reachable (${reason}): skipping the shared-store tests.\n`,
    );
    process.env.SKILLGRAPH_TEST_NO_REDIS = '1';
  }
}

async function checkMysql(): Promise<void> {
  const config = loadTestConfig();
  try {
    const connection = await createConnection({ uri: config.mysqlUrl, connectTimeout: 3000 });
    await connection.end();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (config.requireMysql) {
      throw new Error(
        `REQUIRE_MYSQL is set but MySQL at ${redact(config.mysqlUrl)} is not reachable: ${reason}`,
      );
    }
    console.warn(
      `\n${'!'.repeat(78)}\n  MySQL at ${redact(config.mysqlUrl)} is not reachable (${reason}).\n` +
        `  Running the tests on the EMBEDDED SQLite database instead. Set TEST_DATABASE_URL\n` +
        `  to a MySQL server, or REQUIRE_MYSQL=1 to make this an error.\n${'!'.repeat(78)}\n`,
    );
    process.env.SKILLGRAPH_TEST_EMBEDDED = '1'; // inherited by the jest workers
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
