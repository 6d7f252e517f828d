import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express, { NextFunction, Request, RequestHandler, Response } from 'express';
import { DataSource } from 'typeorm';
import { jwtSecretOf } from './account/secret';
import { Sessions } from './account/sessions';
import { TokenRejected } from './account/token';
import { Viewer } from './access/viewer';
import { readFromPrimaryFromNowOn, withQueryStats } from './common/query-stats';
import { notReadyBecause } from './common/readiness';
import { Config } from './config';
import { Context, createContext, createServices, Services } from './context';
import { jsonBody } from './common/json-body';
import { memoryStore, openSharedStore, SharedStore } from './common/shared-store';
import { databaseIdentity } from './database';
import {
  describeForLog,
  errorLogPlugin,
  formatError,
  isDatabaseUnavailable,
  RateLimitedError,
  ServiceUnavailableError,
  TokenRejectedError,
} from './errors';
import { EXPLORER_ASSETS, explorerAssets, explorerPlugin } from './explorer';
import { compiledExecutionPlugin } from './compiled-execution';
import { costLimitPlugin } from './cost';
import { ValidatedDocuments } from './document-store';
import { limitRules, LIMITS, limitsBeforeValidation } from './limits';
import { createLogger, createMetrics, observabilityPlugin, operationRecorder } from './observability';
import { buildAppSchema } from './schema';
import { serveWebApp } from './web';
import { Logger } from 'pino';
import { GraphQLFormattedError } from 'graphql';

export interface App {
  httpServer: Server;
  apollo: ApolloServer<Context>;
  services: Services;
  logger: Logger;
  /** From now on /readyz answers 503, so load balancers stop sending requests. */
  beginShutdown(): void;
  /**
   * Resolves once no GraphQL request is being handled. Draining the HTTP server is not
   * enough before closing the pool: a request whose client has left is on no connection.
   */
  idle(): Promise<void>;
  /**
   * Closes everything the app opened, in order: turns unready, stops taking requests and
   * lets those in flight finish, stops the refresh loop (the match index's change feed),
   * saves the match index when it is to be kept (INDEX_SNAPSHOT), and closes the shared store when the app opened it (Redis). The database stays open:
   * it belongs to whoever opened it and handed it in, who closes it after this.
   */
  close(): Promise<void>;
}

/** Builds the Apollo server for a schema; tests use it directly with `executeOperation`. */
export function createApolloServer(
  schema: Awaited<ReturnType<typeof buildAppSchema>>,
  config: Pick<Config, 'nodeEnv' | 'costPerMinute'>,
  {
    httpServer,
    plugins = [],
    logger,
    store = memoryStore(),
    documents = new ValidatedDocuments(),
  }: {
    httpServer?: Server;
    plugins?: ApolloServerPlugin<Context>[];
    logger?: Logger;
    store?: SharedStore;
    /** parsed and validated documents, shared with the limits checked before validation */
    documents?: ValidatedDocuments;
  } = {},
): ApolloServer<Context> {
  const production = config.nodeEnv === 'production';
  return new ApolloServer<Context>({
    schema,
    // Automatic persisted queries, shared by every replica when the store is Redis.
    cache: store.cache,
    documentStore: documents,
    formatError: (formatted, error) => formatError(withApolloCode(formatted), error, { production }),
    includeStacktraceInErrorResponses: config.nodeEnv === 'development',
    introspection: !production,
    // No "did you mean" field suggestions that map the schema for an attacker.
    hideSchemaDetailsFromClientErrors: production,
    validationRules: limitRules(),
    parseOptions: { maxTokens: LIMITS.tokens },
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // main.ts owns shutdown: it drains requests, closes the pool and exits 0.
    stopOnTerminationSignals: false,
    plugins: [
      costLimitPlugin(
        schema,
        store.limiter({ keyPrefix: 'cost', points: config.costPerMinute, durationSeconds: 60 }),
      ),
      statusCodePlugin,
      readYourWritesPlugin,
      // Documents asked again and again (ranked lists above all) run compiled; see the module.
      compiledExecutionPlugin(schema, { compileAfter: 2, capacity: 1000 }),
      errorLogPlugin((record) =>
        logger ? logger.error(record, 'unexpected error') : console.error('unexpected error', record),
      ),
      // No cache hints are used, and the plugin does work for every resolved field.
      ApolloServerPluginCacheControlDisabled(),
      ...plugins,
      ...(httpServer ? [ApolloServerPluginDrainHttpServer({ httpServer })] : []),
    ],
  });
}

