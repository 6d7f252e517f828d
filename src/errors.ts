import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';

// Coded errors that services throw. Clients branch on `extensions.code`, so the
// codes are part of the API contract; messages are for people.

export type ErrorCode =
  'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'RATE_LIMITED' | 'INTERNAL_SERVER_ERROR';

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
  constructor(type: string, id: string | number) {
    super(`${type} ${id} not found`, 'NOT_FOUND', { type, id: String(id) });
  }
}

export class UnauthenticatedError extends CodedError {
  constructor(message = 'You must be signed in to do this') {
    super(message, 'UNAUTHENTICATED');
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
]);

/**
 * The one place errors are shaped for clients. Anything that is not a known,
 * coded error (a driver error, a bug) is masked so that SQL, addresses and
 * stack traces never reach a response; the original goes to `log`.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  log: (error: unknown) => void = (e) => console.error(e),
): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && PUBLIC_CODES.has(code)) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  const original = unwrapThrownValue(unwrapResolverError(error));
  if (isDatabaseUnavailable(original)) {
    return {
      message: 'The database is unavailable; try again shortly',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    };
  }
  log(original);
  return {
    message: 'Internal server error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
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
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string }; message?: string } | null;
  const code = e?.driverError?.code ?? e?.code;
  return (
    (code !== undefined && UNAVAILABLE_CODES.has(code)) ||
    /Pool is closed|connect ETIMEDOUT/.test(e?.message ?? '')
  );
}
