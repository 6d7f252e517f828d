import { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { SharedStore } from '../../src/common/shared-store';
import { Config } from '../../src/config';
import { App, createApp } from '../../src/server';
import { GraphQLResult } from './graphql';
import { testLogger } from './test-log';

/** `createApp` with its log kept in memory and shown only when a test fails (see test-log.ts). */
export function createTestApp(db: DataSource, config: Config, store?: SharedStore): Promise<App> {
  return createApp(db, config, store, testLogger('app'));
}

/** Serves an app from `createApp` on a free loopback port, and returns its base URL. */
export async function listen(app: App): Promise<string> {
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
}

/** POSTs a GraphQL request as JSON to a served app's /graphql, as a client would. */
export function postGraphQL(
  base: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** The GraphQL body of an HTTP answer, typed as the document's result. */
export async function readGraphQL<T = Record<string, any>>(response: Response): Promise<GraphQLResult<T>> {
  return (await response.json()) as GraphQLResult<T>;
}

/** Closes what `createApp` opened (see `App.close`); the test closes its database itself. */
export async function stopApp(app: App | undefined): Promise<void> {
  await app?.close();
}