/**
 * The HTTP app: GraphQL at /graphql, liveness at /healthz, readiness (every table there and
 * writable, see readiness.ts) at /readyz.
 * Rate limits and persisted queries live in `store`: Redis when REDIS_URL is set. Tests hand in
 * a `logger` that keeps its lines in memory.
 */
export async function createApp(
  db: DataSource,
  config: Config,
  store?: SharedStore,
  logger: Logger = createLogger(config),
): Promise<App> {
  const app = express();
  const httpServer = createServer(app);
  const services = createServices(
    db,
    { ...config, jwtSecret: jwtSecretOf(config) },
    store ?? (await openSharedStore(config.redisUrl)),
    {
      indexSnapshot: config.indexSnapshot && {
        path: config.indexSnapshot.path,
        source: databaseIdentity(config),
      },
      rankingThreads: config.rankingThreads,
    },
  );
  const metrics = createMetrics(db, services.matchIndex);
  const record = operationRecorder(logger, metrics);
  const schema = await buildAppSchema(services);
  const documents = new ValidatedDocuments();
  const apollo = createApolloServer(schema, config, {
    httpServer,
    logger,
    store: services.store,
    documents,
    plugins: [observabilityPlugin(record), explorerPlugin(config.explorer)],
  });
  await apollo.start();
  let shuttingDown = false;
  // Built and loaded before the first request, not by it.
  await services.matchIndex.ready();
  services.refreshLoop.start(logger);
  const snapshots = config.indexSnapshot?.save ? saveIndexSnapshots(services, logger) : null;
  await services.courseCatalog.refresh();

  app.disable('x-powered-by');
  // No ETag on answers: a hash of every GraphQL answer's body, which no client of a POST uses.
  app.set('etag', false);
  // Behind a load balancer, the client's address (for rate limits) is in X-Forwarded-For.
  app.set('trust proxy', config.trustProxy);
  if (config.explorer) app.use(EXPLORER_ASSETS, explorerAssets());
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/metrics', async (req, res) => {
    if (config.metricsToken !== null && !bearerMatches(req.header('authorization'), config.metricsToken)) {
      res.status(401).set('www-authenticate', 'Bearer').json({ error: 'A bearer token is required' });
      return;
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.get('/readyz', async (_req, res) => {
    if (shuttingDown) {
      res.status(503).json({ status: 'shutting down' });
      return;
    }
    const reason = await notReadyBecause(db);
    if (reason) res.status(503).json({ status: 'unavailable', reason });
    else res.json({ status: 'ready' });
  });
  // Who asks, worked out once a request: the body's limit and the context both need it.
  const viewers = new WeakMap<Request, Promise<Viewer | null>>();
  const viewerOf = (req: Request) => {
    let viewer = viewers.get(req);
    if (!viewer)
      viewers.set(req, (viewer = viewerFrom(req.header('authorization'), services.accounts.sessions)));
    return viewer;
  };
  let handling = 0;
  const waitingForIdle: (() => void)[] = [];
  const counted =
    (handler: RequestHandler): RequestHandler =>
    async (req, res, next) => {
      handling++;
      try {
        await handler(req, res, next);
      } finally {
        if (--handling === 0) for (const resolve of waitingForIdle.splice(0)) resolve();
      }
    };
  app.use(
    '/graphql',
    cors(),
    (req, res, next) => {
      res.locals.requestId = requestIdFrom(req.header('x-request-id')) ?? randomUUID();
      res.setHeader('x-request-id', res.locals.requestId);
      next();
    },
    jsonBody(viewerOf),
    limitsBeforeValidation(schema, documents, ({ res, operationName, codes, seconds }) =>
      record({ requestId: res.locals.requestId, operationName, seconds, status: res.statusCode, codes }),
    ),
    (_req, _res, next) => withQueryStats(() => next()),
    counted(
      expressMiddleware(apollo, {
        context: async ({ req, res }) => {
          const viewer = await viewerOf(req);
          return createContext(db, services, viewer, res.locals.requestId, req.ip ?? 'unknown');
        },
      }),
    ),
  );
  serveWebApp(app); // the web app at /, after every API route
  // Errors before GraphQL (a body that is not JSON, too large, ...) answer in GraphQL's
  // shape too, never with express's HTML page and its stack trace.
  app.use((error: { status?: number; type?: string }, _req: Request, res: Response, _next: NextFunction) => {
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) logger.error({ err: error }, 'unexpected HTTP error');
    res.status(status).json({
      errors: [
        {
          message:
            status === 413
              ? 'Request body too large'
              : status === 500
                ? 'Internal server error'
                : 'Malformed request body',
          extensions: { code: status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST' },
        },
      ],
    });
  });
  const idle = () =>
    handling === 0 ? Promise.resolve() : new Promise<void>((resolve) => waitingForIdle.push(resolve));
  return {
    httpServer,
    apollo,
    services,
    logger,
    beginShutdown: () => {
      shuttingDown = true;
    },
    idle,
    close: async () => {
      shuttingDown = true;
      await apollo.stop(); // stops accepting and drains the HTTP server
      await idle();
      await services.refreshLoop.stop();
      await snapshots?.stop();
      await services.matchIndex.threads.close();
      if (!store) await services.store.close();
    },
  };
}

/** How often the match index is saved while it changes (and once more at shutdown). */
const SNAPSHOT_EVERY_MS = 5 * 60_000;

/**
 * Saves the match index every few minutes while writes change it, and at shutdown, so that
 * the next start loads it instead of reading every candidate. A save that fails is logged
 * and tried again at the next; the service goes on without.
 */
function saveIndexSnapshots(services: Services, logger: Logger): { stop(): Promise<void> } {
  const save = () =>
    services.matchIndex.saveSnapshot().catch((error: unknown) => {
      logger.warn({ error: describeForLog(error) }, 'match index snapshot not saved');
    });
  const timer = setInterval(() => void save(), SNAPSHOT_EVERY_MS);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await save();
    },
  };
}

