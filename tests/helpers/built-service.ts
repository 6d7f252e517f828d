import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createConnection } from 'mysql2/promise';
import { loadTestConfig } from './test-config';
import { checkoutDatabasePrefix } from './test-db';

/** The checkout the tests run in: the built service is `dist/src/main.js` under it. */
export const root = join(__dirname, '../..');

/**
 * Compiles the service into dist/ (`tsc -b`: only what changed) for tests that run it as a
 * person does. Test files in two jest workers may ask at once: a MySQL named lock has them
 * compile one after the other, so neither starts a file the other is writing.
 */
export async function buildService(): Promise<void> {
  const lock = await createConnection({ uri: loadTestConfig().mysqlUrl });
  try {
    await lock.query('SELECT GET_LOCK(?, 300)', [`${checkoutDatabasePrefix('build')}dist`]);
    await promisify(execFile)(join(root, 'node_modules/.bin/tsc'), ['-b', 'tsconfig.build.json'], {
      cwd: root,
    });
  } finally {
    await lock.end(); // releases the lock
  }
}
