import { createConnection, RowDataPacket } from 'mysql2/promise';
import { loadTestConfig } from './test-config';
import { checkoutDatabasePrefix } from './test-db';

// Drops this checkout's test databases when the run ends, so a finished run leaves
// nothing on the server; other checkouts' databases (another prefix) are left alone.
export default async function globalTeardown(): Promise<void> {
  const config = loadTestConfig();
  if (config.embedded) return; // the tests ran on in-memory SQLite: nothing to drop
  const prefix = checkoutDatabasePrefix(config.databasePrefix);
  const connection = await createConnection({ uri: config.mysqlUrl, connectTimeout: 3000 });
  try {
    const [rows] = await connection.query<RowDataPacket[]>(
      'SELECT schema_name AS name FROM information_schema.schemata WHERE schema_name LIKE ?',
      [`${prefix.replace(/[\\_%]/g, '\\$&')}%`],
    );
    for (const { name } of rows as { name: string }[])
      await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await connection.end();
  }
}
