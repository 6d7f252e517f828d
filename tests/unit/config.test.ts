import { availableParallelism } from 'node:os';
import { ConfigError, loadConfig } from '../../src/config';

describe('loadConfig', () => {
  it('defaults to port 4000 on the embedded database', () => {
    expect(loadConfig({})).toEqual({
      nodeEnv: 'development',
      host: '127.0.0.1',
      port: 4000,
      databaseUrl: null,
      databaseReplicaUrls: [],
      queryTimeoutMs: 10000,
      redisUrl: null,
      dataDir: 'data',
      jwtSecret: null,
      tokenTtlSeconds: 43200,
      sessionCacheMs: 5000,
      authRateLimits: { perIp: 30, perEmail: 10 },
      trustProxy: false,
      costPerMinute: 1500000,
      adminPassword: null,
      metricsToken: null,
      explorer: true,
      workers: 1,
      rankingThreads: availableParallelism(),
      indexSnapshot: null,
    });
  });

  it('serves from a process per core on MySQL, one on the embedded database and in tests', () => {
    const mysql = { DATABASE_URL: 'mysql://app@db:3306/skillgraph' };
    expect(loadConfig(mysql).workers).toBe(availableParallelism());
    expect(loadConfig({ ...mysql, NODE_ENV: 'test' }).workers).toBe(1);
    expect(loadConfig({ ...mysql, WORKERS: '3' }).workers).toBe(3);
    expect(loadConfig({ WORKERS: '1' }).workers).toBe(1);
  });

  it('ranks on the cores each worker process has to itself, or on RANKING_THREADS threads', () => {
    const mysql = { DATABASE_URL: 'mysql://app@db:3306/skillgraph' };
    expect(loadConfig({ WORKERS: '1' }).rankingThreads).toBe(availableParallelism());
    expect(loadConfig({ ...mysql, WORKERS: '2' }).rankingThreads).toBe(
      Math.max(1, Math.floor(availableParallelism() / 2)),
    );
    expect(loadConfig({ ...mysql, WORKERS: '256' }).rankingThreads).toBe(1);
    expect(loadConfig({ RANKING_THREADS: '3' }).rankingThreads).toBe(3);
    for (const bad of ['0', '-1', '1.5', 'two', '257'])
      expect(() => loadConfig({ RANKING_THREADS: bad })).toThrow(
        new ConfigError(`RANKING_THREADS must be a whole number from 1 to 256, got "${bad}"`),
      );
  });

  it('saves the match index on MySQL by default, where INDEX_SNAPSHOT says, and never with INDEX_SNAPSHOT=off', () => {
    expect(loadConfig({}).indexSnapshot).toBeNull();
    expect(loadConfig({ DATABASE_URL: 'mysql://db/x', DATA_DIR: '/var/sg' }).indexSnapshot).toEqual({
      path: '/var/sg/match-index.snapshot',
      save: true,
    });
    expect(loadConfig({ INDEX_SNAPSHOT: '/tmp/i.snap' }).indexSnapshot).toEqual({
      path: '/tmp/i.snap',
      save: true,
    });
    expect(loadConfig({ DATABASE_URL: 'mysql://db/x', INDEX_SNAPSHOT: 'off' }).indexSnapshot).toBeNull();
  });

  it('serves the explorer outside production, and in production only with EXPLORER=1', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).explorer).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', EXPLORER: '1' }).explorer).toBe(true);
    expect(loadConfig({ EXPLORER: '0' }).explorer).toBe(false);
    expect(() => loadConfig({ EXPLORER: 'yes' })).toThrow(
      new ConfigError('EXPLORER must be 1 or 0, got "yes"'),
    );
  });

  it('reads a MySQL URL and a port', () => {
    const config = loadConfig({ PORT: '8080', DATABASE_URL: 'mysql://app:secret@db:3306/skillgraph' });
    expect(config.port).toBe(8080);
    expect(config.databaseUrl).toBe('mysql://app:secret@db:3306/skillgraph');
  });

  it('reads replicas, a query timeout and a Redis URL', () => {
    const config = loadConfig({
      DATABASE_URL: 'mysql://app@primary:3306/skillgraph',
      DATABASE_REPLICA_URLS: 'mysql://app@replica1:3306/skillgraph, mysql://app@replica2:3306/skillgraph',
      QUERY_TIMEOUT_MS: '2500',
      REDIS_URL: 'redis://cache:6379',
    });
    expect(config.databaseReplicaUrls).toEqual([
      'mysql://app@replica1:3306/skillgraph',
      'mysql://app@replica2:3306/skillgraph',
    ]);
    expect(config.queryTimeoutMs).toBe(2500);
    expect(config.redisUrl).toBe('redis://cache:6379');
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
    ]);
  });

  it('accepts a long enough secret in production', () => {
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }).jwtSecret).toBe('x'.repeat(32));
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ DATABASE_URL: 'postgres://localhost/db' }, /mysql:\/\//],
    [{ DATABASE_URL: 'not a url' }, /DATABASE_URL/],
    [{ NODE_ENV: 'staging' }, /NODE_ENV/],
    [{ SESSION_CACHE_MS: '6000' }, /SESSION_CACHE_MS/],
    [{ NODE_ENV: 'production', JWT_SECRET: 'short' }, /JWT_SECRET/],
    [{ JWT_SECRET: 'too-short-even-in-development' }, /JWT_SECRET/],
    [{ DATABASE_REPLICA_URLS: 'mysql://replica/db' }, /needs DATABASE_URL/],
    [
      { DATABASE_URL: 'mysql://db/x', DATABASE_REPLICA_URLS: 'mysql://r1/x,http://r2/x' },
      /DATABASE_REPLICA_URLS/,
    ],
    [{ QUERY_TIMEOUT_MS: '0' }, /QUERY_TIMEOUT_MS/],
    [{ REDIS_URL: 'localhost:6379' }, /REDIS_URL/],
    [{ TRUST_PROXY: 'true' }, /TRUST_PROXY/],
    [{ TRUST_PROXY: 'nginx.internal' }, /TRUST_PROXY/],
    [
      { DATABASE_URL: 'mysql://db/x', WORKERS: 'abc' },
      'WORKERS must be a whole number from 1 to 256, got "abc"',
    ],
    [{ DATABASE_URL: 'mysql://db/x', WORKERS: '0' }, 'WORKERS must be a whole number from 1 to 256, got "0"'],
    [{ DATABASE_URL: 'mysql://db/x', WORKERS: '1000' }, /WORKERS/],
    [{ WORKERS: '2' }, 'WORKERS above 1 needs DATABASE_URL: the embedded database serves one process'],
  ])('fails fast with one clear line on %p', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
