import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Config, ConfigError } from '../config';

/**
 * The secret that signs session tokens: JWT_SECRET, or one generated on first start and
 * kept in DATA_DIR/jwt-secret (readable by its owner only). A kept secret serves a single
 * instance; instances that share a MySQL database must share JWT_SECRET, so without it the
 * service refuses to start on MySQL outside development.
 */
export function jwtSecretOf(
  config: Pick<Config, 'jwtSecret' | 'databaseUrl' | 'nodeEnv' | 'dataDir'>,
): string {
  if (config.jwtSecret) return config.jwtSecret;
  if (config.databaseUrl && config.nodeEnv !== 'development') {
    throw new ConfigError(
      'JWT_SECRET must be set (32+ random characters, the same on every instance) when DATABASE_URL is set and NODE_ENV is not development',
    );
  }
  return keptSecret(config.dataDir);
}

function keptSecret(dataDir: string): string {
  const path = join(dataDir, 'jwt-secret');
  const existing = readSecret(path);
  if (existing) return existing;
  mkdirSync(dataDir, { recursive: true });
  // Written whole under another name, then linked into place: a process starting at the
  // same moment either wins the link or reads the winner's complete file, never half of one.
  const draft = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
  try {
    linkSync(draft, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(draft);
  }
  const kept = readSecret(path);
  if (!kept) throw new ConfigError(`${path} must hold a secret of at least 32 characters`);
  return kept;
}

function readSecret(path: string): string | null {
  try {
    const secret = readFileSync(path, 'utf8').trim();
    if (secret.length < 32) throw new ConfigError(`${path} must hold a secret of at least 32 characters`);
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
