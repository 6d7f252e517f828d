import { ConfigError, loadConfig } from '../../src/config';

describe('loadConfig', () => {
  it('defaults to port 4000 on the embedded database', () => {
    expect(loadConfig({})).toEqual({
      nodeEnv: 'development',
      port: 4000,
      databaseUrl: null,
      dataDir: 'data',
    });
  });

  it('reads a MySQL URL and a port', () => {
    const config = loadConfig({ PORT: '8080', DATABASE_URL: 'mysql://app:secret@db:3306/skillgraph' });
    expect(config.port).toBe(8080);
    expect(config.databaseUrl).toBe('mysql://app:secret@db:3306/skillgraph');
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ DATABASE_URL: 'postgres://localhost/db' }, /mysql:\/\//],
    [{ DATABASE_URL: 'not a url' }, /DATABASE_URL/],
    [{ NODE_ENV: 'staging' }, /NODE_ENV/],
  ])('fails fast with one clear line on %p', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
