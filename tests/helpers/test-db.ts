import { createHash } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { createDataSource, serverFlavourUrl } from '../../ormconfig';
import { seedDemo, seedReference } from '../../seeds/load';
import { jestWorkerId, loadTestConfig } from './test-config';

export type SeedLevel = 'none' | 'reference' | 'demo';

/**
 * A fresh, migrated database for one test file: MySQL (one database per jest
 * worker and checkout, dropped and recreated) or in-memory SQLite when the test
 * setup found no MySQL.
 */
export async function createTestDatabase(
  seed: SeedLevel = 'demo',
  { migrate = true }: { migrate?: boolean } = {},
): Promise<DataSource> {
  const config = loadTestConfig();
  let db: DataSource;
  if (config.embedded) {
    db = await createDataSource({ databaseUrl: null, sqlitePath: ':memory:' }).initialize();
  } else {
    const url = new URL(config.mysqlUrl);
    url.pathname = `/${await recreateDatabase(config.mysqlUrl, testDatabaseName(config.databasePrefix))}`;
    db = await createDataSource({
      databaseUrl: await serverFlavourUrl(url.toString()),
      poolSize: 4,
    }).initialize();
    if (migrate) await db.runMigrations({ transaction: 'each' });
  }
  if (seed !== 'none') await seedReference(db);
  if (seed === 'demo') await seedDemo(db);
  return db;
}

export function isEmbedded(): boolean {
  return loadTestConfig().embedded;
}

/** What the names of this checkout's test databases start with: one database per jest worker follows. */
export function checkoutDatabasePrefix(prefix: string): string {
  const checkout = createHash('sha1').update(process.cwd()).digest('hex').slice(0, 8);
  return `${prefix}_${checkout}_`;
}

function testDatabaseName(prefix: string): string {
  return `${checkoutDatabasePrefix(prefix)}${jestWorkerId()}`;
}

async function recreateDatabase(serverUrl: string, name: string): Promise<string> {
  const connection = await createConnection({ uri: serverUrl });
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await connection.end();
  }
  return name;
}
