import { DataSource } from 'typeorm';
import { entities } from '../../ormconfig';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/database';
import { createTestDatabase, isEmbedded } from '../helpers/test-db';

// Migrations only exist for MySQL; the embedded database is built from the entities.
const describeMysql = isEmbedded() ? describe.skip : describe;

describeMysql('migrations', () => {
  let db: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('none', { migrate: false });
  });
  afterAll(() => db?.destroy());

  const tables = async () =>
    (await db.query('SHOW TABLES')).map((row: Record<string, string>) => Object.values(row)[0]).sort();

  it('create every entity table on an empty database', async () => {
    await db.runMigrations({ transaction: 'each' });
    const expected = entities.map((e) => db.getMetadata(e).tableName);
    expect(await tables()).toEqual([...expected, 'migrations'].sort());
  });

  it('leave nothing for the entities to change', async () => {
    const pending = await db.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('revert down to an empty database and apply again', async () => {
    while ((await db.query('SELECT COUNT(*) AS n FROM migrations'))[0].n > 0) {
      await db.undoLastMigration({ transaction: 'each' });
    }
    expect(await tables()).toEqual(['migrations']);
    await db.runMigrations({ transaction: 'each' });
    expect((await tables()).length).toBe(entities.length + 1);
  });

  it('are applied once when several replicas start together on an empty database', async () => {
    while ((await db.query('SELECT COUNT(*) AS n FROM migrations'))[0].n > 0) {
      await db.undoLastMigration({ transaction: 'each' });
    }
    const config = { ...loadConfig({}), databaseUrl: (db.options as { url: string }).url };
    const replicas = await Promise.all([openDatabase(config), openDatabase(config), openDatabase(config)]);
    await Promise.all(replicas.map((replica) => replica.destroy()));
    expect((await tables()).length).toBe(entities.length + 1);
    const applied = await db.query('SELECT name FROM migrations');
    expect(applied.length).toBe(db.migrations.length);
  });
});
