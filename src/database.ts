import { mkdirSync } from 'node:fs';
import { createConnection, RowDataPacket } from 'mysql2/promise';
import { DataSource, Migration } from 'typeorm';
import { createDataSource, serverFlavourUrl } from '../ormconfig';
import { seedDemo, seedReference } from '../seeds/load';
import { Skill } from './skill/skill.entity';
import { Config } from './config';

/**
 * Opens the service's database ready to serve: MySQL with every pending migration
 * applied, or the embedded SQLite file, filled with reference and demo data the
 * first time so that a newcomer's first start gives a populated API. A worker of a
 * cluster (src/cluster.ts) opens it `prepared`: its primary has migrated it already.
 */
export async function openDatabase(
  config: Config,
  { prepared = false }: { prepared?: boolean } = {},
): Promise<DataSource> {
  if (!config.databaseUrl) {
    mkdirSync(config.dataDir, { recursive: true });
    const db = await createDataSource({ databaseUrl: null }).initialize();
    if ((await db.getRepository(Skill).count()) === 0) {
      await seedReference(db);
      await seedDemo(db);
    }
    return db;
  }
  const databaseUrl = await serverFlavourUrl(config.databaseUrl);
  if (!prepared) await migrate(databaseUrl);
  return createDataSource({
    databaseUrl,
    replicaUrls: await Promise.all(config.databaseReplicaUrls.map(serverFlavourUrl)),
    queryTimeoutMs: config.queryTimeoutMs,
  }).initialize();
}

/**
 * Applies pending migrations once, however many replicas start together: each waits
 * for a MySQL named lock, so the first applies them and the others find none pending.
 * They run on connections of their own, free of the query timeout that bounds requests.
 */
export async function migrate(databaseUrl: string): Promise<Migration[]> {
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
