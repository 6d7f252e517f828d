import { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { describeViolations, withoutClientValues } from './error-messages';

// Coded errors that services throw. Clients branch on `extensions.code`, so the
// codes are part of the API contract; messages are for people.

export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'RATE_LIMITED'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

abstract class CodedError extends GraphQLError {
  constructor(message: string, code: ErrorCode, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }
}

export class BadUserInputError extends CodedError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(message, 'BAD_USER_INPUT', extensions);
  }
}

export class NotFoundError extends CodedError {
  /** `id` as the client knows it: a global id (src/common/id.ts), or the slug or alias it named. */
  constructor(type: string, id: string) {
    super(`${type} ${id} not found`, 'NOT_FOUND', { type, id });
  }
}

export class UnauthenticatedError extends CodedError {
  constructor(message = 'You must be signed in to do this', extensions: Record<string, unknown> = {}) {
    super(message, 'UNAUTHENTICATED', extensions);
  }
}

const TOKEN_MESSAGES = {
  TOKEN_EXPIRED: 'The session token has expired: log in again',
  TOKEN_INVALID: 'The session token is not valid: log in again',
  TOKEN_REVOKED: 'The session has ended (logged out, or the account changed): log in again',
};

/** A request whose bearer token is not honoured: HTTP 401, and `extensions.reason` says why. */
export class TokenRejectedError extends UnauthenticatedError {
  constructor(reason: keyof typeof TOKEN_MESSAGES) {
    super(TOKEN_MESSAGES[reason], {
      reason,
      http: {
        status: 401,
        headers: new Map([['www-authenticate', `Bearer error="invalid_token"`]]),
      },
    });
  }
}

export class ServiceUnavailableError extends CodedError {
  constructor(message = 'The database is unavailable; try again shortly') {
    super(message, 'SERVICE_UNAVAILABLE', { http: { status: 503 } });
  }
}

export class ForbiddenError extends CodedError {
  constructor(message = 'You are not allowed to do this') {
    super(message, 'FORBIDDEN');
  }
}

export class RateLimitedError extends CodedError {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many attempts: try again in ${retryAfterSeconds} s`, 'RATE_LIMITED', { retryAfterSeconds });
  }
}

/** Codes whose message is safe and useful to show as it is. */
const PUBLIC_CODES = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PERSISTED_QUERY_HASH_MISMATCH',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  'RATE_LIMITED',
  'QUERY_TOO_COMPLEX',
  'SERVICE_UNAVAILABLE',
]);

/**
 * The one place errors are shaped for clients. Anything that is not a known,
 * coded error (a driver error, a bug) is masked so that SQL, addresses and
 * stack traces never reach a response (`errorLogPlugin` logs it). No error echoes
 * what the client sent, and in production none suggests names ("Did you mean ...?").
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  { production = false }: { production?: boolean } = {},
): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && PUBLIC_CODES.has(code)) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    if (Array.isArray(extensions.validationErrors)) {
      extensions.validationErrors = describeViolations(extensions.validationErrors);
    }
    return {
      ...formatted,
      message: withoutClientValues(formatted.message, error, { production }),
      extensions,
    };
  }
  if (isDatabaseUnavailable(unwrapThrownValue(unwrapResolverError(error)))) {
    return {
      message: 'The database is unavailable; try again shortly',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    };
  }
  return {
    message: 'Internal server error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

/** Neither a coded error nor a database outage: a bug or a fault to look into. */
export function isUnexpected(error: unknown): boolean {
  const code = (error as GraphQLError | null)?.extensions?.code;
  if (typeof code === 'string' && PUBLIC_CODES.has(code)) return false;
  const original = unwrapThrownValue(unwrapResolverError(error));
  const originalCode = (original as GraphQLError | null)?.extensions?.code;
  if (typeof originalCode === 'string' && PUBLIC_CODES.has(originalCode)) return false;
  return !isDatabaseUnavailable(original);
}

/**
 * Logs each unexpected error once, with the request id and what identifies the fault:
 * the error's class, its driver code and where it was thrown. Never its message when it
 * comes from the database (MySQL puts the values in it: "Duplicate entry 'a@b.c'"), the
 * SQL, its parameters or the operation's variables.
 */
export function errorLogPlugin(
  log: (record: Record<string, unknown>) => void,
): ApolloServerPlugin<{ requestId: string }> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors) {
            if (!isUnexpected(error)) continue;
            log({
              requestId: contextValue.requestId,
              operation: operationName?.slice(0, 64),
              path: error.path?.join('.'),
              error: describeForLog(unwrapThrownValue(unwrapResolverError(error))),
            });
          }
        },
      };
    },
  };
}

/** What may be logged of an error: nothing the client or the database put into it. */
export function describeForLog(error: unknown): Record<string, unknown> {
  const e = (error ?? {}) as {
    constructor?: { name?: string };
    name?: string;
    code?: unknown;
    errno?: unknown;
    sqlState?: unknown;
    driverError?: { code?: unknown; errno?: unknown; sqlState?: unknown };
    message?: unknown;
    stack?: unknown;
  };
  const fromDatabase =
    e.driverError !== undefined || e.sqlState !== undefined || e.errno !== undefined || 'sql' in e;
  const frames = typeof e.stack === 'string' ? e.stack.split('\n').filter((l) => /^\s+at /.test(l)) : [];
  return {
    class: e.constructor?.name ?? typeof error,
    code: e.driverError?.code ?? e.code,
    errno: e.driverError?.errno ?? e.errno,
    sqlState: e.driverError?.sqlState ?? e.sqlState,
    ...(fromDatabase || typeof e.message !== 'string' ? {} : { message: e.message.slice(0, 200) }),
    stack: frames.slice(0, 12).map((l) => l.trim()),
  };
}

/**
 * What a resolver threw. graphql-js wraps a thrown value that is not an `Error` of its
 * own realm in NonErrorThrown: driver errors made by Node's `net` module are such values
 * under jest's sandbox.
 */
function unwrapThrownValue(error: unknown): unknown {
  return (error as { thrownValue?: unknown } | null)?.thrownValue ?? error;
}

/** Driver errors that mean "no database right now", as opposed to a bug. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT', // QUERY_TIMEOUT_MS passed without an answer
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  // The schema or the file is gone or read-only: an operator's matter, and /readyz says so.
  'ER_BAD_DB_ERROR',
  'ER_NO_SUCH_TABLE',
  'SQLITE_READONLY',
  'SQLITE_CANTOPEN',
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string }; message?: string } | null;
  const code = e?.driverError?.code ?? e?.code;
  return (
    (code !== undefined && UNAVAILABLE_CODES.has(code)) ||
    /Pool is closed|connect ETIMEDOUT/.test(e?.message ?? '')
  );
}
