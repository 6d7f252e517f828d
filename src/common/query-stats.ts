import { AsyncLocalStorage } from 'node:async_hooks';
import { AbstractLogger, LogLevel, LogMessage, ObjectLiteral, QueryRunner } from 'typeorm';

// Per-request SQL bookkeeping. Counts the statements TypeORM sends, so tests and logs
// can show that a request's statement count depends on its depth, not on the length
// of its lists; and says where the request's reads go when there are read replicas.

export interface QueryStats {
  statements: number;
  /** set by a request that writes, so that it reads its own writes from the primary */
  readsFromPrimary: boolean;
}

const requestStats = new AsyncLocalStorage<QueryStats>();
let totalStatements = 0;

/** Runs `fn` with its own statement counter, read back through `currentQueryStats`. */
export function withQueryStats<T>(fn: () => T): T {
  return requestStats.run({ statements: 0, readsFromPrimary: false }, fn);
}

/** From now on, this request's reads go to the primary, which has its writes. */
export function readFromPrimaryFromNowOn(): void {
  const stats = requestStats.getStore();
  if (stats) stats.readsFromPrimary = true;
}

export function currentQueryStats(): QueryStats | undefined {
  return requestStats.getStore();
}

/** Statements sent by this process since it started. */
export function totalStatementCount(): number {
  return totalStatements;
}

export class CountingLogger extends AbstractLogger {
  constructor(private readonly logErrors = true) {
    super(logErrors ? ['error', 'warn'] : false);
  }

  override logQuery(query: string, parameters?: unknown[] | ObjectLiteral, queryRunner?: QueryRunner): void {
    totalStatements++;
    const stats = requestStats.getStore();
    if (stats) stats.statements++;
    super.logQuery(query, parameters, queryRunner);
  }

  protected writeLog(level: LogLevel, message: LogMessage | LogMessage[]): void {
    if (!this.logErrors) return;
    for (const m of Array.isArray(message) ? message : [message]) {
      // A failed statement is thrown to its caller, which reports it once (a request's error,
      // the change feed's state); logged here too, it repeated SQL every second of an outage.
      if (m.type === 'query-error') continue;
      if (level === 'error' || level === 'warn') console.warn(`[typeorm] ${m.type ?? level}: ${m.message}`);
    }
  }
}
