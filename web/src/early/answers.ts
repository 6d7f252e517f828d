// What the early script (early.ts) hands the app: the requests it sent before the app's own
// code had loaded, so the app takes their answers (early-link.ts) instead of asking again.
// Shared by both, so it imports nothing.

/** The key the session's token is kept under in localStorage (see session.ts). */
export const TOKEN_KEY = 'skillgraph.token';

/** An answer is only taken while the page starts: later, the app asks for what is current. */
const FRESH_MS = 10_000;

export interface EarlyRequest {
  operationName: string;
  /** The operation's text, as the app's client sends it. */
  query: string;
  variables: Record<string, unknown>;
  /** The `authorization` header it went with, '' for none: an answer is only for that session. */
  authorization: string;
  /** When it was sent, in ms since navigation. */
  sentAt: number;
  /** The answer, when the API gave data and no error; null when it did not (the app then asks itself). */
  answer: Promise<{ data: Record<string, unknown> } | null>;
}

type Body = { data?: Record<string, unknown> | null; errors?: unknown } | null;

// Kept on the page's global object, where the early script leaves it for the app; the app's
// client also runs outside a browser (tests/integration/typed-client.test.ts), where it is empty.
const shared = globalThis as { skillgraphEarly?: EarlyRequest[] };

export function authorizationOf(token: string | null): string {
  return token ? `Bearer ${token}` : '';
}

/** Sends a GraphQL query as the app's client would, and keeps its answer for the app. */
export function sendEarly(
  operationName: string,
  query: string,
  variables: Record<string, unknown>,
  token: string | null,
): void {
  const authorization = authorizationOf(token);
  const answer = fetch('/graphql', {
    method: 'POST',
    headers: {
      accept: 'application/graphql-response+json,application/json;q=0.9',
      'content-type': 'application/json',
      ...(authorization ? { authorization } : {}),
    },
    body: JSON.stringify({ operationName, variables, query }),
  })
    .then((response) => (response.ok ? (response.json() as Promise<Body>) : null))
    .then((body) => (body?.data && !body.errors ? { data: body.data } : null))
    .catch(() => null);
  (shared.skillgraphEarly ??= []).push({
    operationName,
    query,
    variables,
    authorization,
    sentAt: performance.now(),
    answer,
  });
}

/**
 * Takes (once) the answer to a request sent early with this text, these variables (compared
 * by `same`) and this authorization, if it is still fresh.
 */
export function takeEarly(
  query: string,
  authorization: string,
  sameVariables: (early: Record<string, unknown>) => boolean,
): EarlyRequest['answer'] | null {
  const pending = shared.skillgraphEarly ?? [];
  const index = pending.findIndex(
    (r) =>
      r.query === query &&
      r.authorization === authorization &&
      performance.now() - r.sentAt < FRESH_MS &&
      sameVariables(r.variables),
  );
  if (index < 0) return null;
  return pending.splice(index, 1)[0].answer;
}

/** Drops every early answer: the session changed, so none of them is this person's. */
export function forgetEarly(): void {
  shared.skillgraphEarly = [];
}
