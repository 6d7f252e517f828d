import { parseArgs } from 'node:util';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

// The ceiling for bench:load, started by bench/load.ts as a child process: a bare
// Apollo server answering `{ hello }`, with no database, plugins or limits, so the
// throughput it reaches is what HTTP and GraphQL alone allow on this machine.

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '4100' } } });
  const apollo = new ApolloServer({
    typeDefs: 'type Query { hello: String }',
    resolvers: { Query: { hello: () => 'world' } },
  });
  await startStandaloneServer(apollo, { listen: { host: '127.0.0.1', port: Number(values.port) } });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
