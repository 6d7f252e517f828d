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
    commandOptions: { timeout: REDIS_COMMAND_TIMEOUT_MS },
    // Commands sent while disconnected fail at once (and fall back) instead of queueing.
    disableOfflineQueue: true,
  });
  client.on('error', () => undefined); // reconnects by itself; the fallbacks above cover the gap
  client.connect().catch(() => undefined);
  const apq = new KeyvRedis(client, { throwOnConnectError: false, throwOnErrors: false });
  const cache = new Keyv({ store: apq, namespace: `${namespace}:apq`, throwOnErrors: false });
  cache.on('error', () => undefined); // a miss: the client sends the full query
  return {
    limiter: ({ keyPrefix, points, durationSeconds }) =>
      new RateLimiterRedis({
        storeClient: client,
        useRedisPackage: true,
        rejectIfRedisNotReady: true,
        keyPrefix: `${namespace}:${keyPrefix}`,
        points,
        duration: durationSeconds,
        // Covers every failed command: refused, disconnected and timed out alike.
        insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration: durationSeconds }),
      }),
    cache: new KeyvAdapter(cache),
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
