import { mkdirSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { createDataSource, serverFlavourUrl } from '../ormconfig';
import { seedDemo, seedReference } from '../seeds/load';
import { Skill } from './skill/skill.entity';
import { Config } from './config';

/**
 * Opens the service's database ready to serve: MySQL with every pending migration
 * applied, or the embedded SQLite file, filled with reference and demo data the
 * first time so that a newcomer's first start gives a populated API.
 */
export async function openDatabase(config: Config): Promise<DataSource> {
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
  // Migrations run on a connection of their own, free of the query timeout that bounds requests.
  const migrator = await createDataSource({ databaseUrl, poolSize: 1 }).initialize();
  try {
    await migrator.runMigrations({ transaction: 'each' });
  } finally {
    await migrator.destroy();
  }
  return createDataSource({
    databaseUrl,
    replicaUrls: await Promise.all(config.databaseReplicaUrls.map(serverFlavourUrl)),
    queryTimeoutMs: config.queryTimeoutMs,
  }).initialize();
}
