import { KeyvAdapter } from '@apollo/utils.keyvadapter';
import KeyvRedis, { createClient, Keyv } from '@keyv/redis';
import {
  RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import { RateLimitedError } from '../errors';

// Where the little state the service keeps between requests lives: per-client rate
// limit counters and automatic persisted queries. With REDIS_URL, in Redis, shared by
// every replica behind the load balancer; without it, in this process's memory.

export interface LimitOptions {
  /** names the counter, so that two limits never share keys */
  keyPrefix: string;
  /** what a client may spend per `durationSeconds` */
  points: number;
  durationSeconds: number;
}

export interface SharedStore {
  limiter(options: LimitOptions): RateLimiterAbstract;
  /** for Apollo's persisted queries; undefined means Apollo's own in-memory cache */
  cache: KeyvAdapter | undefined;
  close(): Promise<void>;
}

export function memoryStore(): SharedStore {
  return {
    limiter: ({ keyPrefix, points, durationSeconds }) =>
      new RateLimiterMemory({ keyPrefix, points, duration: durationSeconds }),
    cache: undefined,
    close: async () => undefined,
  };
}

/** Longest a Redis command may take before the in-memory fallback answers instead. */
export const REDIS_COMMAND_TIMEOUT_MS = 200;

const TIMED_OUT = Symbol('timed out');

/** `work`'s result, or TIMED_OUT once `ms` have passed without one. */
function within<T>(work: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * Redis for every replica. While Redis is unreachable, refuses connections or accepts
 * them and never answers, limits fall back to this process's memory instead of
 * refusing or holding every request, and persisted queries miss (clients then send the
 * full query, as the APQ protocol provides). Start-up does not wait for Redis: the
 * client connects, and reconnects, in the background.
 */
export async function redisStore(url: string, namespace = 'skillgraph'): Promise<SharedStore> {
  const client = createClient({
    url,
    socket: {
      connectTimeout: 2000,
      reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5000),
    },
    // Commands sent while disconnected fail at once (and fall back) instead of queueing.
    disableOfflineQueue: true,
  });
  client.on('error', () => undefined); // reconnects by itself; the fallbacks above cover the gap
  const connect = () => client.connect().catch(() => undefined);
  void connect();
  let reconnecting = false;
  /**
   * After a command timed out: the client's own timeouts do not cover a command already
   * sent, so the connection is dropped, failing what waits on it, and opened afresh.
   * Until it is ready again, commands fail at once and the fallbacks answer.
   */
  const timedOut = () => {
    if (reconnecting) return;
    reconnecting = true;
    if (client.isOpen) client.destroy();
    void connect().finally(() => (reconnecting = false));
  };
  const apq = new KeyvRedis(client, { throwOnConnectError: false, throwOnErrors: false });
  const keyv = new Keyv({ store: apq, namespace: `${namespace}:apq`, throwOnErrors: false });
  keyv.on('error', () => undefined); // a miss: the client sends the full query
  const cache = new KeyvAdapter(keyv);
  const get = cache.get.bind(cache);
  const set = cache.set.bind(cache);
  cache.get = async (key) => {
    const found = await within(get(key), REDIS_COMMAND_TIMEOUT_MS);
    if (found !== TIMED_OUT) return found;
    timedOut();
    return undefined;
  };
  cache.set = async (key, value, options) => {
    if ((await within(set(key, value, options), REDIS_COMMAND_TIMEOUT_MS)) === TIMED_OUT) timedOut();
  };
  return {
    limiter: ({ keyPrefix, points, durationSeconds }) => {
      const memory = new RateLimiterMemory({ keyPrefix, points, duration: durationSeconds });
      const limiter = new RateLimiterRedis({
        storeClient: client,
        useRedisPackage: true,
        rejectIfRedisNotReady: true,
        keyPrefix: `${namespace}:${keyPrefix}`,
        points,
        duration: durationSeconds,
      });
      const consume = limiter.consume.bind(limiter);
      // Memory answers for every failed command: refused, disconnected and timed out alike.
      // (Not as the library's insurance limiter: a timed-out command that fails later
      // would be counted there a second time.)
      limiter.consume = async (key, spent, options) => {
        let result;
        try {
          result = await within(consume(key, spent, options), REDIS_COMMAND_TIMEOUT_MS);
        } catch (error) {
          if (error instanceof RateLimiterRes) throw error;
          return memory.consume(key, spent, options);
        }
        if (result !== TIMED_OUT) return result;
        timedOut();
        return memory.consume(key, spent, options);
      };
      return limiter;
    },
    cache,
    // At shutdown, nothing left to say to Redis is worth waiting on a hung one for.
    close: async () => {
      if (client.isOpen) client.destroy();
    },
  };
}

export function openSharedStore(redisUrl: string | null): Promise<SharedStore> {
  return redisUrl ? redisStore(redisUrl) : Promise.resolve(memoryStore());
}

/** Spends `points` of a client's allowance, or throws RATE_LIMITED with when to try again. */
export async function spend(limiter: RateLimiterAbstract, key: string, points = 1): Promise<void> {
  try {
    await limiter.consume(key, points);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      throw new RateLimitedError(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
    }
    throw rejection;
  }
}
