import { Connection, RowDataPacket } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { createDataSource } from '../../ormconfig';
import { seedReference } from '../../seeds/load';
import { Config, loadConfig } from '../../src/config';
import { openDatabase } from '../../src/database';
import { App } from '../../src/server';
import { describeWithOwnMariaDb, MariaDbInstance } from '../helpers/mariadb-instance';
import { ADMIN } from '../helpers/viewers';
import { signedIn, TEST_JWT_SECRET } from '../helpers/sessions';
import { createTestApp, listen, postGraphQL, readGraphQL, stopApp } from '../helpers/http-app';

// DATABASE_REPLICA_URLS against a real primary and a real replica that follows it
// by binary log, both started by the test on spare ports with their own data.
describeWithOwnMariaDb('with a read replica', () => {
  let primary: MariaDbInstance;
  let replica: MariaDbInstance;
  let onPrimary: Connection;
  let onReplica: Connection;
  let db: DataSource;
  let app: App;
  let base: string;
  let config: Config;

  const graphql = async <T>(query: string, token?: string) => {
    const response = await postGraphQL(base, { query }, token ? { authorization: `Bearer ${token}` } : {});
    return readGraphQL<T>(response);
  };
  const skillNamed = async (slug: string) =>
    (await graphql<{ skill: { name: string } | null }>(`{ skill(slug: "${slug}") { name } }`)).data!.skill;
  const count = async (on: Connection, sql: string) => Number((await on.query<RowDataPacket[]>(sql))[0][0].n);
  const caughtUp = async () => {
    const target = await count(onPrimary, 'SELECT COUNT(*) AS n FROM skillgraph.skill');
    for (let tries = 0; tries < 300; tries++) {
      const seen = await count(onReplica, 'SELECT COUNT(*) AS n FROM skillgraph.skill').catch(() => -1);
      if (seen === target) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the replica did not catch up');
  };

  beforeAll(async () => {
    [primary, replica] = await Promise.all([
      MariaDbInstance.start({ serverId: 1, binlog: true }),
      MariaDbInstance.start({ serverId: 2 }),
    ]);
    onPrimary = await primary.connect();
    onReplica = await replica.connect();
    await onReplica.query(
      `CHANGE MASTER TO MASTER_HOST = '127.0.0.1', MASTER_PORT = ${primary.port},
         MASTER_USER = 'root', MASTER_PASSWORD = '', MASTER_USE_GTID = slave_pos;
       START SLAVE`,
    );
    await onPrimary.query('CREATE DATABASE skillgraph CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
    config = {
      ...loadConfig({}),
      nodeEnv: 'test',
      jwtSecret: TEST_JWT_SECRET,
      databaseUrl: primary.url('skillgraph'),
      databaseReplicaUrls: [replica.url('skillgraph')],
    };
    db = await openDatabase(config); // migrates the primary; the replica follows
    const seeder = await createDataSource({
      databaseUrl: primary.url('skillgraph'),
      poolSize: 1,
    }).initialize();
    await seedReference(seeder);
    await seeder.destroy();
    await caughtUp();
    app = await createTestApp(db, config);
    base = await listen(app);
  });
  afterAll(async () => {
    await stopApp(app);
    await db?.destroy().catch(() => undefined);
    await onPrimary?.end();
    await onReplica?.end();
    await Promise.all([primary?.destroy(), replica?.destroy()]);
  });

  it('serves queries from the replica', async () => {
    // A row on one server only (not logged for replication) shows which one answered.
    await onPrimary.query(`SET sql_log_bin = 0;
      INSERT INTO skillgraph.skill (slug, name, category, description) VALUES ('only-primary', 'Only on the primary', 'TOOL', '')`);
    await onReplica.query(`INSERT INTO skillgraph.skill (slug, name, category, description)
      VALUES ('only-replica', 'Only on the replica', 'TOOL', '')`);
    expect(await skillNamed('only-replica')).toEqual({ name: 'Only on the replica' });
    expect(await skillNamed('only-primary')).toBeNull();
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/skillgraph_db_pool_connections\{server="SLAVE0",state="open"\} [1-9]/);
  });

  it('writes to the primary, and a mutation answers with its own write while the replica lags', async () => {
    await onReplica.query('STOP SLAVE SQL_THREAD'); // the replica falls behind from here
    try {
      const { token } = await signedIn(db, app.services, ADMIN);
      const created = await graphql<{
        createSkill: {
          skill: { name: string; parent: { slug: string } | null } | null;
          userErrors: { code: string }[];
        };
      }>(
        `
          mutation {
            createSkill(input: { slug: "koa", name: "Koa", category: FRAMEWORK, parent: "Node" }) {
              skill {
                name
                parent {
                  slug
                }
              }
              userErrors {
                code
              }
            }
          }
        `,
        token,
      );
      expect(created.errors).toBeUndefined();
      expect(created.data!.createSkill).toEqual({
        skill: { name: 'Koa', parent: { slug: 'nodejs' } },
        userErrors: [],
      });
      // A second request that builds on the first write: it finds the new skill and
      // answers with the new alias, both only on the primary so far.
      const aliased = await graphql<{ addSkillAlias: { skill: { aliases: string[] } } }>(
        `
          mutation {
            addSkillAlias(input: { skill: "koa", alias: "koajs" }) {
              skill {
                aliases
              }
            }
          }
        `,
        token,
      );
      expect(aliased.data?.addSkillAlias.skill.aliases).toEqual(['koajs']);
      expect(await count(onPrimary, "SELECT COUNT(*) AS n FROM skillgraph.skill WHERE slug = 'koa'")).toBe(1);
      expect(await count(onReplica, "SELECT COUNT(*) AS n FROM skillgraph.skill WHERE slug = 'koa'")).toBe(0);
      expect(await skillNamed('koa')).toBeNull(); // a later query reads the lagging replica
    } finally {
      await onReplica.query('START SLAVE SQL_THREAD');
    }
    await caughtUp();
    expect(await skillNamed('koa')).toEqual({ name: 'Koa' });
  });
});
