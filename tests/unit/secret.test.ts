import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jwtSecretOf } from '../../src/account/secret';
import { ConfigError, loadConfig } from '../../src/config';

describe('the secret that signs tokens', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'skillgraph-secret-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('is JWT_SECRET when it is set', () => {
    const secret = 'y'.repeat(40);
    expect(jwtSecretOf(loadConfig({ JWT_SECRET: secret, DATA_DIR: dataDir, NODE_ENV: 'production' }))).toBe(
      secret,
    );
  });

  it('is otherwise generated once, kept in the data directory for its owner only, and reused', () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    const first = jwtSecretOf(config);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(dataDir, 'jwt-secret'), 'utf8')).toBe(first);
    expect(statSync(join(dataDir, 'jwt-secret')).mode & 0o777).toBe(0o600);
    expect(jwtSecretOf(config)).toBe(first);
    const elsewhere = mkdtempSync(join(tmpdir(), 'skillgraph-secret-'));
    try {
      expect(jwtSecretOf(loadConfig({ DATA_DIR: elsewhere }))).not.toBe(first);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('is required on MySQL outside development, where instances share a database', () => {
    const mysql = { DATABASE_URL: 'mysql://app@db:3306/skillgraph', DATA_DIR: dataDir };
    expect(() => jwtSecretOf(loadConfig({ ...mysql, NODE_ENV: 'production' }))).toThrow(ConfigError);
    expect(() => jwtSecretOf(loadConfig({ ...mysql, NODE_ENV: 'test' }))).toThrow(/JWT_SECRET/);
    expect(jwtSecretOf(loadConfig({ ...mysql, NODE_ENV: 'development' })).length).toBeGreaterThanOrEqual(32);
  });
});
