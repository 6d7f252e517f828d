import 'reflect-metadata';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './database';
import { createApp } from './server';

async function main(): Promise<void> {
  const config = loadConfig();
  const db = await openDatabase(config);
  const { httpServer, apollo, services } = await createApp(db, config);
  await new Promise<void>((resolve) => httpServer.listen(config.port, resolve));
  console.log(
    `Skillgraph serving http://localhost:${config.port}/graphql on ${config.databaseUrl ? 'MySQL' : 'the embedded database'}`,
  );

  const shutdown = async (signal: string) => {
    console.log(`${signal} received, finishing in-flight requests`);
    await apollo.stop(); // stops accepting and drains the HTTP server
    services.matchIndex.stop();
    await db.destroy();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : error);
  process.exit(1);
});
