import { DataSource, EntityManager } from 'typeorm';

// InnoDB picks a victim when two transactions wait on each other's row locks (a deadlock)
// or gives up waiting (a lock-wait timeout). Both leave nothing written, so running the
// transaction again is safe and almost always succeeds: the other one has finished.

const RETRYABLE = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);
const ATTEMPTS = 4;
const BASE_DELAY_MS = 10;

/** The driver's error code, whether TypeORM wrapped the error or not. */
export function driverCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

export function isRetryableConflict(error: unknown): boolean {
  const code = driverCode(error);
  return code !== undefined && RETRYABLE.has(code);
}

/** A duplicate value in a unique index, on MySQL/MariaDB or SQLite. */
export function isUniqueViolation(error: unknown): boolean {
  const code = driverCode(error);
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * Runs `work` again after a deadlock or lock-wait timeout, a few times, after a random
 * delay that grows with each attempt, so that the transactions that collided do not
 * collide again in step.
 */
export async function retryingConflicts<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= ATTEMPTS || !isRetryableConflict(error)) throw error;
      const delay = BASE_DELAY_MS * 2 ** (attempt - 1) * (0.5 + Math.random());
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/** Every write transaction goes through here: one transaction, retried on lock conflicts. */
export function writeTransaction<T>(db: DataSource, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  return retryingConflicts(() => db.transaction(work));
}
