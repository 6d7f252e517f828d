import { createConnection } from 'mysql2/promise';
import { loadTestConfig } from '../../src/config';

// Decides once, before the workers start, whether tests run on MySQL. Without a
// reachable server they fall back to the embedded database, loudly, unless
// REQUIRE_MYSQL=1 (as in CI), where that is a failure.
export default async function globalSetup(): Promise<void> {
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
