import 'reflect-metadata';
import { join } from 'node:path';
import { createConnection, RowDataPacket } from 'mysql2/promise';
import { DataSource, ReplicationMode } from 'typeorm';
import { CountingLogger, currentQueryStats } from './src/common/query-stats';
import { DropTimedOutConnections } from './src/common/query-timeout';
import { CompanyInvite, User, UserSession } from './src/account/account.entity';
import { Candidate, CandidateSkill } from './src/candidate/candidate.entity';
import { Course, CoursePrerequisite, CourseSkill } from './src/course/course.entity';
import { Company, JobPosting, PostingSkill } from './src/posting/posting.entity';
import { Skill, SkillAlias, TaxonomyVersion } from './src/skill/skill.entity';

// The one DataSource factory, used by the app, the CLI and the tests. MySQL (or
// MariaDB) when a URL is given, the embedded SQLite file otherwise: the same
// entities and the same queries on both. It reads no environment: its callers hand
// it their settings (src/database.ts opens the database for the service and the CLI).

export const entities = [
  User,
  UserSession,
  CompanyInvite,
  Skill,
  SkillAlias,
  TaxonomyVersion,
  Company,
  JobPosting,
  PostingSkill,
  Candidate,
  CandidateSkill,
  Course,
  CourseSkill,
  CoursePrerequisite,
];

export interface DataSourceOptions {
  /** mysql://user:pass@host:port/db, or null for the embedded database */
  databaseUrl: string | null;
  /** file of the embedded database, used when `databaseUrl` is null; `:memory:` keeps it in memory */
  sqlitePath?: string;
  /** read replicas of the MySQL server */
  replicaUrls?: string[];
  /** connections in each MySQL pool */
  poolSize?: number;
  /** longest a statement may run before it fails; none when absent (migrations, benchmarks) */
  queryTimeoutMs?: number;
}

export function createDataSource({
  databaseUrl,
  replicaUrls = [],
  sqlitePath,
  poolSize = 10,
  queryTimeoutMs,
}: DataSourceOptions): DataSource {
  const common = { entities, logger: new CountingLogger() } as const;
  if (databaseUrl) {
    return new ReplicatedDataSource({
      ...common,
      // TypeORM reads MariaDB's catalogue differently (column defaults); see serverFlavourUrl.
      type: databaseUrl.startsWith('mariadb:') ? 'mariadb' : 'mysql',
      ...(replicaUrls.length > 0
        ? { replication: { master: { url: databaseUrl }, slaves: replicaUrls.map((url) => ({ url })) } }
        : { url: databaseUrl }),
      ...(queryTimeoutMs
        ? {
            maxQueryExecutionTime: queryTimeoutMs,
            enableQueryTimeout: true,
            subscribers: [DropTimedOutConnections],
          }
        : {}),
      charset: 'utf8mb4_unicode_ci',
      // No stack trace captured on every statement for errors that are masked anyway: it
      // costs about 1.5 % of the server's CPU under load.
      trace: false,
      timezone: 'Z',
      // Migrations alone change the MySQL schema; they are reviewed, synchronize is not.
      synchronize: false,
      migrations: [join(__dirname, 'migrations', '*.{ts,js}')],
      migrationsTableName: 'migrations',
      // Bounded waits, so requests fail fast with SERVICE_UNAVAILABLE while the database is away.
      // No reset round trip on release: TypeORM leaves no session state behind, and a reset
      // sent to a hung server never returns, keeping its connection from the pool for good.
      extra: { connectionLimit: poolSize, connectTimeout: 5000, resetOnRelease: false },
    });
  }
  if (!sqlitePath)
    throw new Error('The embedded database needs a file (sqlitePath) when no databaseUrl is given');
  return new EmbeddedDataSource({
    ...common,
    type: 'better-sqlite3',
    database: sqlitePath,
    // The embedded database is a local convenience built straight from the entities.
    synchronize: true,
    prepareDatabase: (db: { pragma(statement: string): unknown }) => {
      db.pragma('foreign_keys = ON');
    },
  });
}

/**
 * With read replicas, TypeORM sends a query builder's reads to a replica and
 * transactions and raw queries to the primary. A request that has written reads from
 * the primary too, so that its answer shows what it wrote (replicas lag behind).
 */
class ReplicatedDataSource extends DataSource {
  override defaultReplicationModeForReads(): ReplicationMode {
    return currentQueryStats()?.readsFromPrimary ? 'master' : super.defaultReplicationModeForReads();
  }
}

/**
 * SQLite knows no MySQL collations, and it compares text byte for byte anyway: the
 * embedded schema is built from the entities without them.
 */
class EmbeddedDataSource extends DataSource {
  protected override async buildMetadatas(): Promise<void> {
    await super.buildMetadatas();
    for (const column of this.entityMetadatas.flatMap((metadata) => metadata.columns)) {
      if (column.collation?.startsWith('utf8mb4')) column.collation = undefined;
    }
  }
}

/**
 * The same URL with the scheme naming the server it points at: `mariadb:` when the
 * server is MariaDB, so that TypeORM compares schemas correctly there.
 */
export async function serverFlavourUrl(databaseUrl: string): Promise<string> {
  const connection = await createConnection({
    uri: databaseUrl.replace(/^mariadb:/, 'mysql:'),
    connectTimeout: 10000,
  });
  try {
    const [rows] = await connection.query<RowDataPacket[]>('SELECT VERSION() AS version');
    const scheme = /mariadb/i.test(String(rows[0].version)) ? 'mariadb:' : 'mysql:';
    return databaseUrl.replace(/^(mysql|mariadb):/, scheme);
  } finally {
    await connection.end();
  }
}
