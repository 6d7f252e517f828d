import { ApolloServer } from '@apollo/server';
import { DataSource } from 'typeorm';
import { Viewer } from '../../src/access/viewer';
import { memoryStore } from '../../src/common/shared-store';
import { loadConfig } from '../../src/config';
import { Context, createContext, createServices, Services } from '../../src/context';
import { buildAppSchema } from '../../src/schema';
import { createApolloServer } from '../../src/server';
import { GraphQLResult, Operation } from './graphql';
import { TEST_JWT_SECRET } from './sessions';
import { testLogger } from './test-log';

export type { GraphQLResult } from './graphql';

export interface TestServer {
  apollo: ApolloServer<Context>;
  services: Services;
  /** Runs one operation with a fresh context, as one HTTP request would get, as `viewer` (anonymous by default). */
  execute<TResult, TVariables>(
    query: Operation<TResult, TVariables>,
    variables?: TVariables,
    viewer?: Viewer | null,
  ): Promise<GraphQLResult<TResult>>;
  execute<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    viewer?: Viewer | null,
  ): Promise<GraphQLResult<T>>;
  stop(): Promise<void>;
}

export async function createTestServer(db: DataSource): Promise<TestServer> {
  const services = createServices(db, { ...loadConfig({}), jwtSecret: TEST_JWT_SECRET }, memoryStore());
  const apollo = createApolloServer(
    await buildAppSchema(services),
    { ...loadConfig({}), nodeEnv: 'test' },
    { logger: testLogger('apollo') },
  );
  await apollo.start();
  return {
    apollo,
    services,
    async execute(query: string, variables?: Record<string, unknown>, viewer: Viewer | null = null) {
      const response = await apollo.executeOperation(
        { query, variables },
        { contextValue: createContext(db, services, viewer) },
      );
      if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
      return response.body.singleResult as GraphQLResult<any>;
    },
    stop: async () => {
      await services.refreshLoop.stop();
      await apollo.stop();
    },
  };
}
