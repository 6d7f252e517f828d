import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DataSource } from 'typeorm';

// What /readyz checks: that requests can be served, not merely that the server answers.
// A database that was dropped, half-migrated or made read-only answers `SELECT 1` and
// fails every operation.

/** Why the service cannot serve requests now, or null when it can. */
export async function notReadyBecause(db: DataSource): Promise<string | null> {
  try {
    const [tables, migrations, writable] = await Promise.all([
      everyTableThere(db),
      db.options.type === 'better-sqlite3' ? true : everyMigrationApplied(db),
      db.options.type === 'better-sqlite3' ? fileWritable(String(db.options.database)) : true,
    ]);
    if (!tables) return 'schema incomplete';
    if (!migrations) return 'migrations pending';
    if (!writable) return 'database file not writable';
    return null;
  } catch {
    return 'database unavailable';
  }
}

/** One statement that reads no row of any table but fails when one of them is missing. */
async function everyTableThere(db: DataSource): Promise<boolean> {
  const probes = db.entityMetadatas.map(
    (entity) => `SELECT 1 AS present FROM ${db.driver.escape(entity.tableName)} WHERE 1 = 0`,
  );
  try {
    await db.query(probes.join(' UNION ALL '));
    return true;
  } catch (error) {
    if (isMissingTable(error)) return false;
    throw error;
  }
}

/** Every migration this build knows is listed in the migrations table. */
async function everyMigrationApplied(db: DataSource): Promise<boolean> {
  const table = db.driver.escape(String(db.options.migrationsTableName ?? 'migrations'));
  let applied: Set<string>;
  try {
    const rows: { name: string }[] = await db.query(`SELECT name FROM ${table}`);
    applied = new Set(rows.map((r) => r.name));
  } catch (error) {
    if (isMissingTable(error)) return false;
    throw error;
  }
  return db.migrations.every((m) => applied.has(m.name ?? m.constructor.name));
}

/** The embedded database's file and folder (SQLite writes its journal beside the file). */
async function fileWritable(path: string): Promise<boolean> {
  if (path === ':memory:') return true;
  try {
    await access(path, constants.W_OK);
    await access(dirname(path), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function isMissingTable(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string }; message?: string } | null;
  const code = e?.driverError?.code ?? e?.code;
  return code === 'ER_NO_SUCH_TABLE' || /no such table/.test(e?.message ?? '');
}