/**
 * A request refused before execution answers 400 with its code (GraphQL over HTTP), or
 * 429 with Retry-After when rate-limited; only a fault of the service answers 500.
 * Apollo answers 500 for any error a plugin throws without an HTTP status of its own.
 */
const statusCodePlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, errors }) {
        const limited = errors
          ?.flatMap((e) => [e, e.originalError])
          .find((e) => e instanceof RateLimitedError);
        if (limited instanceof RateLimitedError) {
          response.http.status = 429;
          response.http.headers.set('retry-after', String(limited.retryAfterSeconds));
          return;
        }
        if (response.body.kind !== 'single') return;
        const result = response.body.singleResult;
        const refused = !('data' in result) && (result.errors?.length ?? 0) > 0;
        const serviceFault = result.errors?.some((e) => SERVICE_FAULTS.has(String(e.extensions?.code)));
        if (refused && !serviceFault && (response.http.status ?? 500) >= 500) response.http.status = 400;
      },
    };
  },
};

const SERVICE_FAULTS = new Set(['INTERNAL_SERVER_ERROR', 'SERVICE_UNAVAILABLE']);

/** Apollo refuses a persisted query whose hash does not match its text with no code at all. */
function withApolloCode(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (formatted.message !== 'provided sha does not match query') return formatted;
  return { ...formatted, extensions: { ...formatted.extensions, code: 'PERSISTED_QUERY_HASH_MISMATCH' } };
}

/**
 * A mutation reads from the primary, from its first statement to its answer, so it
 * sees its own writes however far the read replicas lag (see ormconfig.ts).
 */
const readYourWritesPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation }) {
        if (operation?.operation === 'mutation') readFromPrimaryFromNowOn();
      },
    };
  },
};

/**
 * The account a bearer token stands for, as it is now; anonymous without a token. A token
 * that is not honoured (garbage, forged, expired, logged out, its account deleted) fails
 * the request with UNAUTHENTICATED and the reason, so a client can tell it must log in again.
 */
async function viewerFrom(header: string | undefined, sessions: Sessions): Promise<Viewer | null> {
  if (header === undefined) return null;
  const match = header.match(/^Bearer\s+(\S{1,4096})$/i);
  if (!match) throw new TokenRejectedError('TOKEN_INVALID');
  try {
    return await sessions.viewerFor(match[1]);
  } catch (error) {
    if (error instanceof TokenRejected) throw new TokenRejectedError(error.reason);
    if (isDatabaseUnavailable(error)) throw new ServiceUnavailableError();
    throw error;
  }
}

/** Whether the header is `Bearer <expected>`, compared in constant time. */
function bearerMatches(header: string | undefined, expected: string): boolean {
  const given = header?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? '';
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** A client's request id is kept when it looks like one, so logs can be joined across services. */
function requestIdFrom(header: string | undefined): string | undefined {
  return header && /^[\w.:-]{1,128}$/.test(header) ? header : undefined;
}
