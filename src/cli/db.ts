import 'reflect-metadata';
import { createConnection, RowDataPacket } from 'mysql2/promise';
import { seedDemo, seedReference } from '../../seeds/load';
import { loadConfig } from '../config';
import { applyMigrations, openDatabase } from '../database';
import { failureLine } from './command';

// `npm run db:migrate | db:revert | db:seed [-- --demo]` against DATABASE_URL
// (or the embedded database when it is not set).

async function run(command: string, flags: string[]): Promise<void> {
  const config = loadConfig();
  if (command === 'migrate' && config.databaseUrl) await createDatabaseIfMissing(config.databaseUrl);
  const db = await openDatabase(config, 'as-is');
  try {
    switch (command) {
      case 'migrate': {
        const applied = await applyMigrations(config);
        console.log(
          applied.length ? applied.map((m) => `applied ${m.name}`).join('\n') : 'no pending migrations',
        );
        break;
      }
      case 'revert':
        await db.undoLastMigration({ transaction: 'each' });
        console.log('reverted the last migration');
        break;
      case 'seed':
        console.log(describe('reference', await seedReference(db)));
        if (flags.includes('--demo')) console.log(describe('demo', await seedDemo(db)));
        break;
      default:
        throw new Error(`unknown command "${command}": use migrate, revert or seed [--demo]`);
    }
  } finally {
    await db.destroy();
  }
}

/** Creates the database DATABASE_URL names when the server lacks it (and the account may create one). */
async function createDatabaseIfMissing(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl.replace(/^mariadb:/, 'mysql:'));
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!name) return;
  url.pathname = '/';
  const connection = await createConnection({ uri: url.href, connectTimeout: 10000 });
  try {
    const [found] = await connection.query<RowDataPacket[]>(
      'SELECT 1 FROM information_schema.schemata WHERE schema_name = ?',
      [name],
    );
    if (found.length > 0) return;
    await connection.query(
      `CREATE DATABASE ${connection.escapeId(name)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
    console.log(`created database ${name}`);
  } finally {
    await connection.end();
  }
}

function describe(kind: string, counts: Record<string, number>): string {
  return `${kind} data: ${Object.entries(counts)
    .map(([name, n]) => `${n} ${name}`)
    .join(', ')}`;
}

run(process.argv[2] ?? '', process.argv.slice(3)).catch((error: unknown) => {
  console.error(failureLine(error));
  process.exit(1);
});
