import { availableParallelism } from 'node:os';

// Every environment variable the service reads is parsed and checked here, once,
// so a bad value fails at start with one clear line instead of deep in a request.

export type NodeEnv = 'development' | 'production' | 'test';

export interface Config {
  nodeEnv: NodeEnv;
  /** the interface to listen on; 127.0.0.1 unless HOST says otherwise (0.0.0.0 in the Docker image) */
  host: string;
  port: number;
  /** mysql://user:pass@host:port/db; absent means the embedded SQLite database */
  databaseUrl: string | null;
  /** read replicas of that MySQL server; reads go to them, writes to DATABASE_URL */
  databaseReplicaUrls: string[];
  /** how long one SQL statement may take before the request fails with SERVICE_UNAVAILABLE */
  queryTimeoutMs: number;
  /** redis://host:port shared by every replica for rate limits and persisted queries; null keeps them in memory */
  redisUrl: string | null;
  /** where the embedded database file lives when DATABASE_URL is not set */
  dataDir: string;
  /**
   * signs session tokens (32+ characters); null: one generated on first start and kept in
   * DATA_DIR/jwt-secret, which only a single instance can use (see `jwtSecretOf`)
   */
  jwtSecret: string | null;
  /** how long a session token lasts, in seconds */
  tokenTtlSeconds: number;
  /** how long an instance may reuse what it read about a session (0 to 5000 ms) */
  sessionCacheMs: number;
  /** sign-up and log-in attempts allowed per minute */
  authRateLimits: { perIp: number; perEmail: number };
  /**
   * which proxies in front of the service to believe about the client's address
   * (X-Forwarded-For): a hop count or addresses; false believes none
   */
  trustProxy: number | string[] | false;
  /** query cost one client may spend per minute (see src/limits.ts): by default, 30 operations at the budget */
  costPerMinute: number;
  /** password for `npm run user:create`, instead of the prompt */
  adminPassword: string | null;
  /** when set, /metrics answers only `Authorization: Bearer <metricsToken>` */
  metricsToken: string | null;
  /** whether a browser gets GraphiQL at GET /graphql; off in production unless EXPLORER=1 */
  explorer: boolean;
  /**
   * processes serving the port (see src/cluster.ts): the cores on MySQL; 1 on the embedded
   * database, which one process alone may open, and in tests
   */
  workers: number;
  /**
   * threads an exhaustive ranking of a large match index runs on, the process's own included
   * (see src/matching/ranking-threads.ts): by default the cores each worker process has to
   * itself, so one process on 2 cores ranks on 2 threads, and 2 processes on 1 each
   */
  rankingThreads: number;
  /**
   * where the match index is saved (at shutdown, and every few minutes when it changed) and
   * loaded from at start, so a restart at a million candidates is ready in a second instead
   * of reading them all; `save` is false for all but one worker of a cluster. On MySQL by
   * default (DATA_DIR/match-index.snapshot); off on the embedded database, whose size reads
   * in moments, and with INDEX_SNAPSHOT=off.
   */
  indexSnapshot: { path: string; save: boolean } | null;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = parseNodeEnv(env.NODE_ENV);
  const databaseUrl = parseDatabaseUrl(env.DATABASE_URL, 'DATABASE_URL');
  const workers = parseWorkers(env.WORKERS, nodeEnv, databaseUrl);
  return {
    nodeEnv,
    host: env.HOST?.trim() || '127.0.0.1',
    port: parsePort(env.PORT ?? '4000', 'PORT'),
    databaseUrl,
    databaseReplicaUrls: parseReplicaUrls(env.DATABASE_REPLICA_URLS, databaseUrl),
    queryTimeoutMs: parsePositiveInt(env.QUERY_TIMEOUT_MS ?? '10000', 'QUERY_TIMEOUT_MS'),
    redisUrl: parseRedisUrl(env.REDIS_URL),
    dataDir: env.DATA_DIR?.trim() || 'data',
    jwtSecret: parseJwtSecret(env.JWT_SECRET),
    tokenTtlSeconds: parsePositiveInt(env.TOKEN_TTL_SECONDS ?? '43200', 'TOKEN_TTL_SECONDS'),
    sessionCacheMs: parseSessionCacheMs(env.SESSION_CACHE_MS ?? '5000'),
    authRateLimits: {
      perIp: parsePositiveInt(env.AUTH_RATE_PER_IP ?? '30', 'AUTH_RATE_PER_IP'),
      perEmail: parsePositiveInt(env.AUTH_RATE_PER_EMAIL ?? '10', 'AUTH_RATE_PER_EMAIL'),
    },
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    costPerMinute: parsePositiveInt(env.COST_PER_MINUTE ?? '1500000', 'COST_PER_MINUTE'),
    adminPassword: env.SKILLGRAPH_PASSWORD || null,
    metricsToken: env.METRICS_TOKEN?.trim() || null,
    explorer: parseSwitch(env.EXPLORER, 'EXPLORER') ?? nodeEnv !== 'production',
    workers,
    rankingThreads: parseRankingThreads(env.RANKING_THREADS, workers),
    indexSnapshot: parseIndexSnapshot(env.INDEX_SNAPSHOT, env.DATA_DIR?.trim() || 'data', databaseUrl),
  };
}

