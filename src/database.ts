import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createConnection, RowDataPacket } from 'mysql2/promise';
import { DataSource, Migration } from 'typeorm';
import { createDataSource, serverFlavourUrl } from '../ormconfig';
import { seedDemo, seedReference } from '../seeds/load';
import { Skill } from './skill/skill.entity';
import { Config } from './config';

/** What opening the database reads of the settings. */
export type DatabaseSettings = Pick<
  Config,
  'databaseUrl' | 'databaseReplicaUrls' | 'queryTimeoutMs' | 'dataDir'
>;

/**
 * How a process opens the database:
 * - `serve`, the service (and `npm run import`, which writes as the service does): MySQL with
 *   every pending migration applied, reads sent to the replicas and each statement bounded by
 *   QUERY_TIMEOUT_MS; the embedded file filled with reference and demo data the first time, so
 *   that a newcomer's first start gives a populated API.
 * - `serve-migrated`, a worker of a cluster (src/cluster.ts): as `serve`, but its primary has
 *   migrated the database already.
 * - `as-is`, the commands that look after the schema or the data themselves (db:migrate,
 *   db:seed, user:create, ...): the database as it is, on the primary, with no time limit.
 */
export type Opening = 'serve' | 'serve-migrated' | 'as-is';

/** The embedded database's file, used when DATABASE_URL is not set. */
export function embeddedDatabaseFile(config: Pick<Config, 'dataDir'>): string {
  return join(config.dataDir, 'skillgraph.sqlite');
}

/** Opens the database of DATABASE_URL, or the embedded file in DATA_DIR: the one way the service and every command do. */
export async function openDatabase(
  config: DatabaseSettings,
  opening: Opening = 'serve',
): Promise<DataSource> {
  if (!config.databaseUrl) {
    mkdirSync(config.dataDir, { recursive: true });
    const db = await createDataSource({
      databaseUrl: null,
      sqlitePath: embeddedDatabaseFile(config),
    }).initialize();
    if (opening !== 'as-is' && (await db.getRepository(Skill).count()) === 0) {
      await seedReference(db);
      await seedDemo(db);
    }
    return db;
  }
  const databaseUrl = await serverFlavourUrl(config.databaseUrl);
  if (opening === 'as-is') return createDataSource({ databaseUrl }).initialize();
  if (opening === 'serve') await migrate(databaseUrl);
  return createDataSource({
    databaseUrl,
    replicaUrls: await Promise.all(config.databaseReplicaUrls.map(serverFlavourUrl)),
    queryTimeoutMs: config.queryTimeoutMs,
  }).initialize();
}

/** Applies the pending migrations to DATABASE_URL; none for the embedded database, which is built from the entities. */
export async function applyMigrations(config: Pick<Config, 'databaseUrl'>): Promise<Migration[]> {
  return config.databaseUrl ? migrate(await serverFlavourUrl(config.databaseUrl)) : [];
}

/**
 * Applies pending migrations once, however many replicas start together: each waits
 * for a MySQL named lock, so the first applies them and the others find none pending.
 * They run on connections of their own, free of the query timeout that bounds requests.
 */
async function migrate(databaseUrl: string): Promise<Migration[]> {
  const lock = await createConnection({ uri: databaseUrl.replace(/^mariadb:/, 'mysql:') });
  try {
    const [[{ acquired }]] = await lock.query<RowDataPacket[]>(
      "SELECT GET_LOCK('skillgraph_migrations', 600) AS acquired",
    );
    if (acquired !== 1) throw new Error('Timed out waiting for another instance to finish migrating');
    const migrator = await createDataSource({ databaseUrl, poolSize: 1 }).initialize();
    try {
      return await migrator.runMigrations({ transaction: 'each' });
    } finally {
      await migrator.destroy();
    }
  } finally {
    await lock.end(); // releases the lock
  }
}

/** Which database this is, as a saved match index names it: without user or password. */
export function databaseIdentity(config: Pick<Config, 'databaseUrl' | 'dataDir'>): string {
  if (!config.databaseUrl) return `sqlite ${resolve(embeddedDatabaseFile(config))}`;
  const url = new URL(config.databaseUrl);
  return `mysql ${url.host}${url.pathname}`;
}
