import { ConfigError, DEVELOPMENT_JWT_SECRET, loadConfig } from '../../src/config';

describe('loadConfig', () => {
  it('defaults to port 4000 on the embedded database', () => {
    expect(loadConfig({})).toEqual({
      nodeEnv: 'development',
      port: 4000,
      databaseUrl: null,
      dataDir: 'data',
      jwtSecret: DEVELOPMENT_JWT_SECRET,
      tokenTtlSeconds: 43200,
      authRateLimits: { perIp: 30, perEmail: 10 },
      costPerMinute: 300000,
      adminPassword: null,
    });
  });

  it('reads a MySQL URL and a port', () => {
    const config = loadConfig({ PORT: '8080', DATABASE_URL: 'mysql://app:secret@db:3306/skillgraph' });
    expect(config.port).toBe(8080);
    expect(config.databaseUrl).toBe('mysql://app:secret@db:3306/skillgraph');
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
    [{ NODE_ENV: 'production' }, /JWT_SECRET/],
    [{ NODE_ENV: 'production', JWT_SECRET: 'short' }, /JWT_SECRET/],
    [{ JWT_SECRET: 'too-short-even-in-development' }, /JWT_SECRET/],
  ])('fails fast with one clear line on %p', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