function parseIndexSnapshot(
  value: string | undefined,
  dataDir: string,
  databaseUrl: string | null,
): Config['indexSnapshot'] {
  const path = value?.trim();
  if (path === 'off' || (!path && !databaseUrl)) return null;
  return { path: path || `${dataDir}/match-index.snapshot`, save: true };
}

/** More would be a mistake, not a machine: each worker holds its own match index and pool. */
const MAX_WORKERS = 256;

function parseWorkers(value: string | undefined, nodeEnv: NodeEnv, databaseUrl: string | null): number {
  if (value === undefined || value.trim() === '') {
    return databaseUrl && nodeEnv !== 'test' ? Math.min(availableParallelism(), MAX_WORKERS) : 1;
  }
  if (!/^[1-9]\d*$/.test(value) || Number(value) > MAX_WORKERS) {
    throw new ConfigError(`WORKERS must be a whole number from 1 to ${MAX_WORKERS}, got "${value}"`);
  }
  if (Number(value) > 1 && !databaseUrl) {
    // Each process would build the schema and write the file on its own.
    throw new ConfigError('WORKERS above 1 needs DATABASE_URL: the embedded database serves one process');
  }
  return Number(value);
}

/** As many as cores, at most: more threads than cores would only take turns. */
const MAX_RANKING_THREADS = 256;

function parseRankingThreads(value: string | undefined, workers: number): number {
  if (value === undefined || value.trim() === '')
    return Math.max(1, Math.floor(availableParallelism() / workers));
  if (!/^[1-9]\d*$/.test(value) || Number(value) > MAX_RANKING_THREADS) {
    throw new ConfigError(
      `RANKING_THREADS must be a whole number from 1 to ${MAX_RANKING_THREADS}, got "${value}"`,
    );
  }
  return Number(value);
}

function parseSwitch(value: string | undefined, name: string): boolean | null {
  if (value === undefined || value.trim() === '') return null;
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false') return false;
  throw new ConfigError(`${name} must be 1 or 0, got "${value}"`);
}

function parseJwtSecret(value: string | undefined): string | null {
  if (!value) return null;
  if (value.length < 32) throw new ConfigError('JWT_SECRET must be at least 32 characters long');
  return value;
}

function parseSessionCacheMs(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 5000) {
    throw new ConfigError(`SESSION_CACHE_MS must be a whole number from 0 to 5000, got "${value}"`);
  }
  return Number(value);
}

function parsePositiveInt(value: string, name: string): number {
  if (!/^[1-9]\d*$/.test(value))
    throw new ConfigError(`${name} must be a positive whole number, got "${value}"`);
  return Number(value);
}

function parseNodeEnv(value: string | undefined): NodeEnv {
  if (value === undefined || value === '') return 'development';
  if (value === 'development' || value === 'production' || value === 'test') return value;
  throw new ConfigError(`NODE_ENV must be development, production or test, got "${value}"`);
}

function parsePort(value: string, name: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) {
    throw new ConfigError(`${name} must be a port number between 1 and 65535, got "${value}"`);
  }
  return port;
}

function parseReplicaUrls(value: string | undefined, databaseUrl: string | null): string[] {
  const urls = (value ?? '')
    .split(',')
    .map((url) => url.trim())
    .filter((url) => url !== '');
  if (urls.length > 0 && !databaseUrl) {
    throw new ConfigError('DATABASE_REPLICA_URLS needs DATABASE_URL: replicas follow a MySQL primary');
  }
  return urls.map((url) => parseDatabaseUrl(url, 'DATABASE_REPLICA_URLS')!);
}

const PROXY_ADDRESS = /^(loopback|linklocal|uniquelocal|[\d.]+(\/\d+)?|[\da-f:]+(\/\d+)?)$/i;

function parseTrustProxy(value: string | undefined): number | string[] | false {
  if (value === undefined || value.trim() === '') return false;
  if (/^\d+$/.test(value)) return Number(value);
  const addresses = value.split(',').map((a) => a.trim());
  if (!addresses.every((a) => PROXY_ADDRESS.test(a))) {
    throw new ConfigError(
      `TRUST_PROXY must be a hop count or addresses (loopback, uniquelocal, 10.0.0.0/8, ...), got "${value}"`,
    );
  }
  return addresses;
}

export function parseRedisUrl(value: string | undefined): string | null {
  if (value === undefined || value.trim() === '') return null;
  if (!/^rediss?:\/\/[^/]/.test(value)) {
    throw new ConfigError(`REDIS_URL must be a URL like redis://host:6379, got "${value}"`);
  }
  return value;
}

export function parseDatabaseUrl(value: string | undefined, name: string): string | null {
  if (value === undefined || value.trim() === '') return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} must be a URL like mysql://user:pass@host:3306/db`);
  }
  if (url.protocol !== 'mysql:' && url.protocol !== 'mariadb:') {
    throw new ConfigError(`${name} must use the mysql:// scheme, got "${url.protocol}"`);
  }
  if (url.port !== '') parsePort(url.port, `${name} port`);
  return value;
}
