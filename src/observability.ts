import { ApolloServerPlugin } from '@apollo/server';
import pino, { Logger } from 'pino';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { loaderBatchSizes } from './common/batch';
import { currentQueryStats } from './common/query-stats';
import { MatchIndex, MatchIndexStats } from './matching/match-index';
import { Config } from './config';
import { RequestContext } from './request';

// One structured log line and a set of metrics per GraphQL operation. Variables,
// tokens and passwords are never logged: only names, codes, durations and counts.
// Operation names come from clients: each is cut to a bounded length before it is
// logged or becomes a label, and only so many distinct names get a series of their own.

/** Longest client string kept in a log line or a metric label. */
export const CLIENT_STRING_CHARS = 64;
/** Distinct operation names that get series of their own; later ones count as `other`. */
export const OPERATION_LABELS = 100;

/** `value` cut to `CLIENT_STRING_CHARS`, marked with an ellipsis when it was longer. */
export function bounded(value: string): string {
  return value.length <= CLIENT_STRING_CHARS ? value : `${value.slice(0, CLIENT_STRING_CHARS - 1)}…`;
}

/** The metric label of each operation name: the first `OPERATION_LABELS` names keep theirs. */
export function operationLabels(limit = OPERATION_LABELS): (name: string | null | undefined) => string {
  const labelled = new Set<string>();
  return (name) => {
    if (!name) return 'anonymous';
    const label = bounded(name);
    if (labelled.has(label)) return label;
    if (labelled.size >= limit) return 'other';
    labelled.add(label);
    return label;
  };
}

/** `buffered: false` for a process that logs rarely, whose lines must show at once (a cluster's primary). */
export function createLogger(config: Pick<Config, 'nodeEnv'>, { buffered = true } = {}): Logger {
  if (config.nodeEnv === 'test') return pino({ level: 'silent' });
  const options = { level: 'info', redact: ['req.headers.authorization'] };
  if (config.nodeEnv === 'development') {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { colorize: true } } });
  }
  // Buffered, asynchronous writes: writing each line synchronously costs about 6 % of the
  // CPU under load. pino flushes the buffer when the process exits.
  return pino(options, buffered ? pino.destination({ sync: false, minLength: 4096 }) : undefined);
}

export interface Metrics {
  registry: Registry;
  requests: Counter<'operation' | 'outcome'>;
  duration: Histogram<'operation' | 'outcome'>;
  statements: Histogram<'operation'>;
}

export function createMetrics(db: DataSource, matchIndex: MatchIndex): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  registry.registerMetric(loaderBatchSizes);
  const indexGauges: [string, string, (stats: MatchIndexStats) => number][] = [
    ['candidates', 'Candidates held in the in-process match index', (s) => s.candidates],
    ['entries', 'Candidate-skill entries held in the match index', (s) => s.skillEntries],
    ['bytes', 'Bytes the match index holds in typed arrays', (s) => s.bytes],
    ['build_seconds', 'Seconds the match index took to build at start', (s) => s.buildMs / 1000],
  ];
  for (const [name, help, read] of indexGauges) {
    new Gauge({
      name: `skillgraph_match_index_${name}`,
      help,
      registers: [registry],
      collect() {
        this.set(read(matchIndex.stats()));
      },
    });
  }
  new Gauge({
    name: 'skillgraph_match_index_ranking_threads',
    help: 'Threads an exhaustive ranking of a large match index runs on now, the main one included',
    registers: [registry],
    collect() {
      this.set(matchIndex.threads.running());
    },
  });
  new Gauge({
    name: 'skillgraph_db_pool_connections',
    help: 'MySQL pool connections by server (MASTER, SLAVE0, ...) and state',
    labelNames: ['server', 'state'],
    registers: [registry],
    collect() {
      // mysql2 keeps no public counters; read its queues.
      for (const [server, pool] of Object.entries(mysqlPools(db))) {
        const all = pool._allConnections?.length ?? 0;
        const free = pool._freeConnections?.length ?? 0;
        this.set({ server, state: 'open' }, all);
        this.set({ server, state: 'idle' }, free);
        this.set({ server, state: 'busy' }, all - free);
      }
    },
  });
  return {
    registry,
    requests: new Counter({
      name: 'skillgraph_graphql_requests_total',
      help: 'GraphQL operations by operation name and outcome',
      labelNames: ['operation', 'outcome'],
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'skillgraph_graphql_request_duration_seconds',
      help: 'GraphQL operation duration by operation name and outcome',
      labelNames: ['operation', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    statements: new Histogram({
      name: 'skillgraph_sql_statements_per_request',
      help: 'SQL statements one GraphQL operation sent',
      labelNames: ['operation'],
      buckets: [0, 1, 2, 4, 8, 16, 32, 64],
      registers: [registry],
    }),
  };
}

interface MysqlPool {
  _allConnections?: { length: number };
  _freeConnections?: { length: number };
}

/** The driver's pools by server: one, or with read replicas one per node of its cluster. */
function mysqlPools(db: DataSource): Record<string, MysqlPool> {
  const driver = db.driver as unknown as {
    pool?: MysqlPool;
    poolCluster?: { _nodes?: Record<string, { pool: MysqlPool }> };
  };
  if (driver.pool) return { MASTER: driver.pool };
  return Object.fromEntries(
    Object.entries(driver.poolCluster?._nodes ?? {}).map(([server, node]) => [server, node.pool]),
  );
}

/** What is logged and counted of one operation. */
export interface OperationRecord {
  requestId: string;
  /** as the client named it: bounded before it is logged or labelled */
  operationName: string | null | undefined;
  seconds: number;
  /** HTTP status of the answer */
  status: number;
  /** `extensions.code` of each error */
  codes: string[];
  userId?: number;
}

/**
 * Logs one line and counts one operation in the metrics, whether Apollo answered it or the
 * limits refused it before validation: every operation is recorded here, and once.
 */
export function operationRecorder(logger: Logger, metrics: Metrics): (record: OperationRecord) => void {
  const labelOf = operationLabels();
  return ({ requestId, operationName, seconds, status, codes, userId }) => {
    const distinct = [...new Set(codes)];
    const outcome =
      distinct.length === 0 ? 'success' : distinct.includes('INTERNAL_SERVER_ERROR') ? 'error' : 'rejected';
    const operation = labelOf(operationName);
    const statements = currentQueryStats()?.statements ?? 0;
    metrics.requests.inc({ operation, outcome });
    metrics.duration.observe({ operation, outcome }, seconds);
    metrics.statements.observe({ operation }, statements);
    logger.info(
      {
        requestId,
        operation: operationName ? bounded(operationName) : 'anonymous',
        durationMs: Math.round(seconds * 10000) / 10,
        statements,
        status,
        errorCodes: distinct,
        userId,
      },
      'graphql operation',
    );
  };
}

/** Records every operation Apollo answers once, when its response is sent. */
export function observabilityPlugin(
  record: (record: OperationRecord) => void,
): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ contextValue, operationName, errors, response }) {
          record({
            requestId: contextValue.requestId,
            operationName,
            seconds: (performance.now() - started) / 1000,
            status: response.http.status ?? 200,
            codes: (errors ?? []).map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR')),
            userId: contextValue.viewer?.userId,
          });
        },
      };
    },
  };
}
